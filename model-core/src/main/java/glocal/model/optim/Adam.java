package glocal.model.optim;

/**
 * The Adam update on plain float arrays, shared by the row-wise embedding store (one call per
 * touched row, with that row's own step count: "lazy" Adam) and the dense parameters (one call per
 * parameter). Keeping the state in JVM arrays makes it a plain array write in a checkpoint.
 */
public final class Adam {

    private Adam() {}

    /**
     * Updates {@code w[off .. off+len)} in place from gradient {@code g[goff .. goff+len)}.
     *
     * @param t the 1-based step count of this parameter (bias correction)
     */
    public static void update(
            float[] w,
            float[] m,
            float[] v,
            int off,
            float[] g,
            int goff,
            int len,
            long t,
            AdamConfig c) {
        float b1 = c.beta1();
        float b2 = c.beta2();
        double b1c = 1.0 - Math.pow(b1, (double) t);
        double b2c = 1.0 - Math.pow(b2, (double) t);
        float stepSize = (float) (c.learningRate() * Math.sqrt(b2c) / b1c);
        float eps = (float) (c.epsilon() * Math.sqrt(b2c));
        float decay = c.learningRate() * c.weightDecay();
        for (int i = 0; i < len; i++) {
            int k = off + i;
            float gi = g[goff + i];
            float mi = b1 * m[k] + (1 - b1) * gi;
            float vi = b2 * v[k] + (1 - b2) * gi * gi;
            m[k] = mi;
            v[k] = vi;
            w[k] -= stepSize * mi / ((float) Math.sqrt(vi) + eps) + decay * w[k];
        }
    }
}
