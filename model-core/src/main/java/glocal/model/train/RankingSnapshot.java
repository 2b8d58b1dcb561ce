package glocal.model.train;

import glocal.model.metrics.TopK;
import glocal.model.prior.PopularityPrior;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every known title's published vector as of one model version, kept while the model does not
 * change: ranking the whole catalogue for many users (an evaluation, a demo) then costs one dot
 * product per title and user instead of a title-tower pass per user. The popularity prior's
 * features are taken per territory on first use, from the same version.
 */
final class RankingSnapshot {

    private final long version;
    private final int titleCount;
    private final String[] ids;
    private final float[] vectors;
    private final int width;
    private final PopularityPrior popularity;
    private final Map<String, float[][]> features = new HashMap<>();

    RankingSnapshot(
            long version,
            int titleCount,
            String[] ids,
            float[][] vectors,
            PopularityPrior popularity) {
        this.version = version;
        this.titleCount = titleCount;
        this.ids = ids;
        this.width = vectors.length == 0 ? 0 : vectors[0].length;
        this.vectors = new float[ids.length * width];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(vectors[i], 0, this.vectors, i * width, width);
        }
        this.popularity = popularity;
    }

    /**
     * Whether this snapshot still shows the model at {@code currentVersion} with {@code
     * currentTitles} titles.
     */
    boolean current(long currentVersion, int currentTitles) {
        return version == currentVersion && titleCount == currentTitles;
    }

    /**
     * The {@code k} best titles for a user vector; with a popularity prior, each score gains {@code
     * weights · f(territory, title)}.
     */
    List<ScoredTitle> topK(float[] user, String territory, float[] popularityWeights, int k) {
        float[][] f =
                popularityWeights == null
                        ? null
                        : features.computeIfAbsent(territory, this::featuresOf);
        TopK<ScoredTitle> best = new TopK<>(k, ScoredTitle.BEST_FIRST);
        for (int i = 0; i < ids.length; i++) {
            float score = 0;
            int off = i * width;
            for (int d = 0; d < width; d++) {
                score += vectors[off + d] * user[d];
            }
            if (f != null) {
                for (int j = 0; j < PopularityPrior.FEATURES; j++) {
                    score += popularityWeights[j] * f[j][i];
                }
            }
            best.offer(new ScoredTitle(ids[i], score));
        }
        return best.best();
    }

    private float[][] featuresOf(String territory) {
        float[][] out = new float[PopularityPrior.FEATURES][ids.length];
        for (int i = 0; i < ids.length; i++) {
            float[] f = popularity.features(territory, ids[i]);
            for (int j = 0; j < f.length; j++) {
                out[j][i] = f[j];
            }
        }
        return out;
    }
}
