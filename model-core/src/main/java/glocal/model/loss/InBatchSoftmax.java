package glocal.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The in-batch softmax of two-tower retrieval: each play of a batch is a softmax classification of
 * its title among the distinct titles of the batch's plays, the other plays' titles serving as
 * negatives. With a log Q correction (Yi et al., "Sampling-Bias-Corrected Neural Modeling for Large
 * Corpus Item Recommendations", RecSys 2019) each candidate's logit loses log Q(t), its probability
 * of being in the batch, so that frequent titles are not punished for being frequent negatives.
 *
 * <p>Shapes: {@code users (P, D)} the plays' own-task user vectors, {@code candidates (C, D)} the
 * candidate titles' vectors, {@code logQ (C)} (zeros without correction), {@code targets (P, C)}
 * one-hot of each play's title among the candidates ({@code logQ} may also be {@code (P, C)}: an
 * offset per play and candidate). Output {@code (P)}: each play's loss {@code -log softmax(users ·
 * candidatesᵀ / temperature - logQ)[target]}.
 */
public final class InBatchSoftmax {

    private final float temperature;

    public InBatchSoftmax(float temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException(
                    "softmax temperature must be > 0, was " + temperature);
        }
        this.temperature = temperature;
    }

    public float temperature() {
        return temperature;
    }

    public NDArray perPlay(NDArray users, NDArray candidates, NDArray logQ, NDArray targets) {
        NDArray logits =
                users.matMul(candidates.transpose())
                        .div(temperature)
                        .sub(logQ.getShape().dimension() == 1 ? logQ.reshape(1, -1) : logQ);
        return logits.logSoftmax(1).mul(targets).sum(new int[] {1}).neg();
    }

    /** The one-hot {@code (P, C)} targets for {@code targetColumn[p]} in {@code [0, columns)}. */
    public static NDArray targets(NDManager manager, int[] targetColumn, int columns) {
        float[] oneHot = new float[targetColumn.length * columns];
        for (int p = 0; p < targetColumn.length; p++) {
            oneHot[p * columns + targetColumn[p]] = 1f;
        }
        return manager.create(oneHot, new Shape(targetColumn.length, columns));
    }
}
