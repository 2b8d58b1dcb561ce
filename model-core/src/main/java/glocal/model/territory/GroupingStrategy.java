package glocal.model.territory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How territory groups are made from plays: by region, by volume or by viewership, or a fixed
 * grouping. The stream computes its grouping with {@link #viewership} (unless one is configured);
 * the offline evaluation chooses one with {@code --groups}.
 */
public interface GroupingStrategy {

    /**
     * The grouping of {@code plays}: territory → title → plays (a territory with no plays may map
     * to an empty map, so that it is grouped too).
     */
    TerritoryGrouping group(Map<String, Map<String, Long>> plays);

    /**
     * A new version from {@code plays} whose group ids follow {@code previous} ({@link
     * TerritoryGrouping#alignedTo}): what a grouping that is recomputed while models train on it
     * must use, so that a head keeps serving mostly the same territories.
     */
    default TerritoryGrouping regroup(
            TerritoryGrouping previous, Map<String, Map<String, Long>> plays) {
        return group(plays).alignedTo(previous, volumes(plays));
    }

    /** The same grouping whatever the plays (configured, or read from a file). */
    static GroupingStrategy fixed(TerritoryGrouping grouping) {
        return plays -> grouping;
    }

    /**
     * Territories by descending plays dealt round-robin into {@code groups} groups: see {@link
     * VolumeGrouping}.
     */
    static GroupingStrategy volume(int groups) {
        return new VolumeGrouping(groups);
    }

    /**
     * Major territories seed the groups, the others join by viewership: see {@link
     * ViewershipGrouping}.
     */
    static GroupingStrategy viewership(int groups) {
        return new ViewershipGrouping(groups);
    }

    /** One group per region, labelled with the region names: see {@link RegionGrouping}. */
    static GroupingStrategy region(Map<String, String> regionOf, List<String> regions) {
        return new RegionGrouping(regionOf, regions);
    }

    /** Plays per territory. */
    static Map<String, Long> volumes(Map<String, Map<String, Long>> plays) {
        Map<String, Long> out = new HashMap<>();
        plays.forEach(
                (t, titles) ->
                        out.put(t, titles.values().stream().mapToLong(Long::longValue).sum()));
        return out;
    }
}
