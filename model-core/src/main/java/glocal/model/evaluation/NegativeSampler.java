package glocal.model.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Samples negatives for a territory ∝ popularity^β over the titles played in that territory so far.
 * A Fenwick tree per territory keeps both the update after each play and the draw at O(log n),
 * since the catalogue and the weights change with every example of the replay.
 */
final class NegativeSampler {

  private final double beta;
  private final Map<String, Catalogue> byTerritory = new HashMap<>();

  NegativeSampler(double beta) {
    if (!(beta >= 0)) {
      throw new IllegalArgumentException("negative sampling exponent β must be >= 0, got " + beta);
    }
    this.beta = beta;
  }

  /** Counts one play of the title in the territory. */
  void played(String territory, String titleId) {
    byTerritory.computeIfAbsent(territory, t -> new Catalogue(beta)).add(titleId);
  }

  /** A title of the territory's catalogue seen so far, or null when it has none. */
  String sample(String territory, SplittableRandom random) {
    Catalogue c = byTerritory.get(territory);
    return c == null ? null : c.sample(random);
  }

  private static final class Catalogue {
    private final double beta;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> titles = new ArrayList<>();
    private long[] counts = new long[16];
    private double[] tree = new double[17];

    Catalogue(double beta) {
      this.beta = beta;
    }

    void add(String titleId) {
      Integer i = index.get(titleId);
      if (i == null) {
        i = titles.size();
        index.put(titleId, i);
        titles.add(titleId);
        if (i >= counts.length) {
          grow();
        }
      }
      double before = counts[i] == 0 ? 0 : Math.pow(counts[i], beta);
      counts[i]++;
      update(i + 1, Math.pow(counts[i], beta) - before);
    }

    /** Doubles the arrays and rebuilds the tree from the counts. */
    private void grow() {
      counts = java.util.Arrays.copyOf(counts, counts.length * 2);
      tree = new double[counts.length + 1];
      for (int j = 0; j < counts.length; j++) {
        if (counts[j] > 0) {
          update(j + 1, Math.pow(counts[j], beta));
        }
      }
    }

    private void update(int pos, double delta) {
      for (int p = pos; p < tree.length; p += p & -p) {
        tree[p] += delta;
      }
    }

    String sample(SplittableRandom random) {
      int n = tree.length - 1;
      double total = 0;
      for (int p = n; p > 0; p -= p & -p) {
        total += tree[p];
      }
      if (titles.isEmpty() || total <= 0) {
        return null;
      }
      double target = random.nextDouble() * total;
      int pos = 0;
      for (int step = Integer.highestOneBit(n); step > 0; step >>= 1) {
        int next = pos + step;
        if (next <= n && tree[next] <= target) {
          pos = next;
          target -= tree[next];
        }
      }
      return titles.get(Math.min(pos, titles.size() - 1));
    }
  }
}
