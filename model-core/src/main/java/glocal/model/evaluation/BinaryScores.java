package glocal.model.evaluation;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.metrics.GroupedBinaryMetrics;
import java.util.List;

/**
 * PR-AUC and AUC of a model's scores of examples, per grouping dimension apart (territory group,
 * user group, territory size), so each example counts once in each dimension's total.
 */
final class BinaryScores {

    private final GroupedBinaryMetrics[] metrics = {
        new GroupedBinaryMetrics(), new GroupedBinaryMetrics(), new GroupedBinaryMetrics()
    };

    /** Adds {@code scores} of {@code batch}'s examples, labelled by whether each is a play. */
    void add(EvaluationData data, ExampleBatch batch, float[] scores) {
        int[] kinds = batch.exampleKinds();
        for (int i = 0; i < batch.size(); i++) {
            if (!ExampleKind.exposed(kinds[i])) {
                // Exposures only (plays and impressions), as the service's progressive
                // validation: a sampled negative is a drawn title, not an event.
                continue;
            }
            int label = batch.play()[i] > 0.5f ? 1 : 0;
            metrics[0].add(
                    ReportGroups.territoryGroup(data, batch.territoryGroups()[i]),
                    scores[i],
                    label);
            String user = batch.userIds()[i];
            if (data.userGroups().contains(user)) {
                metrics[1].add(ReportGroups.userGroup(data, user), scores[i], label);
            }
            metrics[2].add(ReportGroups.sizeGroup(data, batch.territories()[i]), scores[i], label);
        }
    }

    /**
     * Appends to {@code rows} the PR-AUC (metric {@code prAuc}) and AUC (metric {@code auc}) of
     * every group, {@link GroupedBinaryMetrics#ALL} once.
     */
    void addRows(List<MetricRow> rows, String model, long seed, String prAuc, String auc) {
        for (int t = 0; t < metrics.length; t++) {
            for (GroupedBinaryMetrics.Summary s : metrics[t].summaries()) {
                if (t > 0 && GroupedBinaryMetrics.ALL.equals(s.group())) {
                    continue;
                }
                // Without negatives every ranking has precision 1: PR-AUC says nothing (the report
                // warns why).
                rows.add(
                        new MetricRow(
                                seed,
                                model,
                                s.group(),
                                prAuc,
                                s.positives() == s.examples() ? Double.NaN : s.averagePrecision()));
                rows.add(new MetricRow(seed, model, s.group(), auc, s.auc()));
            }
        }
    }

    /**
     * Appends NaN progressive-validation rows, for a model fitted offline on the training period
     * (nothing was scored before it was trained on).
     */
    static void addNoProgressiveValidation(List<MetricRow> rows, String model, long seed) {
        rows.add(
                new MetricRow(
                        seed, model, GroupedBinaryMetrics.ALL, Evaluator.PV_PR_AUC, Double.NaN));
        rows.add(
                new MetricRow(seed, model, GroupedBinaryMetrics.ALL, Evaluator.PV_AUC, Double.NaN));
    }
}
