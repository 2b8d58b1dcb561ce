package glocal.model.territory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Territories sorted by descending plays (ties by code) and dealt round-robin into the groups, so
 * every group gets one of the largest territories and a share of the small ones; viewership plays
 * no part (each group is one big country plus whatever small ones the deal gives it).
 */
final class VolumeGrouping implements GroupingStrategy {

    private final int groups;

    VolumeGrouping(int groups) {
        this.groups = groups;
    }

    @Override
    public TerritoryGrouping group(Map<String, Map<String, Long>> plays) {
        List<Map.Entry<String, Long>> order =
                new ArrayList<>(GroupingStrategy.volumes(plays).entrySet());
        order.sort(
                Map.Entry.<String, Long>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> assignment = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            assignment.put(order.get(i).getKey(), i % groups);
        }
        return TerritoryGrouping.of(assignment, groups);
    }
}
