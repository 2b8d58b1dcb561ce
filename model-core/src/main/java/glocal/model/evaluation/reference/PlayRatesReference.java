package glocal.model.evaluation.reference;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.evaluation.EvaluationData;
import glocal.model.train.ScoredTitle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code play-rates}: the non-learned yardstick of test PR-AUC and AUC. From the training period's
 * exposure examples (plays and impressions; sampled negatives are not exposures) it takes each
 * user's and each title's play rate, smoothed towards the global rate {@code p} with {@value
 * #PRIOR_EXPOSURES} pseudo-exposures ({@code r = (plays + a·p) / (exposures + a)}), and scores a
 * pair by {@code sigmoid(logit(r_u) + logit(r_t) - logit(p))}: what a user's and a title's
 * engagement biases alone know about "played among exposed". Its top-K ranks the catalogue by the
 * title's smoothed rate (the user's term is the same for every title), ties by training plays then
 * id; it is not a top-K yardstick.
 */
public final class PlayRatesReference implements ReferenceRecommender {

    /** Pseudo-exposures at the global rate added to every user's and title's counts. */
    public static final double PRIOR_EXPOSURES = 5;

    private final EvaluationData data;
    private final Map<String, long[]> users = new HashMap<>();
    private final Map<String, long[]> titles = new HashMap<>();
    private final double globalRate;
    private List<ScoredTitle> ranking;

    private PlayRatesReference(EvaluationData data) {
        this.data = data;
        long plays = 0;
        long exposures = 0;
        for (ExampleBatch b : data.trainBatches()) {
            for (int i = 0; i < b.size(); i++) {
                int kind = b.exampleKinds()[i];
                boolean play = kind == ExampleKind.PLAY.code();
                if (ExampleKind.exposed(kind)) {
                    count(users, b.userIds()[i], play);
                    count(titles, b.titleIds()[i], play);
                    plays += play ? 1 : 0;
                    exposures++;
                }
            }
        }
        // Without exposures every rate is the prior's: one half, so every score is 0.5.
        this.globalRate = exposures == 0 ? 0.5 : clamp(plays / (double) exposures);
    }

    /** Fitted on {@code data}'s training batches. */
    public static PlayRatesReference fit(EvaluationData data) {
        return new PlayRatesReference(data);
    }

    private static void count(Map<String, long[]> counts, String id, boolean play) {
        long[] c = counts.computeIfAbsent(id, k -> new long[2]);
        c[0] += play ? 1 : 0;
        c[1]++;
    }

    /** The smoothed play rate of a user (a user without exposures has the global rate). */
    public double userRate(String user) {
        return rate(users.get(user));
    }

    /** The smoothed play rate of a title. */
    public double titleRate(String title) {
        return rate(titles.get(title));
    }

    /** The training exposures' play rate. */
    public double globalRate() {
        return globalRate;
    }

    private double rate(long[] c) {
        if (c == null) {
            return globalRate;
        }
        return clamp((c[0] + PRIOR_EXPOSURES * globalRate) / (c[1] + PRIOR_EXPOSURES));
    }

    /** Keeps a rate away from 0 and 1, where its logit is infinite. */
    private static double clamp(double rate) {
        return Math.min(1 - 1e-6, Math.max(1e-6, rate));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    @Override
    public String name() {
        return References.PLAY_RATES;
    }

    @Override
    public double score(String user, String title) {
        double z = logit(userRate(user)) + logit(titleRate(title)) - logit(globalRate);
        return 1 / (1 + Math.exp(-z));
    }

    @Override
    public List<ScoredTitle> topK(String user, int territoryGroup, int k) {
        if (ranking == null) {
            List<String> ids = new ArrayList<>(data.catalogue());
            ids.sort(
                    Comparator.<String>comparingDouble(t -> -titleRate(t))
                            .thenComparing(References.byPopularity(data)));
            List<ScoredTitle> all = new ArrayList<>(ids.size());
            for (String t : ids) {
                all.add(new ScoredTitle(t, (float) titleRate(t)));
            }
            ranking = all;
        }
        return ranking.subList(0, Math.min(k, ranking.size()));
    }
}
