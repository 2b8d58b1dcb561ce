package glocal.stream.examples;

import glocal.model.sampling.UserSampler;
import glocal.stream.territory.TerritoryGrouping;
import java.util.Map;

/**
 * The example builder's settings.
 *
 * @param explicitGroups configured territory groups; empty means computed from viewership
 */
public record ExamplePolicy(
    long impressionWindowMs,
    int negativesPerPositive,
    double beta,
    UserSampler userSampler,
    long seed,
    Map<String, Integer> explicitGroups,
    int groupCount,
    long regroupIntervalMs) {

  public boolean groupsConfigured() {
    return !explicitGroups.isEmpty();
  }

  public TerritoryGrouping initialGrouping() {
    return TerritoryGrouping.of(explicitGroups, groupCount);
  }
}
