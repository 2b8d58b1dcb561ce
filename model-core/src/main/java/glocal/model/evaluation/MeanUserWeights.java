package glocal.model.evaluation;

import static glocal.model.evaluation.Evaluator.MEAN_WEIGHT;
import static glocal.model.evaluation.Evaluator.WEIGHTED_SHARE;

import glocal.model.metrics.GroupedBinaryMetrics;
import glocal.model.metrics.UserGroups;
import glocal.model.weights.AdaptiveUserWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an adaptive variant's user weights ended up after training: their mean over the users with
 * training plays, overall and per user group, and the share of those users whose weight moved off
 * 1.
 */
final class MeanUserWeights {

    private MeanUserWeights() {}

    static List<MetricRow> rows(
            EvaluationData data, String model, long seed, AdaptiveUserWeights weights) {
        UserGroups groups = data.userGroups();
        double[] sum = new double[groups.groups()];
        int[] count = new int[groups.groups()];
        double total = 0;
        int users = 0;
        int moved = 0;
        for (String user : data.trainPlays().keySet()) {
            double w = weights.weight(user);
            total += w;
            users++;
            moved += w != 1.0 ? 1 : 0;
            if (groups.contains(user)) {
                int g = groups.group(user);
                sum[g] += w;
                count[g]++;
            }
        }
        List<MetricRow> out = new ArrayList<>();
        out.add(
                new MetricRow(
                        seed,
                        model,
                        GroupedBinaryMetrics.ALL,
                        MEAN_WEIGHT,
                        users == 0 ? Double.NaN : total / users));
        out.add(
                new MetricRow(
                        seed,
                        model,
                        GroupedBinaryMetrics.ALL,
                        WEIGHTED_SHARE,
                        users == 0 ? Double.NaN : moved / (double) users));
        for (int g = 0; g < sum.length; g++) {
            out.add(
                    new MetricRow(
                            seed,
                            model,
                            ReportGroups.userGroupName(groups.label(g)),
                            MEAN_WEIGHT,
                            count[g] == 0 ? Double.NaN : sum[g] / count[g]));
        }
        return out;
    }
}
