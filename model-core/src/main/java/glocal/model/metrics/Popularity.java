package glocal.model.metrics;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How popular each item is, from interaction counts (usually the training interactions).
 *
 * <ul>
 *   <li>{@link #share(Object)}: the item's share of all interactions (what "average recommendation
 *       popularity" averages);
 *   <li>{@link #percentile(Object)}: mid-rank percentile among the counted items, in (0, 1], the
 *       most popular item near 1; an item never counted has 0;
 *   <li>{@link #longTail(double)}: the items outside the short head.
 * </ul>
 */
public final class Popularity<T> {

    private final Map<T, Long> counts;
    private final long total;
    private final Map<T, Double> percentiles;

    private Popularity(Map<T, Long> counts) {
        this.counts = Map.copyOf(counts);
        long sum = 0;
        for (long c : this.counts.values()) {
            if (c < 0) {
                throw new IllegalArgumentException("interaction counts must be >= 0, got " + c);
            }
            sum += c;
        }
        total = sum;
        percentiles = midRankPercentiles(this.counts);
    }

    /** Popularity from counts per item. */
    public static <T> Popularity<T> of(Map<T, Long> counts) {
        return new Popularity<>(counts);
    }

    /** Popularity from a stream of interacted items (one call per interaction). */
    public static <T> Popularity<T> ofInteractions(Iterable<T> items) {
        Map<T, Long> counts = new HashMap<>();
        for (T item : items) {
            counts.merge(item, 1L, Long::sum);
        }
        return new Popularity<>(counts);
    }

    public long count(T item) {
        return counts.getOrDefault(item, 0L);
    }

    public long total() {
        return total;
    }

    /** Number of items with a count. */
    public int items() {
        return counts.size();
    }

    /** Share of all interactions; 0 for an unknown item (or when nothing was counted). */
    public double share(T item) {
        return total == 0 ? 0 : count(item) / (double) total;
    }

    /** Mid-rank percentile in (0, 1]; 0 for an item never counted. */
    public double percentile(T item) {
        return percentiles.getOrDefault(item, 0.0);
    }

    /**
     * The long tail: every counted item outside the short head, where the head is the most popular
     * items that together hold {@code headShare} of all interactions (0.8 is the usual 80/20 cut).
     * Items tied with the last head item are head too, so the split never depends on the order of
     * equal counts.
     */
    public Set<T> longTail(double headShare) {
        if (!(headShare > 0 && headShare <= 1)) {
            throw new IllegalArgumentException("headShare must be in (0, 1], got " + headShare);
        }
        long[] sorted = counts.values().stream().mapToLong(Long::longValue).sorted().toArray();
        long cumulative = 0;
        long cutCount = Long.MAX_VALUE;
        for (int i = sorted.length - 1; i >= 0; i--) {
            cumulative += sorted[i];
            if (cumulative >= headShare * total) {
                cutCount = sorted[i];
                break;
            }
        }
        Set<T> tail = new HashSet<>();
        for (Map.Entry<T, Long> e : counts.entrySet()) {
            if (e.getValue() < cutCount) {
                tail.add(e.getKey());
            }
        }
        return Collections.unmodifiableSet(tail);
    }

    private static <T> Map<T, Double> midRankPercentiles(Map<T, Long> counts) {
        long[] sorted = counts.values().stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        Map<Long, Double> byCount = new HashMap<>();
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && sorted[j + 1] == sorted[i]) {
                j++;
            }
            // Items below: i; ties: j - i + 1; mid rank = i + (ties + 1) / 2.
            byCount.put(sorted[i], (i + (j - i + 2) / 2.0) / n);
            i = j + 1;
        }
        Map<T, Double> out = new HashMap<>();
        counts.forEach((item, c) -> out.put(item, byCount.get(c)));
        return out;
    }
}
