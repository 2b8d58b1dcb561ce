package glocal.model.evaluation;

import static glocal.model.evaluation.Evaluator.ARP;
import static glocal.model.evaluation.Evaluator.COVERAGE;
import static glocal.model.evaluation.Evaluator.GINI;
import static glocal.model.evaluation.Evaluator.HELD_OUT;
import static glocal.model.evaluation.Evaluator.K;
import static glocal.model.evaluation.Evaluator.LOCAL_SHARE;
import static glocal.model.evaluation.Evaluator.LONG_TAIL;
import static glocal.model.evaluation.Evaluator.NDCG;
import static glocal.model.evaluation.Evaluator.RECALL;
import static glocal.model.evaluation.Evaluator.TEST_USERS;

import glocal.model.metrics.GroupedBinaryMetrics;
import glocal.model.metrics.TopKEvaluator;
import glocal.model.train.ScoredTitle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The top-K metrics of a trained model over the held-out plays of the ranked test users: NDCG,
 * recall, local share, average recommendation popularity, long-tail share, Gini of exposure and
 * coverage, overall, per territory group, per user group and per territory size. Each user's
 * training titles are dropped from its list.
 */
final class TopKMeasurement {

    /** Share of plays held by the head; titles outside it are the long tail. */
    private static final double HEAD_SHARE = 0.8;

    private final int maxTestUsers;

    /**
     * @param maxTestUsers top-K lists are computed for at most this many test users
     */
    TopKMeasurement(int maxTestUsers) {
        this.maxTestUsers = maxTestUsers;
    }

    /**
     * The test users whose top-K lists are computed: users with held-out plays and training plays,
     * at most {@code maxTestUsers} of them (every n-th in id order).
     */
    List<String> rankedUsers(EvaluationData data) {
        List<String> users =
                data.heldOut().keySet().stream().filter(data.userGroups()::contains).toList();
        int stride = Math.max(1, (users.size() + maxTestUsers - 1) / maxTestUsers);
        List<String> ranked = new ArrayList<>();
        for (int i = 0; i < users.size(); i += stride) {
            ranked.add(users.get(i));
        }
        return ranked;
    }

    /** The top-K rows of {@code model}, ranking through {@code ranker}. */
    List<MetricRow> rows(EvaluationData data, String model, long seed, Evaluator.Ranker ranker) {
        // Long tail: every catalogue title outside the head, titles shown but never played
        // included.
        Set<String> playedTail = data.popularity().longTail(HEAD_SHARE);
        Set<String> longTail = new HashSet<>(data.catalogue());
        longTail.removeIf(t -> data.popularity().count(t) > 0 && !playedTail.contains(t));
        TopKEvaluator<String> eval =
                new TopKEvaluator<>(
                        K, data.popularity(), longTail, data.isLocal(), data.catalogue().size());
        for (String user : rankedUsers(data)) {
            String territory = data.userTerritory().get(user);
            int group = data.grouping().group(territory);
            Set<String> seen = data.trainPlays().getOrDefault(user, Set.of());
            List<String> ranked = new ArrayList<>(K);
            for (ScoredTitle s : ranker.topK(user, group, K + seen.size())) {
                if (!seen.contains(s.titleId()) && ranked.size() < K) {
                    ranked.add(s.titleId());
                }
            }
            eval.add(
                    territory,
                    List.of(
                            ReportGroups.territoryGroup(data, group),
                            ReportGroups.userGroup(data, user),
                            ReportGroups.sizeGroup(data, territory)),
                    ranked,
                    data.heldOut().get(user));
        }
        List<MetricRow> rows = new ArrayList<>();
        for (TopKEvaluator.GroupReport r : eval.report()) {
            rows.add(new MetricRow(seed, model, r.group(), TEST_USERS, r.usersWithRelevant()));
            rows.add(new MetricRow(seed, model, r.group(), HELD_OUT, r.relevantItems()));
            rows.add(new MetricRow(seed, model, r.group(), NDCG, r.ndcg()));
            rows.add(new MetricRow(seed, model, r.group(), RECALL, r.recall()));
            rows.add(new MetricRow(seed, model, r.group(), LOCAL_SHARE, r.localShare()));
            rows.add(new MetricRow(seed, model, r.group(), ARP, r.averagePopularity()));
            rows.add(new MetricRow(seed, model, r.group(), LONG_TAIL, r.longTailShare()));
            rows.add(new MetricRow(seed, model, r.group(), GINI, r.giniOfExposure()));
            rows.add(new MetricRow(seed, model, r.group(), COVERAGE, r.coverage()));
        }
        return rows;
    }

    /** NDCG@20 over every ranked user in {@code rows} (NaN without such a row). */
    static double overallNdcg(List<MetricRow> rows) {
        return rows.stream()
                .filter(r -> r.group().equals(GroupedBinaryMetrics.ALL) && r.metric().equals(NDCG))
                .mapToDouble(MetricRow::value)
                .findFirst()
                .orElse(Double.NaN);
    }
}
