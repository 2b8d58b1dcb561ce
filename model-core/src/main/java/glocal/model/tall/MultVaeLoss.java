package glocal.model.tall;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The MultVAE objective of one user (Liang et al. 2018): the multinomial negative log-likelihood of
 * the user's history under the decoder's softmax, {@code −Σ_i x_i · log_softmax(logits)_i}, plus β
 * times the KL divergence of the posterior N(μ, σ²) from N(0, I), {@code ½ Σ (σ² + μ² − 1 − log
 * σ²)}. The per-user value is also what TALL's gate compares across experts.
 *
 * <p>Labels: {@code [x (N, titles), β (scalar)]}. Predictions: {@code [logits (N, titles), μ (N,
 * latent), log σ² (N, latent)]} (one {@link MultVae}'s outputs). Output: the batch mean, a scalar;
 * {@link #perUser} gives {@code (N)}.
 */
public final class MultVaeLoss extends Loss {

    public MultVaeLoss() {
        super("MultVAE");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return perUser(
                        labels.get(0),
                        predictions.get(0),
                        predictions.get(1),
                        predictions.get(2),
                        labels.get(1).getFloat())
                .mean();
    }

    /** The loss of each user, shape {@code (N)}. */
    public NDArray perUser(NDArray x, NDArray logits, NDArray mu, NDArray logVar, float beta) {
        NDArray nll = logits.logSoftmax(1).mul(x).sum(new int[] {1}).neg();
        if (beta == 0f) {
            return nll;
        }
        return nll.add(kl(mu, logVar).mul(beta));
    }

    /** KL(N(μ, σ²) ‖ N(0, I)) of each user, shape {@code (N)}. */
    public NDArray kl(NDArray mu, NDArray logVar) {
        return logVar.exp().add(mu.square()).sub(1f).sub(logVar).sum(new int[] {1}).mul(0.5f);
    }
}
