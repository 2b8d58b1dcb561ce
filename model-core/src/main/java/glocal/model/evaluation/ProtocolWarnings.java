package glocal.model.evaluation;

import glocal.model.batch.ExampleBatch;
import glocal.model.data.files.ReadReport;
import glocal.model.metrics.GroupedBinaryMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What makes a split's figures misleading, said in words before anyone reads them: too few test
 * users, event times that do not interleave across users (a file grouped by user with no real
 * times: the time split then cuts between users, not between past and future), a test base rate so
 * high that PR-AUC is near 1 for any score, test groups with no negatives (PR-AUC and AUC n/a),
 * report groups without a test user, and a file with many rejected lines.
 */
public final class ProtocolWarnings {

    /** Fewer ranked test users than this: a warning. */
    public static final int MIN_TEST_USERS = 200;

    /**
     * Fewer ranked test users in a group than this: the group is marked and its conclusions named.
     */
    public static final int SMALL_GROUP = 100;

    /** Test base rate (plays over test examples) above this: PR-AUC says little. */
    public static final double MAX_BASE_RATE = 0.8;

    /**
     * At least this share of users (with two views or more) contiguous in time: times do not
     * interleave.
     */
    public static final double CONTIGUOUS_SHARE = 0.9;

    /** Rejected lines above this share of a file's lines: a warning. */
    public static final double MAX_REJECTED_SHARE = 0.01;

    private ProtocolWarnings() {}

    /**
     * Warnings about the split {@code data} whose top-K lists are computed for {@code rankedUsers}.
     */
    public static List<String> of(EvaluationData data, List<String> rankedUsers) {
        List<String> out = new ArrayList<>();
        SplitFacts facts = data.split();
        if (rankedUsers.size() < MIN_TEST_USERS) {
            int available =
                    (int)
                            data.heldOut().keySet().stream()
                                    .filter(data.userGroups()::contains)
                                    .count();
            out.add(
                    String.format(
                            Locale.ROOT,
                            "only %d test users are ranked%s (users with training plays and held-out "
                                    + "plays); below %d, NDCG@20 and recall@20 move by whole points from one split to another, so small "
                                    + "differences between models are noise",
                            rankedUsers.size(),
                            available > rankedUsers.size()
                                    ? " of " + available + " (raise --test-users)"
                                    : "",
                            MIN_TEST_USERS));
        }
        if (facts.distinctEventTimes() <= 1 || facts.contiguousShare() >= CONTIGUOUS_SHARE) {
            String what =
                    facts.distinctEventTimes() <= 1
                            ? "every view has the same event time"
                            : String.format(
                                    Locale.ROOT,
                                    "event times do not interleave across users (%.0f%% of the %d users with "
                                            + "several views have all their views in one unbroken run in time order)",
                                    100 * facts.contiguousShare(),
                                    facts.usersWithSeveralViews());
            out.add(
                    what
                            + ": the file looks grouped by user with no real timestamps. "
                            + (facts.mode() == SplitMode.TIME
                                    ? "The time split then becomes a user split (the test period holds the last users of the file, whom "
                                            + "training never saw); use --split user-time, or give real event times"
                                    : "--split user-time then takes each user's last views in file order, not in time"));
        }
        Map<String, long[]> labelsByGroup = testLabels(data);
        long[] labels = labelsByGroup.get(GroupedBinaryMetrics.ALL);
        if (labels[0] == 0) {
            out.add(
                    "the test split has no example (no test view of a user and title seen in training): test PR-AUC "
                            + "and AUC are n/a");
        } else if (labels[1] == labels[0]) {
            out.add(
                    String.format(
                            Locale.ROOT,
                            "the test split has no negatives (all %d test examples are plays: no "
                                    + "impression without a later play): test_pr_auc and test_auc are n/a for every model",
                            labels[0]));
        } else {
            double baseRate = labels[1] / (double) labels[0];
            if (baseRate > MAX_BASE_RATE) {
                out.add(
                        String.format(
                                Locale.ROOT,
                                "test base rate %.2f (%d plays of %d test examples): a score that knows "
                                        + "nothing has PR-AUC near %.2f, so test_pr_auc says little; compare test_auc and the top-K metrics",
                                baseRate,
                                labels[1],
                                labels[0],
                                baseRate));
            }
            List<String> noNegatives =
                    labelsByGroup.entrySet().stream()
                            .filter(e -> e.getValue()[0] == e.getValue()[1])
                            .map(Map.Entry::getKey)
                            .toList();
            if (!noNegatives.isEmpty()) {
                out.add(
                        "no test negatives in "
                                + String.join(", ", noNegatives)
                                + ": test_pr_auc and test_auc are n/a there");
            }
        }
        Map<String, Integer> users = new LinkedHashMap<>();
        ReportGroups.groupOrder(data).forEach(g -> users.put(g, 0));
        for (String user : rankedUsers) {
            String territory = data.userTerritory().get(user);
            users.merge(
                    ReportGroups.territoryGroup(data, data.grouping().group(territory)),
                    1,
                    Integer::sum);
            users.merge(ReportGroups.userGroup(data, user), 1, Integer::sum);
            users.merge(ReportGroups.sizeGroup(data, territory), 1, Integer::sum);
        }
        List<String> empty =
                users.entrySet().stream()
                        .filter(
                                e ->
                                        e.getValue() == 0
                                                && !e.getKey().equals(GroupedBinaryMetrics.ALL))
                        .map(Map.Entry::getKey)
                        .toList();
        if (!empty.isEmpty()) {
            out.add(
                    "no ranked test user in "
                            + String.join(", ", empty)
                            + ": those groups have no top-K row"
                            + (empty.contains("size=" + TerritorySizes.MINOR)
                                    ? " (size=minor is empty when the smallest territory holds "
                                            + "more than "
                                            + Math.round(100 * TerritorySizes.MINOR_USER_SHARE)
                                            + "% of the users)"
                                    : ""));
        }
        return out;
    }

    /**
     * A warning when more than {@link #MAX_REJECTED_SHARE} of a file's lines were rejected, else
     * none.
     */
    public static List<String> ofFile(String file, ReadReport report) {
        long lines = report.views() + report.badLines();
        if (lines == 0 || report.badLines() <= MAX_REJECTED_SHARE * lines) {
            return List.of();
        }
        return List.of(
                String.format(
                        Locale.ROOT,
                        "%d of %d lines of %s (%.1f%%) were rejected and left out (reasons "
                                + "above): the split holds what remains",
                        report.badLines(),
                        lines,
                        file,
                        100.0 * report.badLines() / lines));
    }

    /**
     * Test examples and plays ({@code [examples, plays]}) over all, and per territory and size
     * group.
     */
    private static Map<String, long[]> testLabels(EvaluationData data) {
        Map<String, long[]> byGroup = new LinkedHashMap<>();
        byGroup.put(GroupedBinaryMetrics.ALL, new long[2]);
        for (ExampleBatch b : data.testBatches()) {
            for (int i = 0; i < b.size(); i++) {
                int play = b.play()[i] > 0.5f ? 1 : 0;
                for (String g :
                        List.of(
                                GroupedBinaryMetrics.ALL,
                                ReportGroups.territoryGroup(data, b.territoryGroups()[i]),
                                ReportGroups.sizeGroup(data, b.territories()[i]))) {
                    long[] c = byGroup.computeIfAbsent(g, x -> new long[2]);
                    c[0]++;
                    c[1] += play;
                }
            }
        }
        return byGroup;
    }
}
