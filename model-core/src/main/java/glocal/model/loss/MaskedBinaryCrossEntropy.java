package glocal.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Binary cross-entropy on logits with a one-hot task mask (arXiv 2310.03148): the model scores every
 * example for every task (territory group), and the mask keeps only the example's own task, so only
 * that task's block receives gradient. Each example's loss is multiplied by its weight (adaptive user
 * weights), and the batch loss is the mean over examples.
 *
 * <p>Labels: {@code [label (N), mask (N, T), weight (N)]}. Predictions: {@code [logits (N, T)]}.
 */
public final class MaskedBinaryCrossEntropy extends Loss {

    public MaskedBinaryCrossEntropy() {
        super("MaskedBCE");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return weightedMean(perExample(labels, predictions), labels.get(2));
    }

    /** The batch loss from per-example losses: mean of weight x loss. */
    public NDArray weightedMean(NDArray perExample, NDArray weight) {
        return perExample.mul(weight).mean();
    }

    /** Unweighted loss of each example on its own task, shape {@code (N)}. */
    public NDArray perExample(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray label = labels.get(0).expandDims(1);
        NDArray mask = labels.get(1);
        // Stable form of BCE with logits: max(x, 0) - x*y + log(1 + exp(-|x|)).
        NDArray bce = logits.maximum(0f).sub(logits.mul(label)).add(logits.abs().neg().exp().add(1f).log());
        return bce.mul(mask).sum(new int[] {1});
    }
}
