package glocal.model.train;

/**
 * Outcome of one training step. {@code scores} are the model's play probabilities for the batch
 * computed BEFORE training on it (progressive validation), so they are honest out-of-sample
 * predictions; {@code exampleLosses} are the unweighted per-example losses of that same forward
 * pass.
 *
 * @param version model version after this step (steps taken)
 * @param loss weighted mean loss of the batch before the update
 * @param finishScores with behaviour heads, P(finish | play) per example (pCVR under ESMM); else
 *     null
 * @param rejection null when the step was applied; otherwise why the batch was not applied (its
 *     loss or a gradient was not finite, or an input column held NaN or an infinity): the
 *     parameters and optimizer state are as before the batch, the version did not move, and scores
 *     and losses may hold non-finite values
 */
public record StepResult(
        String batchId,
        long version,
        float loss,
        float[] scores,
        float[] exampleLosses,
        float[] finishScores,
        String rejection) {

    /** True when the batch was trained on. */
    public boolean applied() {
        return rejection == null;
    }
}
