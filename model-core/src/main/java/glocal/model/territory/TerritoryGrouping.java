package glocal.model.territory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Territory → territory group: which block (head) of a multi-territory model a territory's examples
 * train and its users are served from. One value type for the stream (configured, or computed from
 * viewership and published on {@code territory-groups}) and for the offline evaluation; {@link
 * GroupingStrategy} computes one.
 *
 * <p>The {@link #version()} is derived from the content (a 31-bit hash of the group count and the
 * sorted assignment), so equal groupings carry equal versions on every instance and each batch says
 * exactly which grouping its group column refers to. Labels name the groups in reports and are not
 * part of the version. What {@link #group} does with a territory the assignment does not list is
 * the stated {@link UnknownTerritories} policy.
 *
 * <p>A new version of a computed grouping keeps its group ids stable: see {@link #alignedTo}.
 */
public final class TerritoryGrouping {

    private final Map<String, Integer> assignment;
    private final int groups;
    private final int version;
    private final List<String> labels;
    private final UnknownTerritories unknown;

    private TerritoryGrouping(
            Map<String, Integer> assignment,
            int groups,
            List<String> labels,
            UnknownTerritories unknown) {
        if (groups < 1) {
            throw new IllegalArgumentException(
                    "a territory grouping needs at least 1 group, got " + groups);
        }
        TreeMap<String, Integer> sorted = new TreeMap<>(assignment);
        int h = groups;
        for (Map.Entry<String, Integer> e : sorted.entrySet()) {
            int g = Objects.requireNonNull(e.getValue(), "group of " + e.getKey());
            if (g < 0 || g >= groups) {
                throw new IllegalArgumentException(
                        "territory "
                                + e.getKey()
                                + " is mapped to group "
                                + g
                                + ", outside 0.."
                                + (groups - 1));
            }
            h = 31 * (31 * h + e.getKey().hashCode()) + g;
        }
        if (labels.size() != groups) {
            throw new IllegalArgumentException(
                    groups + " groups need " + groups + " labels, got " + labels);
        }
        this.assignment = Map.copyOf(sorted);
        this.groups = groups;
        this.version = h & Integer.MAX_VALUE;
        this.labels = List.copyOf(labels);
        this.unknown = Objects.requireNonNull(unknown, "unknown");
    }

    /**
     * {@code groups} groups labelled {@code G0}, {@code G1}, ...; a territory not in {@code
     * assignment} is {@link UnknownTerritories#HASHED hashed} into a group. Every value must lie in
     * {@code [0, groups)}.
     */
    public static TerritoryGrouping of(Map<String, Integer> assignment, int groups) {
        return new TerritoryGrouping(
                assignment, groups, defaultLabels(groups), UnknownTerritories.HASHED);
    }

    private static List<String> defaultLabels(int groups) {
        return IntStream.range(0, Math.max(groups, 0)).mapToObj(g -> "G" + g).toList();
    }

    /** The same assignment with these group names (reports only; the version does not change). */
    public TerritoryGrouping withLabels(List<String> groupLabels) {
        return new TerritoryGrouping(assignment, groups, groupLabels, unknown);
    }

    /** The same assignment with another policy for territories it does not list. */
    public TerritoryGrouping withUnknownTerritories(UnknownTerritories policy) {
        return new TerritoryGrouping(assignment, groups, labels, policy);
    }

    /**
     * Parses the {@code glocal.territory.groups} syntax: {@code TERRITORY:GROUP} entries separated
     * by commas (or line breaks, for a file), e.g. {@code US:0,CA:0,BR:1}; blank entries are
     * skipped. Fails naming the entry that is not {@code TERRITORY:GROUP}, has a group that is not
     * a number or is negative, or repeats a territory. The map keeps the order of the text.
     */
    public static Map<String, Integer> parseAssignment(String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String raw : text.split("[,\\n\\r]")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split(":");
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException("entry '" + entry + "' is not TERRITORY:GROUP");
            }
            int group;
            try {
                group = Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("group of '" + entry + "' is not a number");
            }
            if (group < 0) {
                throw new IllegalArgumentException(
                        "group of '" + entry + "' is negative: group ids start at 0");
            }
            if (out.put(parts[0].trim(), group) != null) {
                throw new IllegalArgumentException(
                        "territory " + parts[0].trim() + " is listed twice");
            }
        }
        return out;
    }

    /** G, the number of groups (and of the model's group blocks). */
    public int groups() {
        return groups;
    }

    /** Hash of the content: equal groupings have equal versions on every instance. */
    public int version() {
        return version;
    }

    /** The listed territories and their groups, sorted by code. */
    public Map<String, Integer> assignment() {
        return Collections.unmodifiableMap(new TreeMap<>(assignment));
    }

    /** Whether the territory is listed (and so not subject to the unknown-territory policy). */
    public boolean lists(String territory) {
        return assignment.containsKey(territory);
    }

    public UnknownTerritories unknownTerritories() {
        return unknown;
    }

    /** The group's name in reports: {@code G<n>}, or a region name for the region grouping. */
    public String label(int group) {
        return labels.get(group);
    }

    public List<String> labels() {
        return labels;
    }

    /** The territory's group; a territory not listed follows {@link #unknownTerritories()}. */
    public int group(String territory) {
        Integer g = assignment.get(territory);
        if (g != null) {
            return g;
        }
        if (unknown == UnknownTerritories.HASHED) {
            return Math.floorMod(territory.hashCode(), groups);
        }
        throw new IllegalArgumentException(
                "territory "
                        + territory
                        + " is in none of the "
                        + groups
                        + " territory groups (grouping version "
                        + version
                        + "); add it to the grouping");
    }

    /**
     * This grouping with its group ids renumbered to follow {@code previous}, so that a regrouping
     * does not silently send users to a head trained on other territories. Each pair (new group,
     * old group) scores the plays of the territories both hold (every shared territory counts at
     * least 1, by {@code playsByTerritory}); pairs are matched greedily, the highest score first
     * (ties: lower new id, then lower old id), each new group taking its old group's id. A new
     * group that shares no territory with a free old group keeps its own id when that is free, else
     * takes the lowest free one. So a group whose territories mostly stay keeps its id (and its
     * head), and only the territories that really moved change head. With a different group count
     * (a different model) or no previous grouping, this grouping is returned unchanged.
     */
    public TerritoryGrouping alignedTo(
            TerritoryGrouping previous, Map<String, Long> playsByTerritory) {
        if (previous == null || previous.groups != groups) {
            return this;
        }
        long[][] shared = new long[groups][groups];
        assignment.forEach(
                (territory, g) -> {
                    Integer old = previous.assignment.get(territory);
                    if (old != null) {
                        shared[g][old] += Math.max(1, playsByTerritory.getOrDefault(territory, 0L));
                    }
                });
        List<int[]> pairs = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            for (int old = 0; old < groups; old++) {
                if (shared[g][old] > 0) {
                    pairs.add(new int[] {g, old});
                }
            }
        }
        pairs.sort(
                (a, b) -> {
                    int byShare = Long.compare(shared[b[0]][b[1]], shared[a[0]][a[1]]);
                    return byShare != 0
                            ? byShare
                            : a[0] != b[0]
                                    ? Integer.compare(a[0], b[0])
                                    : Integer.compare(a[1], b[1]);
                });
        int[] idOf = new int[groups];
        Arrays.fill(idOf, -1);
        boolean[] taken = new boolean[groups];
        for (int[] p : pairs) {
            if (idOf[p[0]] < 0 && !taken[p[1]]) {
                idOf[p[0]] = p[1];
                taken[p[1]] = true;
            }
        }
        for (int g = 0; g < groups; g++) {
            if (idOf[g] < 0) {
                int id = taken[g] ? firstFree(taken) : g;
                idOf[g] = id;
                taken[id] = true;
            }
        }
        Map<String, Integer> renumbered = new TreeMap<>();
        assignment.forEach((territory, g) -> renumbered.put(territory, idOf[g]));
        return new TerritoryGrouping(renumbered, groups, labels, unknown);
    }

    private static int firstFree(boolean[] taken) {
        for (int i = 0; i < taken.length; i++) {
            if (!taken[i]) {
                return i;
            }
        }
        throw new IllegalStateException("no free group id");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TerritoryGrouping g
                && groups == g.groups
                && assignment.equals(g.assignment)
                && labels.equals(g.labels)
                && unknown == g.unknown;
    }

    @Override
    public int hashCode() {
        return Objects.hash(assignment, groups, labels, unknown);
    }

    @Override
    public String toString() {
        return "TerritoryGrouping{version "
                + version
                + ", "
                + groups
                + " groups "
                + labels
                + ", "
                + assignment()
                + ", unknown territories "
                + unknown
                + "}";
    }
}
