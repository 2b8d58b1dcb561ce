package glocal.model.evaluation;

import glocal.model.batch.ExampleBatch;
import glocal.model.tall.TallConfig;
import glocal.model.train.PassSchedule;
import glocal.model.train.ScoredTitle;
import glocal.model.train.WarmStart;
import glocal.model.weights.AdaptiveWeightsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Trains each model on the same training batches of one split, in the same order, and measures:
 * progressive-validation PR-AUC and AUC during the replay (scores made before training on each
 * batch), PR-AUC and AUC on the test batches, and top-K metrics over held-out plays (NDCG, recall,
 * local share, average recommendation popularity, long-tail share, Gini of exposure, coverage),
 * each overall, per territory group and per user group; plus training milliseconds per batch. The
 * {@code tall} variant reads the same batches but trains offline on their plays (see {@link
 * TallModel}); it shares the test and top-K measurement through {@link Ranker}, as do the
 * recommenders fitted offline on the training period ({@link #runFitted}, the reference
 * recommenders).
 *
 * <p>This class is the entry point and hands each model to its run: {@link OnlineRun} for the
 * online trainers, {@link TallRun} for TALL's mixture, {@link FittedRun} for the fitted
 * recommenders; they share {@link TopKMeasurement}, {@link BinaryScores} and {@link ReportGroups}.
 */
public final class Evaluator {

    /** What every model is handed, in order: lets a test check all models saw the same batches. */
    public interface BatchObserver {
        void given(String model, ExampleBatch batch);
    }

    /** Progress of a run: the model being trained and batches done out of the total. */
    public interface Progress {
        void update(String model, int done, int total);
    }

    /**
     * What the top-K metrics need from a trained model: its {@code k} best titles for a user in a
     * territory group, seen titles included (the evaluator drops those). The online trainers and
     * TALL's mixture both answer it.
     */
    public interface Ranker {
        List<ScoredTitle> topK(String user, int territoryGroup, int k);
    }

    /**
     * A score in [0, 1] for a user and a title, higher for a likelier play; for test PR-AUC and
     * AUC, which depend only on the order of the scores, so it need not be a probability.
     */
    public interface Scorer {
        double score(String user, String title);
    }

    /**
     * Test users ranked in the group that have held-out plays: what NDCG@20 and the other top-K
     * metrics average.
     */
    public static final String TEST_USERS = "test_users";

    /** Held-out plays of those users. */
    public static final String HELD_OUT = "held_out_plays";

    public static final String PV_PR_AUC = "pv_pr_auc";
    public static final String PV_AUC = "pv_auc";
    public static final String TEST_PR_AUC = "test_pr_auc";
    public static final String TEST_AUC = "test_auc";
    public static final String NDCG = "ndcg@20";
    public static final String RECALL = "recall@20";
    public static final String LOCAL_SHARE = "local_share@20";
    public static final String ARP = "avg_rec_popularity";
    public static final String LONG_TAIL = "long_tail_share";
    public static final String GINI = "gini_exposure";
    public static final String COVERAGE = "coverage";
    public static final String MS_PER_BATCH = "train_ms_per_batch";
    public static final String DENSE_PARAMS = "dense_params";

    /** Share of the training rows the model trained on (below 1 for user-sampled variants). */
    public static final String TRAINED_SHARE = "trained_share";

    /**
     * Mean adaptive user weight at the end of training over the users with training plays, per user
     * group (adaptive variants only): whether the weights go where TALL says they should, to niche
     * users.
     */
    public static final String MEAN_WEIGHT = "mean_user_weight";

    /**
     * Share of the training users whose adaptive weight moved off 1 (the rest were never weighted).
     */
    public static final String WEIGHTED_SHARE = "weighted_user_share";

    /**
     * Passes over the training period the model was trained with (chosen on the validation slice).
     */
    public static final String PASSES = "passes";

    /**
     * NDCG@20 on the validation slice after the chosen passes (the number the passes were chosen
     * by).
     */
    public static final String VALIDATION_NDCG = "val_ndcg@20";

    /** Metrics in report order. */
    public static final List<String> METRICS =
            List.of(
                    TEST_USERS,
                    HELD_OUT,
                    PV_PR_AUC,
                    PV_AUC,
                    TEST_PR_AUC,
                    TEST_AUC,
                    NDCG,
                    RECALL,
                    LOCAL_SHARE,
                    ARP,
                    LONG_TAIL,
                    GINI,
                    COVERAGE,
                    MS_PER_BATCH,
                    DENSE_PARAMS,
                    TRAINED_SHARE,
                    MEAN_WEIGHT,
                    WEIGHTED_SHARE,
                    PASSES,
                    VALIDATION_NDCG);

    /** Top-K cut. */
    public static final int K = 20;

    private final ScoreDistributions scoreDistributions;
    private final TopKMeasurement topK;
    private final CoPlayEmbeddingCache coPlay = new CoPlayEmbeddingCache();
    private final FittedRun fitted;
    private final TallRun tall;
    private OnlineRun online;

    /**
     * @param maxTestUsers top-K lists are computed for at most this many test users (every n-th in
     *     id order), since each list scores the whole catalogue
     */
    public Evaluator(int maxTestUsers, BatchObserver observer, Progress progress) {
        this(
                maxTestUsers,
                observer,
                progress,
                AdaptiveWeightsConfig.defaults(),
                new ScoreDistributions());
    }

    /**
     * As above, with the settings of the {@code adaptive} variant's user weights, and where test
     * scores go (one collector can gather several seeds' evaluators).
     */
    public Evaluator(
            int maxTestUsers,
            BatchObserver observer,
            Progress progress,
            AdaptiveWeightsConfig adaptiveWeights,
            ScoreDistributions scoreDistributions) {
        this(
                maxTestUsers,
                observer,
                progress,
                adaptiveWeights,
                scoreDistributions,
                TallConfig.defaults());
    }

    /**
     * As above, with the settings of the {@code tall} variant (its seed is replaced by each run's
     * seed).
     */
    public Evaluator(
            int maxTestUsers,
            BatchObserver observer,
            Progress progress,
            AdaptiveWeightsConfig adaptiveWeights,
            ScoreDistributions scoreDistributions,
            TallConfig tallConfig) {
        if (maxTestUsers < 1) {
            throw new IllegalArgumentException("max test users must be >= 1, got " + maxTestUsers);
        }
        this.scoreDistributions = scoreDistributions;
        this.topK = new TopKMeasurement(maxTestUsers);
        this.fitted = new FittedRun(topK);
        this.tall = new TallRun(tallConfig, adaptiveWeights, observer, progress, topK);
        this.online =
                new OnlineRun(
                        observer,
                        progress,
                        adaptiveWeights,
                        scoreDistributions,
                        coPlay,
                        topK,
                        PassSchedule.single());
    }

    /**
     * Trains the online models with several passes over the training period ({@code --epochs}):
     * with a validation slice given to {@link #run(EvaluationData, EvaluationData, List, long)},
     * the number of passes is chosen on it (early stop on its NDCG@20), then a fresh model trains
     * that many passes on the whole training period; the test period is never read to choose.
     * Progressive validation counts the first pass only (later passes have seen the batches).
     */
    public Evaluator withPasses(PassSchedule schedule) {
        this.online = online.withPasses(schedule);
        return this;
    }

    /** Test scores of local vs global titles of every model this evaluator ran. */
    public ScoreDistributions scoreDistributions() {
        return scoreDistributions;
    }

    /** Trains and measures every model on {@code data}; rows carry {@code seed}. */
    public List<MetricRow> run(EvaluationData data, List<ModelVariant> models, long seed) {
        return run(data, null, models, seed);
    }

    /**
     * As {@link #run(EvaluationData, List, long)}, choosing each online model's passes on {@code
     * validation} (the training period split again; null: the schedule's maximum).
     */
    public List<MetricRow> run(
            EvaluationData data, EvaluationData validation, List<ModelVariant> models, long seed) {
        List<MetricRow> rows = new ArrayList<>();
        for (ModelVariant model : models) {
            rows.addAll(runOne(data, validation, model, seed));
        }
        return rows;
    }

    /**
     * Trains {@code variant} on {@code validation}'s training batches pass after pass (the
     * schedule's decay), scoring NDCG@20 over its held-out plays after each, until it stops
     * improving.
     */
    public WarmStart.Outcome validate(EvaluationData validation, ModelVariant variant, long seed) {
        return online.validate(validation, variant, seed);
    }

    private List<MetricRow> runOne(
            EvaluationData data, EvaluationData validation, ModelVariant variant, long seed) {
        if (variant.tallExperts()) {
            return tall.run(data, variant, seed);
        }
        if (variant.coPlayKnn()) {
            return fitted.run(
                    data,
                    variant.name(),
                    () -> new CoPlayKnn(data, coPlay.of(data, variant.coPlayDim(), seed)),
                    seed);
        }
        return online.run(data, validation, variant, seed);
    }

    /**
     * A recommender fitted offline on the training period (the reference recommenders): no
     * progressive validation (NaN rows); test PR-AUC and AUC from its scores of the test examples;
     * top-K through the same ranking of the catalogue, seen-title exclusion and test users as every
     * model; time per batch is the fitting time over the number of training batches.
     */
    public <R extends Ranker & Scorer> List<MetricRow> runFitted(
            EvaluationData data, String name, Supplier<R> fit, long seed) {
        return fitted.run(data, name, fit, seed);
    }

    /**
     * The test users whose top-K lists are computed: users with held-out plays and training plays,
     * at most {@code maxTestUsers} of them (every n-th in id order).
     */
    public List<String> rankedUsers(EvaluationData data) {
        return topK.rankedUsers(data);
    }

    /**
     * For callers that want the groups in report order: all, territory groups, user groups niche
     * first, then minor and major territories.
     */
    public static List<String> groupOrder(EvaluationData data) {
        return ReportGroups.groupOrder(data);
    }
}
