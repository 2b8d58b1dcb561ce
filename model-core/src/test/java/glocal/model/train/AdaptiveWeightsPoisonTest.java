package glocal.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.weights.AdaptiveUserWeights;
import glocal.model.weights.AdaptiveWeightsConfig;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The feedback loop of issue 14's incident, on a real trainer: the adaptive weights computed from
 * the trainer's losses go back into the next batches (as the stream side does through {@code
 * user-weights}), and the batch stream has long runs of impression-only batches (after a
 * stream-side restart 188 of 1,026 batches held only impressions, with losses of 0.002-0.07)
 * between normal ones, for many users with few examples each. Before the fix the weights turned NaN
 * and the NaN weights then turned the model NaN.
 */
class AdaptiveWeightsPoisonTest {

    @Test
    void runsOfImpressionOnlyBatchesNeverMakeTheWeightsOrTheModelNonFinite() {
        TinyWorld world = new TinyWorld(14, 400, 60, 4);
        AdaptiveWeightsConfig config = new AdaptiveWeightsConfig(0.5f, 0, 4, 0.2f, 5f, 2);
        AdaptiveUserWeights weights = new AdaptiveUserWeights(config);
        ModelSpec spec =
                ModelSpec.defaults(ModelKind.MTL)
                        .with(
                                ModelSpec.EMBEDDING_DIM,
                                "8",
                                ModelSpec.OUTPUT_DIM,
                                "8",
                                ModelSpec.TOWER_HIDDEN,
                                "8",
                                ModelSpec.EMBEDDING_LEARNING_RATE,
                                "0.05",
                                ModelSpec.LEARNING_RATE,
                                "0.01");
        float minImpressionLoss = Float.MAX_VALUE;
        try (OnlineTrainer trainer = OnlineTrainer.create(spec)) {
            for (int round = 0; round < 4; round++) {
                for (int s = 0; s < 60; s++) {
                    StepResult r = step(trainer, weights, impressionsOnly(world.nextBatch(128)));
                    minImpressionLoss = Math.min(minImpressionLoss, r.loss());
                }
                for (int s = 0; s < 12; s++) {
                    step(trainer, weights, world.nextBatch(128));
                }
            }
            assertThat(trainer.denseFinite()).isTrue();
            ExampleBatch probe = world.nextBatch(128);
            assertThat(trainer.score(probe)).doesNotContain(Float.NaN);
        }
        // the shape that broke the weights: tiny window losses, windows closed with users in them
        assertThat(minImpressionLoss).isLessThan(0.07f);
        assertThat(weights.windowsClosed()).isGreaterThan(50);
    }

    private static StepResult step(
            OnlineTrainer trainer, AdaptiveUserWeights weights, ExampleBatch batch) {
        ExampleBatch weighted = batch.withWeights(weights.weights(batch.userIds(), batch.size()));
        for (float w : weighted.weights()) {
            assertThat(w).isFinite().isBetween(0.2f, 5f);
        }
        StepResult result = trainer.step(weighted);
        assertThat(result.applied())
                .as("batch %s: %s", batch.batchId(), result.rejection())
                .isTrue();
        weights.record(weighted.userIds(), result.exampleLosses(), weighted.size());
        weights.onStep(result.version());
        return result;
    }

    /** The batch with every example an impression without a play. */
    private static ExampleBatch impressionsOnly(ExampleBatch b) {
        int[] kinds = new int[b.size()];
        Arrays.fill(kinds, ExampleKind.IMPRESSION.code());
        float[] zeros = new float[b.size()];
        return new ExampleBatch(
                b.batchId(),
                b.size(),
                b.groupingVersion(),
                b.userIds(),
                b.titleIds(),
                b.territories(),
                b.territoryGroups(),
                b.activityGroups(),
                kinds,
                b.sampleSources(),
                zeros,
                zeros,
                zeros,
                zeros,
                b.weights(),
                b.eventTimes());
    }
}
