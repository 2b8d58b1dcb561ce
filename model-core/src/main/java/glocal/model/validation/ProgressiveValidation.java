package glocal.model.validation;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.labelling.ActivityGroup;
import glocal.model.metrics.GroupedBinaryMetrics.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Progressive validation (score-then-train): every batch is scored by the model before the model
 * trains on it, so each score is an honest out-of-sample prediction. This class keeps the last
 * {@code window} of those predictions per territory group, per activity group and over all, and
 * reports AUC, PR-AUC (average precision) and log loss of the play label over each window.
 *
 * <p>Only exposed examples count (plays and impressions: what a user was shown), as in the test AUC
 * of {@code glocal evaluate}; a sampled negative is a title drawn from the catalogue, not an event,
 * and a model that ranks by popularity scores those high, so with them in the window its AUC would
 * read below chance while it tells plays from impressions well.
 *
 * <p>Group names: {@code all}, {@code territoryGroup=G<n>}, {@code activityGroup=<new|low|high>}.
 * Not thread-safe: the trainer loop owns it.
 */
public final class ProgressiveValidation {

    public static final String ALL = "all";

    private final int window;
    private final Map<String, WindowedPairs> groups = new TreeMap<>();

    public ProgressiveValidation(int window) {
        if (window < 2) {
            throw new IllegalArgumentException(
                    "progressive validation window must be >= 2, was " + window);
        }
        this.window = window;
    }

    /** Adds the batch's pre-training scores ({@code scores[i]} belongs to example i). */
    public void add(ExampleBatch batch, float[] scores) {
        if (scores.length < batch.size()) {
            throw new IllegalArgumentException(
                    "batch "
                            + batch.batchId()
                            + " has "
                            + batch.size()
                            + " examples but "
                            + scores.length
                            + " scores");
        }
        WindowedPairs all = pairs(ALL);
        int[] kinds = batch.exampleKinds();
        for (int i = 0; i < batch.size(); i++) {
            if (!ExampleKind.exposed(kinds[i])) {
                continue;
            }
            int label = batch.play()[i] > 0.5f ? 1 : 0;
            double p = Math.min(1.0, Math.max(0.0, scores[i]));
            all.add(p, label);
            pairs(territoryGroupName(batch.territoryGroups()[i])).add(p, label);
            pairs(activityGroupName(batch.activityGroups()[i])).add(p, label);
        }
    }

    /** One summary per group seen, {@code all} first, then by name. */
    public List<Summary> summaries() {
        List<Summary> out = new ArrayList<>();
        out.add(pairs(ALL).summary(ALL));
        groups.forEach(
                (name, pairs) -> {
                    if (!ALL.equals(name)) {
                        out.add(pairs.summary(name));
                    }
                });
        return out;
    }

    /**
     * The predictions and labels currently in a group's window (e.g. for a PR curve); empty if
     * unseen.
     */
    public WindowContents window(String group) {
        WindowedPairs pairs = groups.get(group);
        return pairs == null ? new WindowContents(new double[0], new int[0]) : pairs.contents();
    }

    /** Group names seen so far, {@code all} first. */
    public List<String> groupNames() {
        List<String> out = new ArrayList<>();
        out.add(ALL);
        groups.keySet().stream().filter(g -> !ALL.equals(g)).forEach(out::add);
        return out;
    }

    /** Predictions (probabilities) and 0/1 labels, index-aligned. */
    public record WindowContents(double[] scores, int[] labels) {}

    /** Examples added so far (not just those still in the window). */
    public long examplesSeen() {
        return pairs(ALL).seen();
    }

    public static String territoryGroupName(int group) {
        return "territoryGroup=G" + group;
    }

    public static String activityGroupName(int group) {
        String label = ActivityGroup.label(group);
        return "activityGroup=" + (label == null ? String.valueOf(group) : label);
    }

    private WindowedPairs pairs(String name) {
        return groups.computeIfAbsent(name, n -> new WindowedPairs(window));
    }
}
