package glocal.model.evaluation;

import static glocal.model.evaluation.Evaluator.DENSE_PARAMS;
import static glocal.model.evaluation.Evaluator.MS_PER_BATCH;
import static glocal.model.evaluation.Evaluator.PASSES;
import static glocal.model.evaluation.Evaluator.PV_AUC;
import static glocal.model.evaluation.Evaluator.PV_PR_AUC;
import static glocal.model.evaluation.Evaluator.TEST_AUC;
import static glocal.model.evaluation.Evaluator.TEST_PR_AUC;
import static glocal.model.evaluation.Evaluator.TRAINED_SHARE;
import static glocal.model.evaluation.Evaluator.VALIDATION_NDCG;

import glocal.model.batch.ExampleBatch;
import glocal.model.metrics.GroupedBinaryMetrics;
import glocal.model.train.OnlineTrainer;
import glocal.model.train.PassSchedule;
import glocal.model.train.WarmStart;
import glocal.model.weights.AdaptiveUserWeights;
import glocal.model.weights.AdaptiveWeightsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Trains and measures an online model ({@link OnlineTrainer}, every variant but TALL's and the
 * co-play diagnostic): one or more passes over the training batches in order, progressive
 * validation on the first (each batch scored before it is trained on), then test PR-AUC and AUC,
 * the test scores' distributions, top-K metrics, and the adaptive variant's user weights. With more
 * than one pass allowed and a validation slice, the number of passes is chosen on it first.
 */
final class OnlineRun {

    private final Evaluator.BatchObserver observer;
    private final Evaluator.Progress progress;
    private final AdaptiveWeightsConfig adaptiveWeights;
    private final ScoreDistributions scoreDistributions;
    private final CoPlayEmbeddingCache coPlay;
    private final TopKMeasurement topK;
    private final PassSchedule passes;

    OnlineRun(
            Evaluator.BatchObserver observer,
            Evaluator.Progress progress,
            AdaptiveWeightsConfig adaptiveWeights,
            ScoreDistributions scoreDistributions,
            CoPlayEmbeddingCache coPlay,
            TopKMeasurement topK,
            PassSchedule passes) {
        this.observer = observer;
        this.progress = progress;
        this.adaptiveWeights = adaptiveWeights;
        this.scoreDistributions = scoreDistributions;
        this.coPlay = coPlay;
        this.topK = topK;
        this.passes = Objects.requireNonNull(passes, "schedule");
    }

    /** The same run with the passes of {@code schedule} (see {@link Evaluator#withPasses}). */
    OnlineRun withPasses(PassSchedule schedule) {
        return new OnlineRun(
                observer, progress, adaptiveWeights, scoreDistributions, coPlay, topK, schedule);
    }

    /**
     * Trains {@code variant} on {@code data}'s training batches and measures it; with {@code
     * validation} and more than one pass allowed, the number of passes is first chosen on it.
     */
    List<MetricRow> run(
            EvaluationData data, EvaluationData validation, ModelVariant variant, long seed) {
        WarmStart.Outcome chosen =
                passes.maxPasses() > 1 && validation != null
                        ? validate(validation, variant, seed)
                        : null;
        PassSchedule schedule = chosen == null ? passes : passes.withPasses(chosen.bestPasses());
        List<MetricRow> rows = new ArrayList<>();
        // Per territory and per user group apart: each example counts once in each table's total.
        BinaryScores pv = new BinaryScores();
        BinaryScores test = new BinaryScores();
        AdaptiveUserWeights weights =
                variant.adaptiveWeights() ? new AdaptiveUserWeights(adaptiveWeights) : null;
        // A sampled variant trains on its users' rows only, but is scored on every row before each
        // step, so its progressive validation covers the same examples as every other model's.
        List<ExampleBatch> trained =
                variant.sampling() == null
                        ? data.trainBatches()
                        : variant.sampling().apply(data.trainBatches());
        long[] trainNanos = new long[1];
        int total = data.trainBatches().size();
        try (OnlineTrainer trainer = OnlineTrainer.create(variant.spec())) {
            putCoPlayContent(trainer, data, variant, seed);
            WarmStart.run(
                    trainer,
                    schedule,
                    p ->
                            trainNanos[0] +=
                                    pass(
                                            trainer,
                                            data,
                                            variant,
                                            trained,
                                            weights,
                                            p == 0 ? pv : null,
                                            schedule.maxPasses() == 1
                                                    ? variant.name()
                                                    : variant.name() + " pass " + (p + 1),
                                            p == 0),
                    null);
            if (weights != null) {
                rows.addAll(MeanUserWeights.rows(data, variant.name(), seed, weights));
            }
            for (ExampleBatch batch : data.testBatches()) {
                float[] scores = trainer.score(batch);
                test.add(data, batch, scores);
                for (int i = 0; i < batch.size(); i++) {
                    scoreDistributions.add(
                            variant.name(),
                            data.isLocal().test(batch.titleIds()[i], batch.territories()[i]),
                            scores[i]);
                }
            }
            pv.addRows(rows, variant.name(), seed, PV_PR_AUC, PV_AUC);
            test.addRows(rows, variant.name(), seed, TEST_PR_AUC, TEST_AUC);
            rows.addAll(topK.rows(data, variant.name(), seed, trainer::topK));
            rows.add(
                    new MetricRow(
                            seed,
                            variant.name(),
                            GroupedBinaryMetrics.ALL,
                            DENSE_PARAMS,
                            trainer.denseParameterCount()));
            rows.add(
                    new MetricRow(
                            seed,
                            variant.name(),
                            GroupedBinaryMetrics.ALL,
                            TRAINED_SHARE,
                            trained.stream().mapToLong(ExampleBatch::size).sum()
                                    / (double)
                                            Math.max(
                                                    1,
                                                    data.trainBatches().stream()
                                                            .mapToLong(ExampleBatch::size)
                                                            .sum())));
        }
        rows.add(
                new MetricRow(
                        seed,
                        variant.name(),
                        GroupedBinaryMetrics.ALL,
                        MS_PER_BATCH,
                        total == 0
                                ? Double.NaN
                                : trainNanos[0] / 1e6 / total / schedule.maxPasses()));
        if (passes.maxPasses() > 1) {
            rows.add(
                    new MetricRow(
                            seed,
                            variant.name(),
                            GroupedBinaryMetrics.ALL,
                            PASSES,
                            schedule.maxPasses()));
            rows.add(
                    new MetricRow(
                            seed,
                            variant.name(),
                            GroupedBinaryMetrics.ALL,
                            VALIDATION_NDCG,
                            chosen == null ? Double.NaN : chosen.bestScore()));
        }
        return rows;
    }

    /**
     * Trains {@code variant} on {@code validation}'s training batches pass after pass (the
     * schedule's decay), scoring NDCG@20 over its held-out plays after each, until it stops
     * improving.
     */
    WarmStart.Outcome validate(EvaluationData validation, ModelVariant variant, long seed) {
        AdaptiveUserWeights weights =
                variant.adaptiveWeights() ? new AdaptiveUserWeights(adaptiveWeights) : null;
        List<ExampleBatch> trained =
                variant.sampling() == null
                        ? validation.trainBatches()
                        : variant.sampling().apply(validation.trainBatches());
        try (OnlineTrainer trainer = OnlineTrainer.create(variant.spec())) {
            putCoPlayContent(trainer, validation, variant, seed);
            return WarmStart.run(
                    trainer,
                    passes,
                    p ->
                            pass(
                                    trainer,
                                    validation,
                                    variant,
                                    trained,
                                    weights,
                                    null,
                                    "val " + variant.name(),
                                    false),
                    t ->
                            TopKMeasurement.overallNdcg(
                                    topK.rows(validation, variant.name(), seed, t::topK)));
        }
    }

    /**
     * With {@link ModelVariant#coPlayDim()}: every co-played title's {@link CoPlayEmbedding}, from
     * {@code data}'s training batches only, as the trainer's title content (others stay zeros).
     */
    private void putCoPlayContent(
            OnlineTrainer trainer, EvaluationData data, ModelVariant variant, long seed) {
        if (variant.coPlayInit()) {
            int dim = variant.spec().embeddingDim();
            float scale = (float) (variant.spec().initStd() * Math.sqrt(dim));
            coPlay.of(data, dim, seed)
                    .vectors()
                    .forEach(
                            (title, v) -> {
                                for (int i = 0; i < v.length; i++) {
                                    v[i] *= scale;
                                }
                                trainer.putInitialTitleRow(title, v);
                            });
        }
        if (variant.coPlayDim() == 0) {
            return;
        }
        coPlay.of(data, variant.coPlayDim(), seed).vectors().forEach(trainer::putTitleContent);
    }

    /**
     * One pass over {@code data}'s training batches; with {@code pv}, each batch is scored before
     * it is trained on (progressive validation). The observer sees the first pass over the training
     * period only. Returns the nanoseconds spent in training steps.
     */
    private long pass(
            OnlineTrainer trainer,
            EvaluationData data,
            ModelVariant variant,
            List<ExampleBatch> trained,
            AdaptiveUserWeights weights,
            BinaryScores pv,
            String label,
            boolean observe) {
        long trainNanos = 0;
        int total = data.trainBatches().size();
        // The next trained batch: a sampled variant's list skips batches it kept no row of.
        int next = 0;
        for (int done = 0; done < total; done++) {
            ExampleBatch all = data.trainBatches().get(done);
            ExampleBatch batch =
                    next < trained.size() && trained.get(next).batchId().equals(all.batchId())
                            ? trained.get(next++)
                            : null;
            float[] scores = variant.sampling() == null || pv == null ? null : trainer.score(all);
            if (batch != null) {
                ExampleBatch given =
                        weights == null
                                ? batch
                                : batch.withWeights(weights.weights(batch.userIds(), batch.size()));
                if (observe) {
                    observer.given(variant.name(), given);
                }
                long start = System.nanoTime();
                var result = trainer.step(given);
                trainNanos += System.nanoTime() - start;
                if (weights != null) {
                    weights.record(given.userIds(), result.exampleLosses(), given.size());
                    weights.onStep(result.version());
                }
                scores = scores == null ? result.scores() : scores;
            }
            if (pv != null) {
                pv.add(data, all, scores);
            }
            progress.update(label, done + 1, total);
        }
        return trainNanos;
    }
}
