package glocal.stream.embeddings;

import glocal.model.metrics.TopK;
import glocal.model.prior.PopularityPrior;
import glocal.schemas.avro.TitleEmbedding;
import glocal.schemas.avro.UserEmbedding;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The top-K titles for a user vector by dot product, plus the popularity prior's term when the user
 * carries its weights ({@code w[0] · popularity[territory] + w[1] · popularity["*"]}, the score the
 * trainer's top-K ranks by), best first (ties: smaller title id first, so the order is stable).
 * Titles whose vector has another size than the user's (written by a model with another dimension)
 * cannot be scored and are counted in {@code skipped}.
 */
public record TitleRanking(List<RankedTitle> top, int scored, int skipped) {

    public TitleRanking {
        top = List.copyOf(top);
    }

    private static final Comparator<RankedTitle> BEST_FIRST =
            Comparator.comparingDouble(RankedTitle::score)
                    .reversed()
                    .thenComparing(RankedTitle::titleId);

    /** Ranks by the user's score: dot product, plus the popularity prior's term if it has one. */
    public static TitleRanking rank(UserEmbedding user, Collection<TitleEmbedding> titles, int k) {
        return rank(user.getVector(), user.getTerritory(), user.getPopularityWeights(), titles, k);
    }

    /** Ranks by dot product alone. */
    public static TitleRanking rank(List<Float> user, Collection<TitleEmbedding> titles, int k) {
        return rank(user, null, null, titles, k);
    }

    private static TitleRanking rank(
            List<Float> user,
            String territory,
            List<Float> popularityWeights,
            Collection<TitleEmbedding> titles,
            int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        float[] u = Vectors.toArray(user);
        // Each title costs O(log k), not a full sort.
        TopK<RankedTitle> best = new TopK<>(k, BEST_FIRST);
        int scored = 0;
        int skipped = 0;
        for (TitleEmbedding title : titles) {
            List<Float> v = title.getVector();
            if (v.size() != u.length) {
                skipped++;
                continue;
            }
            double score = 0;
            for (int i = 0; i < u.length; i++) {
                score += u[i] * v.get(i);
            }
            Map<String, Float> popularity = title.getPopularity();
            if (popularityWeights != null && popularity != null) {
                score +=
                        popularityWeights.get(0) * popularity.getOrDefault(territory, 0f)
                                + popularityWeights.get(1)
                                        * popularity.getOrDefault(PopularityPrior.EVERYWHERE, 0f);
            }
            scored++;
            best.offer(new RankedTitle(title.getTitleId(), score, title.getTitleClass()));
        }
        return new TitleRanking(best.best(), scored, skipped);
    }
}
