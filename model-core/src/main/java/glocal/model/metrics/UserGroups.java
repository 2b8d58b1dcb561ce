package glocal.model.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Buckets users from niche to mainstream by how mainstream their history is: a user's
 * mainstreamness is the mean {@link Popularity#percentile popularity percentile} of the items in
 * their history; users are sorted by it (ties by user id, so the split is deterministic) and cut
 * into equal-sized groups. Group 0 is the most niche, the last the most mainstream.
 *
 * <p>Labels: {@code niche}, {@code q2} … {@code q(n-1)}, {@code mainstream} (with 2 groups just
 * {@code niche} and {@code mainstream}).
 */
public final class UserGroups {

    private final int groups;
    private final Map<String, Integer> groupOf;
    private final Map<String, Double> mainstreamness;
    private final int[] sizes;

    private UserGroups(Map<String, Double> mainstreamness, int groups) {
        if (groups < 2) {
            throw new IllegalArgumentException("user groups must be >= 2, got " + groups);
        }
        if (mainstreamness.size() < groups) {
            throw new IllegalArgumentException(
                    "cannot split "
                            + mainstreamness.size()
                            + " users into "
                            + groups
                            + " groups; use fewer groups or more users");
        }
        this.groups = groups;
        this.mainstreamness = Map.copyOf(mainstreamness);
        List<Map.Entry<String, Double>> order = new ArrayList<>(mainstreamness.entrySet());
        order.sort(
                Map.Entry.<String, Double>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())));
        groupOf = new HashMap<>();
        sizes = new int[groups];
        int n = order.size();
        for (int rank = 0; rank < n; rank++) {
            int g = (int) ((long) rank * groups / n);
            groupOf.put(order.get(rank).getKey(), g);
            sizes[g]++;
        }
    }

    /**
     * Groups users by their histories (user id → items interacted with). Users with an empty
     * history have no mainstreamness and are left out; {@link #contains} tells.
     */
    public static <T> UserGroups byMainstreamness(
            Map<String, ? extends Collection<T>> histories, Popularity<T> popularity, int groups) {
        Map<String, Double> scores = new HashMap<>();
        histories.forEach(
                (user, items) -> {
                    if (!items.isEmpty()) {
                        scores.put(
                                user,
                                items.stream()
                                        .mapToDouble(popularity::percentile)
                                        .average()
                                        .orElseThrow());
                    }
                });
        return new UserGroups(scores, groups);
    }

    /** Groups users by mainstreamness values computed elsewhere (e.g. streamed sums). */
    public static UserGroups fromMainstreamness(Map<String, Double> mainstreamness, int groups) {
        return new UserGroups(mainstreamness, groups);
    }

    public int groups() {
        return groups;
    }

    public boolean contains(String userId) {
        return groupOf.containsKey(userId);
    }

    /** The user's group, 0 (niche) … groups−1 (mainstream); fails naming an unknown user. */
    public int group(String userId) {
        Integer g = groupOf.get(userId);
        if (g == null) {
            throw new IllegalArgumentException(
                    "user '"
                            + userId
                            + "' has no group: it had no history "
                            + "when the groups were built");
        }
        return g;
    }

    /** Label of the user's group. */
    public String labelOf(String userId) {
        return label(group(userId));
    }

    /** Mean popularity percentile of the user's history. */
    public double mainstreamness(String userId) {
        group(userId);
        return mainstreamness.get(userId);
    }

    /** Number of users in group {@code g}. */
    public int size(int g) {
        return sizes[g];
    }

    public String label(int g) {
        if (g < 0 || g >= groups) {
            throw new IllegalArgumentException("group " + g + " is outside 0.." + (groups - 1));
        }
        if (g == 0) {
            return "niche";
        }
        return g == groups - 1 ? "mainstream" : "q" + (g + 1);
    }

    /** All labels, niche first. */
    public List<String> labels() {
        List<String> out = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            out.add(label(g));
        }
        return out;
    }
}
