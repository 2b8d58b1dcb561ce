package glocal.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeterminismTest {

    private static float[] losses(ModelSpec spec, int steps) {
        TinyWorld world = new TinyWorld(11, 300, 50, 4);
        float[] out = new float[steps];
        try (OnlineTrainer trainer = new OnlineTrainer(spec, ai.djl.Device.cpu())) {
            for (int s = 0; s < steps; s++) {
                out[s] = trainer.step(world.nextBatch(128)).loss();
            }
        }
        return out;
    }

    @Test
    void sameSeedGivesIdenticalLossesOnCpu() {
        ModelSpec spec =
                ModelSpec.defaults(ModelKind.CGC)
                        .with(
                                ModelSpec.EMBEDDING_DIM,
                                "16",
                                ModelSpec.OUTPUT_DIM,
                                "16",
                                ModelSpec.TOWER_HIDDEN,
                                "16",
                                ModelSpec.BIASNET,
                                "true");
        float[] first = losses(spec, 40);
        float[] second = losses(spec, 40);
        assertThat(second).containsExactly(first);
    }

    @Test
    void differentSeedGivesDifferentLosses() {
        ModelSpec spec =
                ModelSpec.defaults(ModelKind.MTL)
                        .with(
                                ModelSpec.EMBEDDING_DIM,
                                "16",
                                ModelSpec.OUTPUT_DIM,
                                "16",
                                ModelSpec.TOWER_HIDDEN,
                                "16");
        assertThat(losses(spec.withSeed(1), 5)).isNotEqualTo(losses(spec.withSeed(2), 5));
    }
}
