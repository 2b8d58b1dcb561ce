package glocal.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.labelling.LabellingPolicy;
import glocal.model.metrics.GroupedBinaryMetrics;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.train.OnlineTrainer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvaluationProtocolTest {

    private static final long EVENTS = 12_000;

    @BeforeAll
    static void oneThread() {
        OnlineTrainer.configureThreads(1);
    }

    private static EvaluationData tinySplit(long seed) {
        SyntheticWorld world = new SyntheticWorld(EvaluationPresets.preset("tiny"), seed);
        return new EvaluationProtocol(
                        0.8,
                        256,
                        LabellingPolicy.defaults().withNegativesPerPositive(2).withSeed(seed))
                .synthetic(world, EVENTS);
    }

    @Test
    void noTestPeriodViewReachesATrainingBatch() {
        EvaluationData data = tinySplit(7);
        assertThat(data.trainBatches()).isNotEmpty();
        assertThat(data.testBatches()).isNotEmpty();
        for (ExampleBatch b : data.trainBatches()) {
            for (long t : b.eventTimes()) {
                assertThat(t).isLessThan(data.splitTimeMs());
            }
        }
        for (ExampleBatch b : data.testBatches()) {
            for (long t : b.eventTimes()) {
                assertThat(t).isGreaterThanOrEqualTo(data.splitTimeMs());
            }
        }
        // Held-out titles are future plays never played by the user in training.
        assertThat(data.heldOut()).isNotEmpty();
        data.heldOut()
                .forEach(
                        (user, titles) ->
                                assertThat(titles)
                                        .noneMatch(
                                                data.trainPlays().getOrDefault(user, Set.of())
                                                        ::contains));
    }

    @Test
    void trainingBatchesHoldPlaysImpressionsAndSampledNegatives() {
        EvaluationData data = tinySplit(7);
        int[] kinds = new int[3];
        for (ExampleBatch b : data.trainBatches()) {
            for (int i = 0; i < b.size(); i++) {
                kinds[b.exampleKinds()[i]]++;
                assertThat(b.play()[i])
                        .isEqualTo(b.exampleKinds()[i] == ExampleKind.PLAY.code() ? 1f : 0f);
            }
        }
        assertThat(kinds[ExampleKind.PLAY.code()]).isPositive();
        assertThat(kinds[ExampleKind.IMPRESSION.code()]).isPositive();
        assertThat(kinds[ExampleKind.NEGATIVE.code()]).isPositive();
    }

    @Test
    void everyModelIsGivenTheSameBatchesAndTheTableHasEveryModelAndGroup() {
        EvaluationData data = tinySplit(3);
        Map<String, List<ExampleBatch>> given = new LinkedHashMap<>();
        Evaluator evaluator =
                new Evaluator(
                        60,
                        (model, b) -> given.computeIfAbsent(model, m -> new ArrayList<>()).add(b),
                        (model, done, total) -> {});
        List<String> names =
                List.of(
                        "baseline",
                        "mtl",
                        "adaptive",
                        ModelVariant.TALL,
                        ModelVariant.TALL_ADAPTIVE);
        List<ModelVariant> models = names.stream().map(n -> ModelVariant.parse(n, 4, 3)).toList();
        List<MetricRow> rows = evaluator.run(data, models, 3);

        List<ExampleBatch> first = given.get("baseline");
        assertThat(given.keySet()).containsExactlyElementsOf(names);
        for (String model : names) {
            List<ExampleBatch> batches = given.get(model);
            assertThat(batches).hasSameSizeAs(data.trainBatches());
            for (int i = 0; i < batches.size(); i++) {
                ExampleBatch a = first.get(i);
                ExampleBatch b = batches.get(i);
                assertThat(b.batchId()).isEqualTo(a.batchId());
                assertThat(b.userIds()).containsExactly(a.userIds());
                assertThat(b.titleIds()).containsExactly(a.titleIds());
                assertThat(b.play()).containsExactly(a.play());
                assertThat(b.territoryGroups()).containsExactly(a.territoryGroups());
            }
        }
        Set<String> groups = new HashSet<>();
        rows.forEach(r -> groups.add(r.group()));
        assertThat(groups).containsAll(Evaluator.groupOrder(data));
        for (String model : names) {
            for (String metric : Evaluator.METRICS) {
                if ((metric.equals(Evaluator.MEAN_WEIGHT)
                                || metric.equals(Evaluator.WEIGHTED_SHARE))
                        && !ModelVariant.parse(model, 4, 3).adaptiveWeights()) {
                    // Only the adaptive variant has user weights to report.
                    assertThat(rows)
                            .as(model + " " + metric)
                            .noneMatch(r -> r.model().equals(model) && r.metric().equals(metric));
                    continue;
                }
                if (metric.equals(Evaluator.PASSES) || metric.equals(Evaluator.VALIDATION_NDCG)) {
                    // Only a run with several passes (--epochs) reports how many it chose.
                    assertThat(rows)
                            .as(model + " " + metric)
                            .noneMatch(r -> r.model().equals(model) && r.metric().equals(metric));
                    continue;
                }
                // TALL trains offline on the whole training period: it has no score-before-train
                // pass.
                boolean expectNaN =
                        ModelVariant.parse(model, 4, 3).tallExperts()
                                && (metric.equals(Evaluator.PV_PR_AUC)
                                        || metric.equals(Evaluator.PV_AUC));
                assertThat(rows)
                        .as(model + " " + metric)
                        .anyMatch(
                                r ->
                                        r.model().equals(model)
                                                && r.metric().equals(metric)
                                                && r.group().equals(GroupedBinaryMetrics.ALL)
                                                && Double.isNaN(r.value()) == expectNaN);
            }
        }
    }

    private static double value(List<MetricRow> rows, String model, String metric) {
        return rows.stream()
                .filter(
                        r ->
                                r.model().equals(model)
                                        && r.metric().equals(metric)
                                        && r.group().equals(GroupedBinaryMetrics.ALL))
                .mapToDouble(MetricRow::value)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void tallAdaptiveTrainsTheSameMixtureWithUserWeights() {
        EvaluationData data = tinySplit(3);
        Evaluator evaluator = new Evaluator(60, (model, b) -> {}, (model, done, total) -> {});
        List<MetricRow> rows =
                evaluator.run(
                        data,
                        List.of(
                                ModelVariant.parse(ModelVariant.TALL, 4, 3),
                                ModelVariant.parse(ModelVariant.TALL_ADAPTIVE, 4, 3)),
                        3);
        // Same seed, same data: only the weights differ, and they move the mixture's scores.
        assertThat(value(rows, ModelVariant.TALL_ADAPTIVE, Evaluator.TEST_PR_AUC))
                .isNotEqualTo(value(rows, ModelVariant.TALL, Evaluator.TEST_PR_AUC));
        assertThat(value(rows, ModelVariant.TALL_ADAPTIVE, Evaluator.MEAN_WEIGHT))
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(value(rows, ModelVariant.TALL_ADAPTIVE, Evaluator.WEIGHTED_SHARE))
                .isGreaterThan(0.5);
    }

    @Test
    void sampledVariantsTrainOnTheirUsersRowsButAreValidatedOnEveryRow() {
        EvaluationData data = tinySplit(3);
        Map<String, List<ExampleBatch>> given = new LinkedHashMap<>();
        Evaluator evaluator =
                new Evaluator(
                        20,
                        (model, b) -> given.computeIfAbsent(model, m -> new ArrayList<>()).add(b),
                        (model, done, total) -> {});
        List<String> names = List.of("mtl-sampled", "mtl-upsampled");
        List<MetricRow> rows =
                evaluator.run(
                        data, names.stream().map(n -> ModelVariant.parse(n, 4, 3)).toList(), 3);

        long all = data.trainBatches().stream().mapToLong(ExampleBatch::size).sum();
        long sampled = given.get("mtl-sampled").stream().mapToLong(ExampleBatch::size).sum();
        long upsampled = given.get("mtl-upsampled").stream().mapToLong(ExampleBatch::size).sum();
        assertThat(sampled).isBetween(all / 4, all * 3 / 4);
        assertThat(upsampled).isGreaterThan(sampled).isLessThan(all);
        long activeRows =
                given.get("mtl-upsampled").stream()
                        .flatMapToInt(b -> java.util.Arrays.stream(b.sampleSources()))
                        .filter(x -> x == ExampleBatch.SOURCE_ACTIVE)
                        .count();
        assertThat(activeRows).isEqualTo(upsampled - sampled);
        assertThat(rows)
                .anyMatch(
                        r ->
                                r.model().equals("mtl-upsampled")
                                        && r.metric().equals(Evaluator.TRAINED_SHARE)
                                        && Math.abs(r.value() - upsampled / (double) all) < 1e-9);
        // Progressive validation scores every training row, kept or not: the same count as any
        // model.
        for (String model : names) {
            assertThat(rows)
                    .as(model)
                    .anyMatch(
                            r ->
                                    r.model().equals(model)
                                            && r.metric().equals(Evaluator.PV_PR_AUC)
                                            && r.group().equals(GroupedBinaryMetrics.ALL)
                                            && !Double.isNaN(r.value()));
        }
    }

    @Test
    void theWideBaselineHasAboutAsManyDenseParametersAsMtl() {
        EvaluationData data = tinySplit(3);
        Evaluator evaluator = new Evaluator(10, (m, b) -> {}, (m, d, t) -> {});
        List<MetricRow> rows =
                evaluator.run(
                        data,
                        List.of("baseline", "baseline-wide", "mtl").stream()
                                .map(n -> ModelVariant.parse(n, 4, 3))
                                .toList(),
                        3);
        Map<String, Double> params = new LinkedHashMap<>();
        rows.stream()
                .filter(r -> r.metric().equals(Evaluator.DENSE_PARAMS))
                .forEach(r -> params.put(r.model(), r.value()));
        assertThat(params.get("mtl")).isGreaterThan(params.get("baseline"));
        assertThat(params.get("baseline-wide"))
                .isCloseTo(params.get("mtl"), org.assertj.core.data.Percentage.withPercentage(5));
    }

    @Test
    void testScoresOfLocalAndGlobalTitlesAreGatheredPerModelAndDrawn(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        EvaluationData data = tinySplit(3);
        ScoreDistributions scores = new ScoreDistributions();
        Evaluator evaluator =
                new Evaluator(
                        10,
                        (m, b) -> {},
                        (m, d, t) -> {},
                        glocal.model.weights.AdaptiveWeightsConfig.defaults(),
                        scores);
        evaluator.run(data, List.of(ModelVariant.parse("mtl", 4, 3)), 3);
        long testRows = data.testBatches().stream().mapToLong(ExampleBatch::size).sum();
        assertThat(scores.scores("mtl", true).length + scores.scores("mtl", false).length)
                .isEqualTo(testRows);
        assertThat(scores.scores("mtl", true)).isNotEmpty();
        assertThat(java.util.Arrays.stream(scores.scores("mtl", true)))
                .allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
        assertThat(scores.scores("mtl", false)).isNotEmpty();
        assertThat(scores.write(dir)).containsExactly(dir.resolve("score_distribution_mtl.png"));
        assertThat(dir.resolve("score_distribution_mtl.png")).isNotEmptyFile();
    }

    @Test
    void sameSeedGivesTheSameFigures() {
        Evaluator evaluator = new Evaluator(40, (m, b) -> {}, (m, d, t) -> {});
        // The online two-tower models only: once, in a clean-clone CI run, the TALL mixture's
        // second run
        // in the same JVM differed in the fourth digit (not reproduced since, alone, with mtl, or
        // under
        // load). TallExpertsTest keeps a seeded-determinism check of the mixture itself.
        List<ModelVariant> models =
                List.of(ModelVariant.parse("baseline", 4, 5), ModelVariant.parse("mtl", 4, 5));
        List<MetricRow> a =
                evaluator.run(tinySplit(5), models, 5).stream()
                        .filter(r -> !r.metric().equals(Evaluator.MS_PER_BATCH))
                        .toList();
        List<MetricRow> b =
                evaluator.run(tinySplit(5), models, 5).stream()
                        .filter(r -> !r.metric().equals(Evaluator.MS_PER_BATCH))
                        .toList();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void viewsFromAFileAreSplitByTimeInFourGroupsComputedFromViewership() {
        List<glocal.model.data.View> views = new ArrayList<>();
        new SyntheticWorld(EvaluationPresets.preset("tiny"), 11)
                .views(EVENTS)
                .forEachRemaining(views::add);
        java.util.Collections.reverse(views); // a file need not be in time order
        EvaluationData data =
                new EvaluationProtocol(
                                0.8,
                                256,
                                LabellingPolicy.defaults().withNegativesPerPositive(2).withSeed(11))
                        .fromViews(views);
        assertThat(data.grouping().groups()).isEqualTo(4);
        assertThat(data.grouping().label(0)).isEqualTo("G0");
        Set<Integer> groupsUsed = new HashSet<>();
        for (ExampleBatch b : data.trainBatches()) {
            for (int i = 0; i < b.size(); i++) {
                assertThat(b.eventTimes()[i]).isLessThan(data.splitTimeMs());
                groupsUsed.add(b.territoryGroups()[i]);
            }
        }
        assertThat(groupsUsed).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(data.heldOut()).isNotEmpty();
    }

    private static List<glocal.model.data.View> tinyViews(long seed) {
        List<glocal.model.data.View> views = new ArrayList<>();
        new SyntheticWorld(EvaluationPresets.preset("tiny"), seed)
                .views(EVENTS)
                .forEachRemaining(views::add);
        return views;
    }

    private static Map<String, List<Long>> timesByUser(
            List<ExampleBatch> batches, boolean sampledToo) {
        Map<String, List<Long>> out = new java.util.HashMap<>();
        for (ExampleBatch b : batches) {
            for (int i = 0; i < b.size(); i++) {
                if (sampledToo || b.exampleKinds()[i] != ExampleKind.NEGATIVE.code()) {
                    out.computeIfAbsent(b.userIds()[i], u -> new ArrayList<>())
                            .add(b.eventTimes()[i]);
                }
            }
        }
        return out;
    }

    @Test
    void theUserTimeSplitTestsEachUsersLastFifthOfViews() {
        List<glocal.model.data.View> views = tinyViews(13);
        EvaluationData data =
                new EvaluationProtocol(
                                0.8,
                                256,
                                LabellingPolicy.defaults().withNegativesPerPositive(0).withSeed(13))
                        .withSplit(SplitMode.USER_TIME)
                        .fromViews(views);
        assertThat(data.split().mode()).isEqualTo(SplitMode.USER_TIME);
        assertThat(data.split().describe())
                .startsWith("split: user-time (each user's first 80% of views");
        Map<String, Integer> viewsPerUser = new java.util.HashMap<>();
        views.forEach(v -> viewsPerUser.merge(v.userId(), 1, Integer::sum));
        Map<String, List<Long>> train = timesByUser(data.trainBatches(), false);
        Map<String, List<Long>> test = timesByUser(data.testBatches(), false);
        long usersWithBoth = 0;
        for (Map.Entry<String, List<Long>> e : test.entrySet()) {
            List<Long> past = train.get(e.getKey());
            assertThat(past).as(e.getKey()).isNotNull();
            // Every test view of a user comes at or after their last training view.
            assertThat(e.getValue())
                    .allSatisfy(
                            t ->
                                    assertThat(t)
                                            .isGreaterThanOrEqualTo(
                                                    java.util.Collections.max(past)));
            usersWithBoth++;
        }
        // Training plays are the plays among each user's first n - round(n / 5) views (at most n -
        // 1 test views).
        Map<String, List<glocal.model.data.View>> byUser = new java.util.HashMap<>();
        views.forEach(v -> byUser.computeIfAbsent(v.userId(), u -> new ArrayList<>()).add(v));
        Map<String, Long> trainPlays = new java.util.HashMap<>();
        for (ExampleBatch b : data.trainBatches()) {
            for (int i = 0; i < b.size(); i++) {
                if (b.exampleKinds()[i] == ExampleKind.PLAY.code()) {
                    trainPlays.merge(b.userIds()[i], 1L, Long::sum);
                }
            }
        }
        byUser.forEach(
                (user, own) -> {
                    int n = own.size();
                    int trained = n - (int) Math.min(n - 1, Math.round(n * 0.2));
                    long expected =
                            own.subList(0, trained).stream()
                                    .filter(glocal.model.data.View::isPlay)
                                    .count();
                    assertThat(trainPlays.getOrDefault(user, 0L)).as(user).isEqualTo(expected);
                });
        // Nearly every user with five views or more has a future, which the time split does not
        // give.
        long fiveOrMore = viewsPerUser.values().stream().filter(n -> n >= 5).count();
        assertThat(usersWithBoth).isGreaterThan(fiveOrMore * 9 / 10);
    }

    @Test
    void theValidationSliceSplitsTheTrainingPeriodAndNeverReadsTheTestPeriod() {
        List<glocal.model.data.View> views = tinyViews(17);
        EvaluationProtocol protocol =
                new EvaluationProtocol(
                        0.8,
                        256,
                        LabellingPolicy.defaults().withNegativesPerPositive(2).withSeed(17));
        EvaluationData full = protocol.fromViews(views);
        EvaluationData validation = protocol.onValidationSlice().fromViews(views);
        assertThat(validation.split().validation()).isTrue();
        assertThat(validation.split().describe()).contains("VALIDATION slice");
        for (List<ExampleBatch> batches :
                List.of(validation.trainBatches(), validation.testBatches())) {
            for (ExampleBatch b : batches) {
                for (long t : b.eventTimes()) {
                    assertThat(t).isLessThan(full.splitTimeMs());
                }
            }
        }
        assertThat(validation.splitTimeMs()).isLessThan(full.splitTimeMs());
        assertThat(validation.heldOut()).isNotEmpty();
    }
}
