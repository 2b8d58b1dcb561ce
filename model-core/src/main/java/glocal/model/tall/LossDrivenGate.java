package glocal.model.tall;

/**
 * TALL's loss-driven gate: the weight of expert e for user u is {@code softmax_e(−loss_e(u) / τ)},
 * so the expert that explains the user's history best weighs most. A learned gate network would be
 * trained mostly by mainstream users and route niche users poorly; a gate read off the experts' own
 * losses has no parameters to bias. (The paper writes the gate as {@code softmax_e(1 / loss_e)};
 * the form here, asked for by the design, keeps the loss's log-likelihood scale: at τ = 1 it is the
 * posterior over experts of the history under a uniform prior.)
 */
public final class LossDrivenGate {

    private LossDrivenGate() {}

    /** Gate weights for one user from each expert's loss on them; they sum to 1. */
    public static float[] weights(float[] losses, float temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("gate temperature must be > 0, was " + temperature);
        }
        if (losses.length == 0) {
            throw new IllegalArgumentException("gate needs the loss of at least one expert");
        }
        // Shift by the lowest loss: the softmax is unchanged and exp never overflows.
        double min = Double.POSITIVE_INFINITY;
        for (float l : losses) {
            if (Float.isNaN(l)) {
                throw new IllegalArgumentException(
                        "an expert's loss is NaN; the experts diverged (lower "
                                + TallConfig.LEARNING_RATE
                                + ")");
            }
            min = Math.min(min, l);
        }
        double[] e = new double[losses.length];
        double sum = 0;
        for (int i = 0; i < losses.length; i++) {
            e[i] = Math.exp(-(losses[i] - min) / temperature);
            sum += e[i];
        }
        float[] w = new float[losses.length];
        for (int i = 0; i < losses.length; i++) {
            w[i] = (float) (e[i] / sum);
        }
        return w;
    }

    /**
     * Gates of a batch: {@code losses[e][u]} is expert e's loss on user u; returns the weights laid
     * out the same way ({@code [e * users + u]}), ready to become an {@code (E, N)} array.
     */
    public static float[] weights(float[][] losses, float temperature) {
        int experts = losses.length;
        int users = losses[0].length;
        float[] out = new float[experts * users];
        float[] one = new float[experts];
        for (int u = 0; u < users; u++) {
            for (int e = 0; e < experts; e++) {
                one[e] = losses[e][u];
            }
            float[] w = weights(one, temperature);
            for (int e = 0; e < experts; e++) {
                out[e * users + u] = w[e];
            }
        }
        return out;
    }
}
