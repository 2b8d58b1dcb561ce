package glocal.stream.examples;

import glocal.model.labelling.LabellingPolicy;
import glocal.model.territory.GroupingStrategy;
import glocal.model.territory.TerritoryGrouping;
import java.util.Map;

/**
 * The example builder's settings: the labelling rules, and the territory grouping (configured, or
 * computed from viewership and recomputed on a wall-clock interval).
 *
 * @param explicitGroups configured territory groups; empty means computed from viewership
 * @param groupCount G, the number of territory groups
 */
public record ExamplePolicy(
        LabellingPolicy labelling,
        Map<String, Integer> explicitGroups,
        int groupCount,
        long regroupIntervalMs) {

    public boolean groupsConfigured() {
        return !explicitGroups.isEmpty();
    }

    /**
     * The configured grouping, or before the first computed one an empty one (every territory
     * hashed).
     */
    public TerritoryGrouping initialGrouping() {
        return TerritoryGrouping.of(explicitGroups, groupCount);
    }

    /** How a grouping is computed from viewership when none is configured. */
    public GroupingStrategy regrouping() {
        return GroupingStrategy.viewership(groupCount);
    }
}
