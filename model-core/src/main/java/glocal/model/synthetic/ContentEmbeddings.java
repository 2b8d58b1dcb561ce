package glocal.model.synthetic;

import java.util.SplittableRandom;

/**
 * Synthetic content vectors for titles (stand-ins for e.g. a text embedding of the synopsis): a
 * fixed random projection of the title's true latent vector plus per-title noise, normalised to
 * unit length. So content carries real but partial signal about taste, as a synopsis would.
 * Deterministic for the world's seed, the dimension and the title; nothing is stored per title.
 */
public final class ContentEmbeddings {

    /** Noise standard deviation relative to the projected taste (both per component). */
    private static final double NOISE = 0.6;

    private static final long SALT = 0x243F6A8885A308D3L;

    private final int dimension;
    private final int latentDimension;
    private final float[] projection;
    private final float[] titleVectors;
    private final long seed;

    ContentEmbeddings(long seed, int dimension, int latentDimension, float[] titleVectors) {
        if (dimension < 1 || dimension > 4096) {
            throw new IllegalArgumentException(
                    "content embedding dimension must be in [1, 4096], got " + dimension);
        }
        this.dimension = dimension;
        this.latentDimension = latentDimension;
        this.titleVectors = titleVectors;
        this.seed = seed ^ SALT;
        SplittableRandom rng = new SplittableRandom(this.seed * 31 + dimension);
        projection = new float[dimension * latentDimension];
        double scale = 1 / Math.sqrt(latentDimension);
        for (int i = 0; i < projection.length; i++) {
            projection[i] = (float) (rng.nextGaussian() * scale);
        }
    }

    public int dimension() {
        return dimension;
    }

    /** The content vector of the title with dense index {@code t}. */
    public float[] embedding(int t) {
        SplittableRandom noise = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (t + 1));
        float[] out = new float[dimension];
        int offset = t * latentDimension;
        double norm = 0;
        // Both parts have per-component variance ~1/dimension times their weight squared.
        double signalScale = Math.sqrt(latentDimension / (double) dimension);
        double noiseScale = NOISE / Math.sqrt(dimension);
        for (int i = 0; i < dimension; i++) {
            double v = 0;
            int row = i * latentDimension;
            for (int k = 0; k < latentDimension; k++) {
                v += projection[row + k] * titleVectors[offset + k];
            }
            v = signalScale * v + noiseScale * noise.nextGaussian();
            out[i] = (float) v;
            norm += v * v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            out[i] *= inv;
        }
        return out;
    }
}
