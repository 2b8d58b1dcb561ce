package glocal.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glocal.model.batch.ExampleBatch;
import org.junit.jupiter.api.Test;

class BehaviourHeadsTest {

    /** Mean log loss of the finish scores on plays: [first 20 batches, last 20 batches]. */
    private static double[] finishLoss(boolean esmm) {
        TinyWorld world = new TinyWorld(31, 300, 60, 4);
        ModelSpec spec =
                EarlierDefaults.of(ModelSpec.defaults(ModelKind.MTL))
                        .with(
                                ModelSpec.EMBEDDING_DIM,
                                "16",
                                ModelSpec.OUTPUT_DIM,
                                "16",
                                ModelSpec.TOWER_HIDDEN,
                                "16",
                                ModelSpec.HEADS,
                                "true",
                                ModelSpec.ESMM,
                                Boolean.toString(esmm));
        double[] sums = new double[2];
        int[] counts = new int[2];
        try (OnlineTrainer trainer = OnlineTrainer.create(spec)) {
            for (int s = 0; s < 200; s++) {
                ExampleBatch batch = world.nextBatch(256);
                StepResult r = trainer.step(batch);
                assertThat(r.finishScores()).hasSize(256);
                int window = s < 20 ? 0 : s >= 180 ? 1 : -1;
                for (int i = 0; window >= 0 && i < batch.size(); i++) {
                    if (batch.play()[i] > 0) {
                        double p = Math.min(1 - 1e-6, Math.max(1e-6, r.finishScores()[i]));
                        sums[window] -= batch.finished()[i] > 0 ? Math.log(p) : Math.log(1 - p);
                        counts[window]++;
                    }
                }
            }
        }
        return new double[] {sums[0] / counts[0], sums[1] / counts[1]};
    }

    @Test
    void finishHeadLearnsFinishGivenPlay() {
        double[] loss = finishLoss(false);
        // Measured (seed 31): 0.686 -> 0.446; finish depends on a hidden title quality the title
        // embedding
        // can learn.
        assertThat(loss[1])
                .as("finish log loss first %.3f last %.3f", loss[0], loss[1])
                .isLessThan(loss[0] - 0.15);
    }

    @Test
    void esmmFinishHeadAsPcvrLearnsThroughPctcvr() {
        double[] loss = finishLoss(true);
        // Measured (seed 31): 0.688 -> 0.453, although pCVR only gets gradient through pCTR x pCVR
        // over all
        // impressions.
        assertThat(loss[1])
                .as("pCVR log loss first %.3f last %.3f", loss[0], loss[1])
                .isLessThan(loss[0] - 0.15);
    }

    @Test
    void esmmWithoutHeadsIsRejectedNamingTheKeys() {
        assertThatThrownBy(() -> ModelSpec.defaults(ModelKind.MTL).with(ModelSpec.ESMM, "true"))
                .hasMessageContaining(ModelSpec.ESMM)
                .hasMessageContaining(ModelSpec.HEADS);
    }
}
