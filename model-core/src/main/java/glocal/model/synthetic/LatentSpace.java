package glocal.model.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Genres and their centroid vectors in the latent taste space. A title's vector sits near its
 * genre's centroid and a user's near the favourite genre's, so taste has structure a model can
 * learn (and genres mean something).
 */
final class LatentSpace {

    static final List<String> GENRES =
            List.of(
                    "drama",
                    "comedy",
                    "action",
                    "thriller",
                    "documentary",
                    "animation",
                    "romance",
                    "horror",
                    "crime",
                    "scifi");

    /** How common each genre is, among titles and among users' favourites. */
    private static final double[] GENRE_WEIGHTS = {
        0.20, 0.18, 0.15, 0.10, 0.05, 0.08, 0.08, 0.05, 0.07, 0.04
    };

    /** Share of a vector that is its genre centroid (the rest is personal noise). */
    private static final double CENTROID_WEIGHT = 0.75;

    private final int dimension;
    private final float[][] centroids;
    private final AliasTable genreTable = new AliasTable(GENRE_WEIGHTS);

    LatentSpace(int dimension, SplittableRandom rng) {
        this.dimension = dimension;
        centroids = new float[GENRES.size()][];
        for (int g = 0; g < centroids.length; g++) {
            float[] c = new float[dimension];
            for (int k = 0; k < dimension; k++) {
                c[k] = (float) rng.nextGaussian();
            }
            normalise(c, 0);
            centroids[g] = c;
        }
    }

    int dimension() {
        return dimension;
    }

    int drawGenre(SplittableRandom rng) {
        return genreTable.sample(rng);
    }

    /** Writes a unit vector near genre {@code g}'s centroid into {@code out[offset..]}. */
    void drawVector(int g, float[] out, int offset, SplittableRandom rng) {
        float[] c = centroids[g];
        double noiseScale = (1 - CENTROID_WEIGHT) / Math.sqrt(dimension) * 2;
        for (int k = 0; k < dimension; k++) {
            out[offset + k] = (float) (CENTROID_WEIGHT * c[k] + noiseScale * rng.nextGaussian());
        }
        normalise(out, offset);
    }

    private void normalise(float[] v, int offset) {
        double norm = 0;
        for (int k = 0; k < dimension; k++) {
            norm += v[offset + k] * v[offset + k];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int k = 0; k < dimension; k++) {
            v[offset + k] *= inv;
        }
    }
}
