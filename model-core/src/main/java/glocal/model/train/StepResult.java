package glocal.model.train;

/**
 * Outcome of one training step. {@code scores} are the model's play probabilities for the batch
 * computed BEFORE training on it (progressive validation), so they are honest out-of-sample
 * predictions; {@code exampleLosses} are the unweighted per-example losses of that same forward pass.
 *
 * @param version model version after this step (steps taken)
 * @param loss    weighted mean loss of the batch before the update
 * @param finishScores with behaviour heads, P(finish | play) per example (pCVR under ESMM); else null
 */
public record StepResult(String batchId, long version, float loss, float[] scores, float[] exampleLosses,
                         float[] finishScores) {
}
