package glocal.model.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * Accumulates top-K recommendation lists, one per user, and reports accuracy and popularity-bias
 * metrics per group and over all users: NDCG@K and Recall@K (mean over users with at least one
 * held-out item), average recommendation popularity, long-tail share, local-title share, catalogue
 * coverage and Gini of exposure; plus the local-title share per territory.
 *
 * <p>A user can belong to several groups at once (e.g. {@code "territoryGroup=G2"} and {@code
 * "user=niche"}); the caller names them. Memory: O(groups × distinct recommended items).
 */
public final class TopKEvaluator<T> {

    /** Group name of the report over every user. */
    public static final String ALL = "all";

    /**
     * Metrics of one group.
     *
     * @param users lists added
     * @param usersWithRelevant users with a non-empty held-out set (NDCG and recall average these)
     * @param relevantItems held-out items of those users, summed
     * @param averagePopularity mean over users of the mean {@link Popularity#share} of their list
     * @param longTailShare share of slots holding a long-tail item
     * @param localShare share of slots holding an item local to the user's territory
     * @param coverage distinct recommended items over the catalogue size
     * @param giniOfExposure Gini of slot counts over the whole catalogue
     */
    public record GroupReport(
            String group,
            long users,
            long usersWithRelevant,
            long relevantItems,
            double ndcg,
            double recall,
            double averagePopularity,
            double longTailShare,
            double localShare,
            double coverage,
            double giniOfExposure) {}

    private final int k;
    private final Popularity<T> popularity;
    private final Set<T> longTail;
    private final BiPredicate<T, String> isLocal;
    private final int catalogueSize;
    private final Map<String, Acc<T>> groups = new TreeMap<>();
    private final Acc<T> all = new Acc<>();
    private final Map<String, long[]> localByTerritory = new TreeMap<>();

    /**
     * @param popularity item popularity (usually from the training interactions)
     * @param longTail items counted as long tail (e.g. {@code popularity.longTail(0.8)})
     * @param isLocal whether an item is local to a territory
     * @param catalogueSize number of items that could be recommended
     */
    public TopKEvaluator(
            int k,
            Popularity<T> popularity,
            Set<T> longTail,
            BiPredicate<T, String> isLocal,
            int catalogueSize) {
        if (k < 1) {
            throw new IllegalArgumentException("K must be >= 1, got " + k);
        }
        if (catalogueSize < 1) {
            throw new IllegalArgumentException("catalogue size must be >= 1, got " + catalogueSize);
        }
        this.k = k;
        this.popularity = popularity;
        this.longTail = Set.copyOf(longTail);
        this.isLocal = isLocal;
        this.catalogueSize = catalogueSize;
    }

    /**
     * Adds one user's ranked list (cut to K) and held-out relevant items.
     *
     * @param territory the user's territory (for the local share)
     * @param userGroups groups the user belongs to, besides {@link #ALL}
     */
    public void add(String territory, List<String> userGroups, List<T> ranked, Set<T> relevant) {
        List<T> top = ranked.size() <= k ? ranked : ranked.subList(0, k);
        UserCase<T> c =
                new UserCase<>(
                        territory,
                        top,
                        relevant.size(),
                        RankingMetrics.ndcgAtK(top, relevant, k),
                        RankingMetrics.recallAtK(top, relevant, k));
        all.add(c, this);
        for (String g : userGroups) {
            if (ALL.equals(g)) {
                throw new IllegalArgumentException(
                        "group name '" + ALL + "' is reserved for the total");
            }
            groups.computeIfAbsent(g, x -> new Acc<>()).add(c, this);
        }
        long[] t = localByTerritory.computeIfAbsent(territory, x -> new long[2]);
        for (T item : top) {
            t[0]++;
            if (isLocal.test(item, territory)) {
                t[1]++;
            }
        }
    }

    /** One report per group in name order, then {@link #ALL}. */
    public List<GroupReport> report() {
        List<GroupReport> out = new ArrayList<>();
        groups.forEach((g, acc) -> out.add(acc.report(g, catalogueSize)));
        out.add(all.report(ALL, catalogueSize));
        return out;
    }

    /** Report of one group (or {@link #ALL}); fails naming a group never seen. */
    public GroupReport report(String group) {
        Acc<T> acc = ALL.equals(group) ? all : groups.get(group);
        if (acc == null) {
            throw new IllegalArgumentException(
                    "no user was added to group '" + group + "'; groups: " + groups.keySet());
        }
        return acc.report(group, catalogueSize);
    }

    /** Share of slots holding a title local to the territory, per territory. */
    public Map<String, Double> localShareByTerritory() {
        Map<String, Double> out = new TreeMap<>();
        localByTerritory.forEach(
                (t, c) -> out.put(t, c[0] == 0 ? Double.NaN : c[1] / (double) c[0]));
        return out;
    }

    private record UserCase<T>(
            String territory, List<T> top, int relevant, double ndcg, double recall) {}

    /** Running sums of one group. */
    private static final class Acc<T> {
        private long users;
        private long withRelevant;
        private long relevantItems;
        private double ndcgSum;
        private double recallSum;
        private long listsWithItems;
        private double popularitySum;
        private long slots;
        private long tailSlots;
        private long localSlots;
        private final Map<T, Long> exposure = new HashMap<>();

        void add(UserCase<T> c, TopKEvaluator<T> e) {
            users++;
            if (!Double.isNaN(c.ndcg())) {
                withRelevant++;
                relevantItems += c.relevant();
                ndcgSum += c.ndcg();
                recallSum += c.recall();
            }
            if (!c.top().isEmpty()) {
                listsWithItems++;
                popularitySum +=
                        c.top().stream().mapToDouble(e.popularity::share).average().orElseThrow();
            }
            for (T item : c.top()) {
                slots++;
                if (e.longTail.contains(item)) {
                    tailSlots++;
                }
                if (e.isLocal.test(item, c.territory())) {
                    localSlots++;
                }
                exposure.merge(item, 1L, Long::sum);
            }
        }

        GroupReport report(String group, int catalogueSize) {
            return new GroupReport(
                    group,
                    users,
                    withRelevant,
                    relevantItems,
                    withRelevant == 0 ? Double.NaN : ndcgSum / withRelevant,
                    withRelevant == 0 ? Double.NaN : recallSum / withRelevant,
                    listsWithItems == 0 ? Double.NaN : popularitySum / listsWithItems,
                    slots == 0 ? Double.NaN : tailSlots / (double) slots,
                    slots == 0 ? Double.NaN : localSlots / (double) slots,
                    exposure.size() / (double) catalogueSize,
                    PopularityBias.giniOfExposure(
                            exposure.values(), Math.max(catalogueSize, exposure.size())));
        }
    }
}
