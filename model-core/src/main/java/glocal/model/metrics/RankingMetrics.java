package glocal.model.metrics;

import java.util.List;
import java.util.Set;

/**
 * Top-K ranking metrics for one user with binary relevance (an item is relevant when it is in the
 * user's held-out set). A user with no relevant item gets {@code NaN}: there is nothing to
 * retrieve, and averaging code skips such users.
 */
public final class RankingMetrics {

    private RankingMetrics() {}

    /**
     * NDCG@K: {@code DCG / IDCG} with {@code DCG = Σ_{i<K, ranked[i] relevant} 1 / log2(i + 2)} and
     * IDCG the DCG of min(K, |relevant|) relevant items at the top. Duplicates in the ranking count
     * once (at their first position).
     */
    public static <T> double ndcgAtK(List<T> ranked, Set<T> relevant, int k) {
        checkK(k);
        if (relevant.isEmpty()) {
            return Double.NaN;
        }
        double dcg = 0;
        int limit = Math.min(k, ranked.size());
        for (int i = 0; i < limit; i++) {
            T item = ranked.get(i);
            if (relevant.contains(item) && ranked.indexOf(item) == i) {
                dcg += 1 / log2(i + 2);
            }
        }
        double idcg = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) {
            idcg += 1 / log2(i + 2);
        }
        return dcg / idcg;
    }

    /** Recall@K: relevant items among the first K, over all relevant items. */
    public static <T> double recallAtK(List<T> ranked, Set<T> relevant, int k) {
        checkK(k);
        if (relevant.isEmpty()) {
            return Double.NaN;
        }
        long hits =
                ranked.subList(0, Math.min(k, ranked.size())).stream()
                        .distinct()
                        .filter(relevant::contains)
                        .count();
        return hits / (double) relevant.size();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static void checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("K must be >= 1, got " + k);
        }
    }
}
