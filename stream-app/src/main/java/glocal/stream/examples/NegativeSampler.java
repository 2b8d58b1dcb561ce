package glocal.stream.examples;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws negatives from each territory's catalogue (titles played there) with probability ∝
 * popularity^β, skipping titles the user played recently. Tables are built once per snapshot;
 * a draw is a binary search over cumulative weights.
 */
public final class NegativeSampler {

  private static final int TRIES_PER_NEGATIVE = 8;

  private record Table(String[] titles, double[] cumulative) {}

  private final Map<String, Table> tables = new HashMap<>();

  public NegativeSampler(Map<String, Map<String, Long>> countsByTerritory, double beta) {
    countsByTerritory.forEach((territory, counts) -> {
      String[] titles = counts.keySet().toArray(new String[0]);
      Arrays.sort(titles); // map order must not decide which title a random number picks
      double[] cum = new double[titles.length];
      double sum = 0;
      for (int i = 0; i < titles.length; i++) {
        sum += Math.pow(counts.get(titles[i]), beta);
        cum[i] = sum;
      }
      tables.put(territory, new Table(titles, cum));
    });
  }

  public static NegativeSampler empty() {
    return new NegativeSampler(Map.of(), 0.75);
  }

  /**
   * Up to {@code k} distinct titles of {@code territory}, none in {@code exclude}; fewer when the
   * catalogue has too few other titles.
   */
  public List<String> sample(String territory, int k, Collection<String> exclude, SplittableRandom rng) {
    Table t = tables.get(territory);
    if (t == null || k == 0) {
      return List.of();
    }
    String[] out = new String[k];
    int n = 0;
    double total = t.cumulative[t.cumulative.length - 1];
    for (int tries = 0; n < k && tries < k * TRIES_PER_NEGATIVE; tries++) {
      int i = Arrays.binarySearch(t.cumulative, rng.nextDouble() * total);
      String title = t.titles[i >= 0 ? Math.min(i + 1, t.titles.length - 1) : -i - 1];
      if (!exclude.contains(title) && !contains(out, n, title)) {
        out[n++] = title;
      }
    }
    return Arrays.asList(Arrays.copyOf(out, n));
  }

  private static boolean contains(String[] a, int n, String s) {
    for (int i = 0; i < n; i++) {
      if (a[i].equals(s)) {
        return true;
      }
    }
    return false;
  }
}
