package glocal.model.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects (probability, label) pairs per group (a territory group, a user group, …) and reports
 * AUC, PR-AUC (average precision) and log loss per group and over all. Holds every pair (12 bytes
 * each): meant for evaluation sets, not for unbounded streams — use {@link SlidingWindowAuc} there.
 */
public final class GroupedBinaryMetrics {

    /** Group name of the summary over every pair. */
    public static final String ALL = "all";

    /**
     * Metrics of one group; undefined values are NaN (see {@link BinaryMetrics}).
     *
     * @param examples pairs in the group
     * @param positives pairs with label 1
     */
    public record Summary(
            String group,
            long examples,
            long positives,
            double auc,
            double averagePrecision,
            double logLoss) {}

    private final Map<String, Pairs> groups = new TreeMap<>();
    private final Pairs all = new Pairs();

    /** Adds one example; {@code probability} in [0, 1], {@code label} 0 or 1. */
    public void add(String group, double probability, int label) {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label is " + label + "; labels are 0 or 1");
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException(
                    "probability " + probability + " of group " + group + " is outside [0, 1]");
        }
        if (ALL.equals(group)) {
            throw new IllegalArgumentException(
                    "group name '" + ALL + "' is reserved for the total");
        }
        groups.computeIfAbsent(group, g -> new Pairs()).add(probability, label);
        all.add(probability, label);
    }

    /** Summary of one group (or {@link #ALL}); fails naming a group never seen. */
    public Summary summary(String group) {
        Pairs p = ALL.equals(group) ? all : groups.get(group);
        if (p == null) {
            throw new IllegalArgumentException(
                    "no examples were added for group '"
                            + group
                            + "'; "
                            + "groups seen: "
                            + groups.keySet());
        }
        return p.summary(group);
    }

    /** One summary per group in name order, then {@link #ALL}. */
    public List<Summary> summaries() {
        List<Summary> out = new ArrayList<>();
        groups.forEach((g, p) -> out.add(p.summary(g)));
        out.add(all.summary(ALL));
        return out;
    }

    private static final class Pairs {
        private double[] scores = new double[64];
        private int[] labels = new int[64];
        private int size;
        private long positives;

        void add(double score, int label) {
            if (size == scores.length) {
                scores = Arrays.copyOf(scores, size * 2);
                labels = Arrays.copyOf(labels, size * 2);
            }
            scores[size] = score;
            labels[size] = label;
            size++;
            positives += label;
        }

        Summary summary(String group) {
            double[] s = Arrays.copyOf(scores, size);
            int[] l = Arrays.copyOf(labels, size);
            return new Summary(
                    group,
                    size,
                    positives,
                    BinaryMetrics.auc(s, l),
                    BinaryMetrics.averagePrecision(s, l),
                    BinaryMetrics.logLoss(s, l));
        }
    }
}
