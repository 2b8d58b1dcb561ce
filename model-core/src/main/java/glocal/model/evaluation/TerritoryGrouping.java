package glocal.model.evaluation;

import glocal.model.synthetic.SyntheticWorld;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a territory code to its territory group (the block of the multi-territory model it trains).
 * Built from the synthetic world's regions, from a fixed map, or, for a views file, by dealing
 * territories ordered by play count round-robin into the groups so every group mixes major and
 * minor territories (as the multi-territory paper builds its groups).
 */
public final class TerritoryGrouping {

  private final Map<String, Integer> groupOf;
  private final int groups;
  private final List<String> labels;

  private TerritoryGrouping(Map<String, Integer> groupOf, int groups, List<String> labels) {
    this.groupOf = Map.copyOf(groupOf);
    this.groups = groups;
    this.labels = List.copyOf(labels);
  }

  private TerritoryGrouping(Map<String, Integer> groupOf, int groups) {
    this(groupOf, groups, java.util.stream.IntStream.range(0, groups).mapToObj(g -> "G" + g).toList());
  }

  /** The group's name in reports: the region for {@link #byRegion}, else {@code G<n>}. */
  public String label(int group) {
    return labels.get(group);
  }

  /** Group = the territory's region (AMER, LATAM, EMEA, APAC → 0..3). */
  public static TerritoryGrouping byRegion(SyntheticWorld world) {
    Map<String, Integer> map = new HashMap<>();
    world.territories().forEach(t -> map.put(t.code(), t.region().ordinal()));
    return new TerritoryGrouping(map, 4,
        java.util.Arrays.stream(glocal.model.synthetic.Region.values()).map(Enum::name).toList());
  }

  /** A fixed map; every value must lie in {@code [0, groups)}. */
  public static TerritoryGrouping fixed(Map<String, Integer> groupOf, int groups) {
    groupOf.forEach((t, g) -> {
      if (g < 0 || g >= groups) {
        throw new IllegalArgumentException("territory " + t + " is mapped to group " + g
            + ", outside 0.." + (groups - 1));
      }
    });
    return new TerritoryGrouping(groupOf, groups);
  }

  /** Territories sorted by descending play count (ties by code), dealt round-robin into groups. */
  public static TerritoryGrouping byVolume(Map<String, Long> playsByTerritory, int groups) {
    List<Map.Entry<String, Long>> order = new ArrayList<>(playsByTerritory.entrySet());
    order.sort(Map.Entry.<String, Long>comparingByValue().reversed()
        .thenComparing(Map.Entry.comparingByKey()));
    Map<String, Integer> map = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      map.put(order.get(i).getKey(), i % groups);
    }
    return new TerritoryGrouping(map, groups);
  }

  public int groups() {
    return groups;
  }

  /** The territory's group; fails naming a territory the grouping does not know. */
  public int group(String territory) {
    Integer g = groupOf.get(territory);
    if (g == null) {
      throw new IllegalArgumentException("territory " + territory + " has no territory group; "
          + "add it to the grouping");
    }
    return g;
  }
}
