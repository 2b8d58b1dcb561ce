package glocal.model.sampling;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws titles of a territory with probability ∝ count^β, where the counts change with every play.
 * One Fenwick tree of count^β per territory keeps both an update and a draw at O(log n), so the
 * sampler follows the stream exactly instead of being rebuilt from a snapshot. Used by the stream's
 * example builder and by the offline evaluation, so both draw negatives the same way.
 */
public final class PopularitySampler {

    /**
     * Draws per wanted title before giving up (the excluded titles may hold most of the weight).
     */
    private static final int TRIES_PER_TITLE = 8;

    /**
     * Counts below this have their count^β in a table: every play moves a count by one, mostly a
     * small one.
     */
    private static final int TABLED_COUNTS = 1024;

    private final double beta;
    private final double[] powers = new double[TABLED_COUNTS];
    private final Map<String, Catalogue> byTerritory = new HashMap<>();

    public PopularitySampler(double beta) {
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("popularity exponent β must be >= 0, got " + beta);
        }
        this.beta = beta;
        for (int c = 1; c < TABLED_COUNTS; c++) {
            powers[c] = Math.pow(c, beta);
        }
    }

    public double beta() {
        return beta;
    }

    /** Counts one play of the title in the territory. */
    public void played(String territory, String titleId) {
        add(territory, titleId, 1);
    }

    /**
     * Adds {@code plays} (at least 0) to the title's count, e.g. when loading counts kept
     * elsewhere.
     */
    public void add(String territory, String titleId, long plays) {
        if (plays < 0) {
            throw new IllegalArgumentException(
                    "plays must be >= 0, got " + plays + " for " + territory + "/" + titleId);
        }
        if (plays == 0) {
            return;
        }
        Catalogue c = byTerritory.get(territory);
        if (c == null) {
            c = new Catalogue(beta, powers);
            byTerritory.put(territory, c);
        }
        c.add(titleId, plays);
    }

    /** The title's current count in the territory. */
    public long count(String territory, String titleId) {
        Catalogue c = byTerritory.get(territory);
        return c == null ? 0 : c.count(titleId);
    }

    /** A title of the territory's catalogue, or null when it has none. */
    public String sample(String territory, SplittableRandom random) {
        Catalogue c = byTerritory.get(territory);
        return c == null ? null : c.sample(random);
    }

    /**
     * Up to {@code k} distinct titles of {@code territory}, none in {@code exclude}; fewer when the
     * catalogue has too few other titles (after {@value #TRIES_PER_TITLE} draws per wanted title).
     */
    public List<String> sample(
            String territory, int k, Collection<String> exclude, SplittableRandom random) {
        Catalogue c = byTerritory.get(territory);
        if (c == null || k == 0) {
            return List.of();
        }
        String[] out = new String[k];
        int n = 0;
        for (int tries = 0; n < k && tries < k * TRIES_PER_TITLE; tries++) {
            String title = c.sample(random);
            if (title == null) {
                break;
            }
            if (!excluded(exclude, title) && !contains(out, n, title)) {
                out[n++] = title;
            }
        }
        return Arrays.asList(Arrays.copyOf(out, n));
    }

    /**
     * {@code exclude.contains(title)}; for a list (a user's recent titles) the cached hash codes
     * are compared before the characters, so most titles are ruled out without touching their
     * bytes.
     */
    @SuppressWarnings("ReferenceEquality") // identity first: a fast path before equals
    private static boolean excluded(Collection<String> exclude, String title) {
        if (!(exclude instanceof List<String> list)
                || !(exclude instanceof java.util.RandomAccess)) {
            return exclude.contains(title);
        }
        int h = title.hashCode();
        for (int i = 0, n = list.size(); i < n; i++) {
            String x = list.get(i);
            if (x == title || (x.hashCode() == h && x.equals(title))) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String[] a, int n, String s) {
        for (int i = 0; i < n; i++) {
            if (a[i].equals(s)) {
                return true;
            }
        }
        return false;
    }

    private static final class Catalogue {
        private final double beta;
        private final Map<String, Integer> index = new HashMap<>();
        private String[] titles = new String[16];
        private int size;
        private long[] counts = new long[16];
        private double[] tree = new double[17];
        private final double[] powers;

        Catalogue(double beta, double[] powers) {
            this.beta = beta;
            this.powers = powers;
        }

        long count(String titleId) {
            Integer i = index.get(titleId);
            return i == null ? 0 : counts[i];
        }

        void add(String titleId, long plays) {
            Integer i = index.get(titleId);
            if (i == null) {
                i = size++;
                index.put(titleId, i);
                if (i >= counts.length) {
                    grow();
                }
                titles[i] = titleId;
            }
            long before = counts[i];
            counts[i] = before + plays;
            update(i + 1, weight(counts[i]) - weight(before));
        }

        private double weight(long count) {
            return count < powers.length ? powers[(int) count] : Math.pow((double) count, beta);
        }

        /** Doubles the arrays and rebuilds the tree from the counts. */
        private void grow() {
            counts = Arrays.copyOf(counts, counts.length * 2);
            titles = Arrays.copyOf(titles, counts.length);
            tree = new double[counts.length + 1];
            for (int j = 0; j < counts.length; j++) {
                if (counts[j] > 0) {
                    update(j + 1, weight(counts[j]));
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
            if (size == 0 || total <= 0) {
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
            // pos is the first index whose prefix sum exceeds the target (every listed title has
            // plays).
            return titles[Math.min(pos, size - 1)];
        }
    }
}
