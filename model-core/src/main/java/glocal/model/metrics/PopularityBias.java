package glocal.model.metrics;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.ToDoubleFunction;

/**
 * Popularity-bias metrics of a set of top-K recommendation lists (one list per user). Lists are cut
 * to their first K items. Empty input gives {@code NaN}.
 */
public final class PopularityBias {

    private PopularityBias() {}

    /**
     * Average recommendation popularity (ARP, Abdollahpouri et al.): the mean over lists of the
     * mean popularity of a list's items.
     */
    public static <T> double averageRecommendationPopularity(
            List<List<T>> lists, int k, ToDoubleFunction<T> popularity) {
        double sum = 0;
        int counted = 0;
        for (List<T> list : lists) {
            List<T> top = top(list, k);
            if (!top.isEmpty()) {
                sum += top.stream().mapToDouble(popularity).average().orElseThrow();
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /** Share of all top-K slots that hold a long-tail item. */
    public static <T> double longTailShare(List<List<T>> lists, int k, Set<T> longTail) {
        long slots = 0;
        long tail = 0;
        for (List<T> list : lists) {
            for (T item : top(list, k)) {
                slots++;
                if (longTail.contains(item)) {
                    tail++;
                }
            }
        }
        return slots == 0 ? Double.NaN : tail / (double) slots;
    }

    /**
     * Per territory, the share of top-K slots holding a title local to that territory.
     *
     * @param territories territory of each list, same order as {@code lists}
     * @param isLocal whether an item is local to a territory
     */
    public static <T> Map<String, Double> localShareByTerritory(
            List<List<T>> lists, List<String> territories, int k, BiPredicate<T, String> isLocal) {
        if (lists.size() != territories.size()) {
            throw new IllegalArgumentException(
                    "one territory per list: "
                            + lists.size()
                            + " lists, "
                            + territories.size()
                            + " territories");
        }
        Map<String, long[]> counts = new HashMap<>();
        for (int i = 0; i < lists.size(); i++) {
            String territory = territories.get(i);
            long[] c = counts.computeIfAbsent(territory, t -> new long[2]);
            for (T item : top(lists.get(i), k)) {
                c[0]++;
                if (isLocal.test(item, territory)) {
                    c[1]++;
                }
            }
        }
        Map<String, Double> out = new HashMap<>();
        counts.forEach((t, c) -> out.put(t, c[0] == 0 ? Double.NaN : c[1] / (double) c[0]));
        return out;
    }

    /** Distinct items recommended in any top-K list, over the catalogue size. */
    public static <T> double catalogueCoverage(List<List<T>> lists, int k, int catalogueSize) {
        if (catalogueSize < 1) {
            throw new IllegalArgumentException("catalogue size must be >= 1, got " + catalogueSize);
        }
        Set<T> seen = new HashSet<>();
        for (List<T> list : lists) {
            seen.addAll(top(list, k));
        }
        return seen.size() / (double) catalogueSize;
    }

    /** Top-K exposure count of each recommended item (items never shown are absent). */
    public static <T> Map<T, Long> exposure(List<List<T>> lists, int k) {
        Map<T, Long> counts = new HashMap<>();
        for (List<T> list : lists) {
            for (T item : top(list, k)) {
                counts.merge(item, 1L, Long::sum);
            }
        }
        return counts;
    }

    /**
     * Gini coefficient of exposure over the whole catalogue: 0 when every title is shown equally
     * often, towards 1 when a few titles take all slots. Titles never shown count as zeros, so
     * {@code catalogueSize} must be at least the number of exposed titles. {@code G = Σ_i (2i − n −
     * 1) x_(i) / (n Σ x)} over exposures sorted ascending, i = 1..n.
     */
    public static double giniOfExposure(Collection<Long> exposures, int catalogueSize) {
        if (catalogueSize < exposures.size()) {
            throw new IllegalArgumentException(
                    "catalogue size "
                            + catalogueSize
                            + " is below the "
                            + exposures.size()
                            + " exposed titles");
        }
        long[] x = new long[catalogueSize];
        int i = catalogueSize - exposures.size();
        for (long e : exposures) {
            if (e < 0) {
                throw new IllegalArgumentException("exposure counts must be >= 0, got " + e);
            }
            x[i++] = e;
        }
        Arrays.sort(x);
        double sum = 0;
        double weighted = 0;
        int n = x.length;
        for (int r = 0; r < n; r++) {
            sum += x[r];
            weighted += (2.0 * (r + 1) - n - 1) * x[r];
        }
        return sum == 0 ? Double.NaN : weighted / (n * sum);
    }

    private static <T> List<T> top(List<T> list, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("K must be >= 1, got " + k);
        }
        return list.size() <= k ? list : list.subList(0, k);
    }
}
