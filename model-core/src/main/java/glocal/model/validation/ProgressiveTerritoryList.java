package glocal.model.validation;

import glocal.model.batch.ExampleBatch;
import glocal.model.sampling.PlayFrequencies;
import java.util.List;

/**
 * The territory list as an online reference: the most-played titles of each territory, counted from
 * the batches a trainer trains on, measured the way a model's progressive validation measures it.
 * Each batch is scored from the counts of the batches before it, then its plays are counted (a play
 * never predicts itself); the scores enter a {@link ProgressiveValidation} of its own, so its
 * PR-AUC is over the same examples as a model's (plays and impressions, no sampled negatives) when
 * it is given the batches that model's validation got.
 *
 * <p>An example's score is {@code x / (1 + x)} with {@code x = log(1 + c)}, {@code c} the title's
 * plays in the example's territory so far: progressive validation takes probabilities, and PR-AUC
 * depends only on the order, which is the order of {@code c}. The counts are {@link
 * PlayFrequencies} whose clock never moves, so they do not decay. Not thread-safe.
 */
public final class ProgressiveTerritoryList {

    private final PlayFrequencies counts = new PlayFrequencies(0, Long.MAX_VALUE);
    private final ProgressiveValidation validation;

    /** {@code window}: examples kept per validation group, as for the models. */
    public ProgressiveTerritoryList(int window) {
        this.validation = new ProgressiveValidation(window);
    }

    /** Scores the batch from the plays counted so far, validates the scores, counts its plays. */
    public void step(ExampleBatch batch) {
        validation.add(batch, score(batch));
        for (int i = 0; i < batch.size(); i++) {
            if (batch.play()[i] > 0.5f) {
                counts.play(batch.territories()[i], batch.titleIds()[i]);
            }
        }
    }

    /** Each example's score from the plays counted so far (see the class comment). */
    public float[] score(ExampleBatch batch) {
        float[] scores = new float[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            double x = counts.logCount(batch.territories()[i], batch.titleIds()[i]);
            scores[i] = (float) (x / (1 + x));
        }
        return scores;
    }

    /** The {@code k} titles most played in {@code territory} so far, most first, ties by id. */
    public List<String> topK(String territory, int k) {
        return counts.mostPlayed(territory, k);
    }

    /** The reference's progressive validation (PR-AUC per territory group, over all). */
    public ProgressiveValidation validation() {
        return validation;
    }
}
