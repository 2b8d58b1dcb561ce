package glocal.model.synthetic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The territories a world uses, with their size-weighted home sampling. */
final class TerritorySet {

    private final List<Territory> territories;
    private final double[] share;
    private final AliasTable homeTable;
    private final Map<Region, int[]> members = new EnumMap<>(Region.class);
    private final Map<Region, AliasTable> homeInRegion = new EnumMap<>(Region.class);
    private final Map<String, Integer> indexByCode = new HashMap<>();

    TerritorySet(SyntheticConfig config) {
        territories = List.copyOf(TerritoryCatalogue.ALL.subList(0, config.territories()));
        double[] weights = new double[territories.size()];
        double sum = 0;
        for (int t = 0; t < weights.length; t++) {
            weights[t] =
                    Math.pow(territories.get(t).relativeSize(), config.territorySizeExponent());
            sum += weights[t];
            indexByCode.put(territories.get(t).code(), t);
        }
        share = new double[weights.length];
        for (int t = 0; t < weights.length; t++) {
            share[t] = weights[t] / sum;
        }
        homeTable = new AliasTable(weights);
        for (Region region : Region.values()) {
            List<Integer> in = new ArrayList<>();
            for (int t = 0; t < territories.size(); t++) {
                if (territories.get(t).region() == region) {
                    in.add(t);
                }
            }
            if (!in.isEmpty()) {
                int[] idx = in.stream().mapToInt(Integer::intValue).toArray();
                double[] w = new double[idx.length];
                for (int k = 0; k < idx.length; k++) {
                    w[k] = weights[idx[k]];
                }
                members.put(region, idx);
                homeInRegion.put(region, new AliasTable(w));
            }
        }
    }

    int size() {
        return territories.size();
    }

    Territory get(int t) {
        return territories.get(t);
    }

    List<Territory> all() {
        return territories;
    }

    /** Share of users whose home is territory {@code t} (in expectation). */
    double share(int t) {
        return share[t];
    }

    /** Regions with at least one territory in use, in enum order. */
    List<Region> regions() {
        return List.copyOf(members.keySet());
    }

    int drawHome(SplittableRandom rng) {
        return homeTable.sample(rng);
    }

    int drawHomeIn(Region region, SplittableRandom rng) {
        return members.get(region)[homeInRegion.get(region).sample(rng)];
    }

    /** Index of a territory code, or -1 when it is not in use. */
    int indexOf(String code) {
        Integer i = indexByCode.get(code);
        return i == null ? -1 : i;
    }
}
