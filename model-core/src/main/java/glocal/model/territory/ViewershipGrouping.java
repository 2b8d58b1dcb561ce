package glocal.model.territory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stream's grouping when none is configured, and the evaluation's default for a views file,
 * after the multi-territory paper: groups mix major and minor territories and follow viewership
 * similarity. The G territories with the most plays seed one group each (so every group has a major
 * territory); every other territory, largest first, joins the group maximising cosine similarity of
 * title distributions minus the group's share of all plays, which keeps group volumes balanced.
 */
final class ViewershipGrouping implements GroupingStrategy {

    private final int groups;

    ViewershipGrouping(int groups) {
        this.groups = groups;
    }

    @Override
    public TerritoryGrouping group(Map<String, Map<String, Long>> byTerritory) {
        List<String> territories = new ArrayList<>(byTerritory.keySet());
        Map<String, Long> volume = new HashMap<>();
        long total = 0;
        for (String t : territories) {
            long v = byTerritory.get(t).values().stream().mapToLong(Long::longValue).sum();
            volume.put(t, v);
            total += v;
        }
        territories.sort(
                Comparator.comparingLong((String t) -> volume.get(t))
                        .reversed()
                        .thenComparing(Comparator.naturalOrder()));
        List<Map<String, Long>> groupDist = new ArrayList<>();
        long[] groupVolume = new long[groups];
        Map<String, Integer> assignment = new HashMap<>();
        for (int i = 0; i < territories.size(); i++) {
            String t = territories.get(i);
            int g;
            if (i < groups) {
                g = i;
                groupDist.add(new HashMap<>());
            } else {
                g = bestGroup(byTerritory.get(t), groupDist, groupVolume, Math.max(1, total));
            }
            assignment.put(t, g);
            groupVolume[g] += volume.get(t);
            byTerritory.get(t).forEach((title, n) -> groupDist.get(g).merge(title, n, Long::sum));
        }
        return TerritoryGrouping.of(assignment, groups);
    }

    private static int bestGroup(
            Map<String, Long> dist,
            List<Map<String, Long>> groupDist,
            long[] groupVolume,
            long total) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < groupDist.size(); g++) {
            double score = cosine(dist, groupDist.get(g)) - (double) groupVolume[g] / total;
            if (score > bestScore) {
                bestScore = score;
                best = g;
            }
        }
        return best;
    }

    static double cosine(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> small = a.size() <= b.size() ? a : b;
        Map<String, Long> large = small == a ? b : a;
        double dot = 0;
        for (Map.Entry<String, Long> e : small.entrySet()) {
            Long other = large.get(e.getKey());
            if (other != null) {
                dot += (double) e.getValue() * other;
            }
        }
        double na = norm(a);
        double nb = norm(b);
        return na == 0 || nb == 0 ? 0 : dot / (na * nb);
    }

    private static double norm(Map<String, Long> m) {
        double s = 0;
        for (long v : m.values()) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }
}
