package glocal.model.train;

import glocal.model.optim.DenseAdam;

/**
 * What one training step's forward and backward pass ({@link StepLoss}) leave: the batch's scores
 * and losses before the update, and every gradient, read out as JVM arrays before anything is
 * applied so the step can be refused whole ({@link #rejection()}).
 *
 * @param loss the weighted mean loss of the batch (without the exposure head's)
 * @param finishScores with behaviour heads, P(finish | play) per example; else null
 * @param exposureLoss the exposure head's loss, 0 without the head
 * @param user per distinct user, the gradient of its embedding row
 * @param title per distinct title, the gradient of its embedding row
 * @param prior per distinct title, the gradient of its prior row; null without title priors
 * @param popularity the gradient of the popularity weights; null without the popularity prior
 * @param bag the batch users' histories as they were before the batch; null without histories
 * @param history per title row of {@code bag}, its gradient; null when the bag is empty or absent
 * @param exposure the exposure head's gradients; null without the head
 * @param dense the dense parameters' gradients, in {@link DenseAdam#apply}'s order
 */
record StepGradients(
        float loss,
        float[] scores,
        float[] exampleLosses,
        float[] finishScores,
        float exposureLoss,
        float[] user,
        float[] title,
        float[] prior,
        float[] popularity,
        UserHistory.Bag bag,
        float[] history,
        ExposureHead.Gradients exposure,
        float[][] dense) {

    /** Why the step must not be applied (a loss or a gradient is not finite), or null. */
    String rejection() {
        if (!Float.isFinite(loss)) {
            return "the loss is " + loss;
        }
        if (!Float.isFinite(exposureLoss)) {
            return "the exposure head's loss is " + exposureLoss;
        }
        if ((exposure != null && !exposure.finite())
                || !DenseAdam.allFinite(user, title)
                || !DenseAdam.allFinite(dense)
                || (prior != null && !DenseAdam.allFinite(prior))
                || (popularity != null && !DenseAdam.allFinite(popularity))
                || (history != null && !DenseAdam.allFinite(history))) {
            return "a gradient is not finite";
        }
        return null;
    }

    /** The step's result at model version {@code version}, with the given rejection (or null). */
    StepResult result(String batchId, long version, String rejection) {
        return new StepResult(
                batchId, version, loss, scores, exampleLosses, finishScores, rejection);
    }
}
