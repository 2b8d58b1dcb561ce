package glocal.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The masked binary cross-entropy of arXiv 2310.03148, on logits: each example is scored only by
 * its own task (territory group) block, so only that block receives gradient. The one-hot mask is
 * applied upstream as a gather of the own-task user vector (see {@code TwoTower}), which gives the
 * same loss and gradients as multiplying every task's loss by the mask; this loss then weights each
 * example (adaptive user weights) and averages over the batch.
 *
 * <p>Labels: {@code [label (N), weight (N)]}. Predictions: {@code [ownTaskLogits (N)]}.
 */
public final class MaskedBinaryCrossEntropy extends Loss {

    public MaskedBinaryCrossEntropy() {
        super("MaskedBCE");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return weightedMean(perExample(labels, predictions), labels.get(1));
    }

    /** The batch loss from per-example losses: mean of weight x loss. */
    public NDArray weightedMean(NDArray perExample, NDArray weight) {
        return perExample.mul(weight).mean();
    }

    /** Unweighted loss of each example on its own task, shape {@code (N)}. */
    public NDArray perExample(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray label = labels.get(0);
        // Stable form of BCE with logits: max(x, 0) - x*y + log(1 + exp(-|x|)).
        return logits.maximum(0f)
                .sub(logits.mul(label))
                .add(logits.abs().neg().exp().add(1f).log());
    }
}
