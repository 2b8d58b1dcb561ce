package glocal.model.territory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One group per region (in the order of the region list, labelled with its names); plays play no
 * part.
 */
final class RegionGrouping implements GroupingStrategy {

    private final TerritoryGrouping grouping;

    RegionGrouping(Map<String, String> regionOf, List<String> regions) {
        Map<String, Integer> assignment = new HashMap<>();
        regionOf.forEach(
                (territory, region) -> {
                    int g = regions.indexOf(region);
                    if (g < 0) {
                        throw new IllegalArgumentException(
                                "territory "
                                        + territory
                                        + " is in region "
                                        + region
                                        + ", which is not one of "
                                        + regions);
                    }
                    assignment.put(territory, g);
                });
        this.grouping = TerritoryGrouping.of(assignment, regions.size()).withLabels(regions);
    }

    @Override
    public TerritoryGrouping group(Map<String, Map<String, Long>> plays) {
        return grouping;
    }
}
