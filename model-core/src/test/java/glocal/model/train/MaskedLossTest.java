package glocal.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import glocal.model.mtl.GroupHeads;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskedLossTest {

    private static List<float[]> values(Block block) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    @Test
    void groupBlockDoesNotMoveOnBatchWithoutItsExamples() {
        TinyWorld world = new TinyWorld(5, 200, 40, 4);
        ModelSpec spec =
                ModelSpec.defaults(ModelKind.MTL)
                        .with(
                                ModelSpec.EMBEDDING_DIM,
                                "16",
                                ModelSpec.OUTPUT_DIM,
                                "16",
                                ModelSpec.TOWER_HIDDEN,
                                "16");
        try (OnlineTrainer trainer = OnlineTrainer.create(spec)) {
            for (int i = 0; i < 5; i++) {
                trainer.step(world.nextBatch(128));
            }
            GroupHeads heads = (GroupHeads) trainer.model().switcher();
            List<float[]> group0Before = values(heads.head(0));
            List<float[]> group2Before = values(heads.head(2));

            trainer.step(world.nextBatch(128, 0));

            List<float[]> group2After = values(heads.head(2));
            for (int i = 0; i < group2Before.size(); i++) {
                assertThat(group2After.get(i)).containsExactly(group2Before.get(i));
            }
            List<float[]> group0After = values(heads.head(0));
            assertThat(group0After.get(0)).isNotEqualTo(group0Before.get(0));
        }
    }
}
