package glocal.stream.embeddings;

import glocal.model.metrics.TopK;
import glocal.schemas.avro.TitleEmbedding;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The top-K titles for a user vector by dot product, best first (ties: smaller title id first, so
 * the order is stable). Titles whose vector has another size than the user's (written by a model
 * with another dimension) cannot be scored and are counted in {@code skipped}.
 */
public record TitleRanking(List<RankedTitle> top, int scored, int skipped) {

    public TitleRanking {
        top = List.copyOf(top);
    }

    private static final Comparator<RankedTitle> BEST_FIRST =
            Comparator.comparingDouble(RankedTitle::score)
                    .reversed()
                    .thenComparing(RankedTitle::titleId);

    public static TitleRanking rank(List<Float> user, Collection<TitleEmbedding> titles, int k) {
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
            scored++;
            best.offer(new RankedTitle(title.getTitleId(), score, title.getTitleClass()));
        }
        return new TitleRanking(best.best(), scored, skipped);
    }
}
