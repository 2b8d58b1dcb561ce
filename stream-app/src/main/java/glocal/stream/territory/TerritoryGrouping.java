package glocal.stream.territory;

import java.util.Map;
import java.util.TreeMap;

/**
 * Territory → group assignment and its version. The version is derived from the content (a
 * 31-bit hash of the sorted assignment), so equal groupings carry equal versions on every
 * instance and examples say exactly which grouping their group column refers to. Territories the
 * grouping has not seen fall into a group by a stable hash of their code.
 */
public record TerritoryGrouping(Map<String, Integer> assignment, int groupCount, int version) {

  public static TerritoryGrouping of(Map<String, Integer> assignment, int groupCount) {
    TreeMap<String, Integer> sorted = new TreeMap<>(assignment);
    int h = groupCount;
    for (Map.Entry<String, Integer> e : sorted.entrySet()) {
      h = 31 * (31 * h + e.getKey().hashCode()) + e.getValue();
    }
    return new TerritoryGrouping(Map.copyOf(sorted), groupCount, h & Integer.MAX_VALUE);
  }

  public int groupOf(String territory) {
    Integer g = assignment.get(territory);
    return g != null ? g : Math.floorMod(territory.hashCode(), groupCount);
  }
}
