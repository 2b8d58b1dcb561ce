package glocal.model.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import glocal.model.batch.ExampleBatch;
import glocal.model.embedding.EmbeddingTable;
import glocal.model.embedding.UniqueRows;
import glocal.model.loss.BehaviourLoss;
import glocal.model.loss.MaskedBinaryCrossEntropy;
import glocal.model.optim.AdamConfig;
import glocal.model.optim.DenseAdam;
import glocal.model.prior.PopularityPrior;
import glocal.model.sampling.PlayFrequencies;
import glocal.model.tower.TwoTower;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * Trains a two-tower model online, one mini-batch at a time. Embedding rows live in JVM row stores
 * (see {@link EmbeddingTable}); per step only the batch's distinct rows become DJL arrays, the
 * dense blocks run forward and backward on them, and Adam updates those rows and the dense
 * parameters. Every per-batch array lives in a sub-manager closed at the end of the step. Not
 * thread-safe: one thread drives a trainer.
 */
public final class OnlineTrainer implements AutoCloseable {

    private final ModelSpec spec;
    private final DjlRuntime runtime;
    private final EmbeddingTable users;
    private final EmbeddingTable titles;
    private final TitleInputs titleInputs;
    private final DenseAdam denseAdam;
    private AdamConfig embeddingAdam;
    private AdamConfig priorAdam;
    private final MaskedBinaryCrossEntropy loss = new MaskedBinaryCrossEntropy();
    private final BehaviourLoss behaviourLoss;
    private final HomeGroups homeGroups = new HomeGroups();
    private final RetrievalTerms retrieval;
    private final PopularityPrior popularity;
    private final UserHistory history;
    private final BatchTensors tensors;
    private final RowLifecycle rows;
    private final BatchScorer scorer;

    /** The published vectors and the top-K (see {@link TrainerExport}). */
    private final TrainerExport export;

    private final PriorTerms priorTerms;

    /** The ranking score of exposed pairs ({@code model.exposure.head}), or null. */
    private final ExposureHead exposure;

    private long version;

    /** A trainer on the GPU when DJL sees one, otherwise on the CPU. */
    public static OnlineTrainer create(ModelSpec spec) {
        return new OnlineTrainer(spec, preferredDevice());
    }

    public static Device preferredDevice() {
        return DjlRuntime.preferredDevice();
    }

    public OnlineTrainer(ModelSpec spec, Device device) {
        this.spec = spec;
        this.runtime = new DjlRuntime(spec, device);
        this.users =
                new EmbeddingTable(
                        "users",
                        spec.embeddingDim(),
                        spec.users(),
                        spec.seed() * 31 + 1,
                        spec.initStd());
        this.titles =
                new EmbeddingTable(
                        "titles",
                        spec.embeddingDim(),
                        spec.titles(),
                        spec.seed() * 31 + 2,
                        spec.initStd(),
                        spec.priorColumns());
        if (spec.exposureHead()) {
            users.withBias();
            titles.withBias();
        }
        this.exposure = spec.exposureHead() ? new ExposureHead(spec, runtime.manager()) : null;
        this.titleInputs = new TitleInputs(titles, spec.embeddingDim(), spec.contentDim());
        this.denseAdam = new DenseAdam(runtime.model().getParameters(), spec.denseAdam());
        this.embeddingAdam = spec.embeddingAdam();
        this.priorAdam = spec.priorAdam();
        this.behaviourLoss = spec.heads() ? new BehaviourLoss(spec.esmm()) : null;
        this.popularity =
                spec.popularityPrior()
                        ? new PopularityPrior(spec.popularityGroups(), spec.popularityHalfLifeMs())
                        : null;
        this.history = new UserHistory(spec.userHistory());
        this.rows = new RowLifecycle(users, titles, homeGroups, history);
        this.tensors =
                new BatchTensors(
                        spec, runtime.model(), users, titles, titleInputs, history, popularity);
        this.priorTerms = new PriorTerms(spec, popularity);
        this.retrieval = new RetrievalTerms(spec, priorTerms);
        this.export =
                new TrainerExport(
                        spec,
                        users,
                        titles,
                        homeGroups,
                        popularity,
                        this::version,
                        new TowerVectors(spec, runtime, tensors, priorTerms));
        this.scorer =
                new BatchScorer(
                        spec,
                        runtime,
                        tensors,
                        users,
                        titles,
                        popularity,
                        priorTerms,
                        retrieval,
                        exposure);
    }

    public ModelSpec spec() {
        return spec;
    }

    public Device device() {
        return runtime.manager().getDevice();
    }

    /** Number of dense (tower, switcher, head) parameters; embedding rows are not counted. */
    public long denseParameterCount() {
        return runtime.parameterCount() + (exposure == null ? 0 : exposure.parameterCount());
    }

    /** True when no dense parameter holds NaN or an infinity. */
    public boolean denseFinite() {
        return runtime.finite() && (exposure == null || exposure.finite());
    }

    /**
     * Scales every learning rate of the spec (embedding rows, dense part, priors) by {@code scale}:
     * a schedule over the passes of a warm start. Optimizer moments are kept.
     */
    public void scaleLearningRates(float scale) {
        if (!(scale > 0) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException(
                    "learning-rate scale must be a finite number > 0, was " + scale);
        }
        embeddingAdam = AdamConfig.scaled(spec.embeddingAdam(), scale);
        priorAdam = AdamConfig.scaled(spec.priorAdam(), scale);
        denseAdam.scaleLearningRate(scale);
        if (exposure != null) {
            exposure.scaleLearningRates(scale);
        }
    }

    /**
     * Starts another pass over a period already trained on (a warm start replaying history): the
     * play counts behind the log Q offsets and the popularity features start again, so that an
     * example's offsets and features are again those of the plays before it, as when its negatives
     * were drawn. Parameters, optimizer state and id maps carry over.
     */
    public void startPass() {
        retrieval.restart();
        if (popularity != null) {
            popularity.restartCounts();
        }
        export.invalidate();
    }

    /** Steps taken so far. */
    public long version() {
        return version;
    }

    /**
     * Scores the batch with the current model, then trains on it (progressive validation): the
     * returned scores and loss are those of the model before this batch. A batch whose inputs, loss
     * or gradients are not finite is not applied (see {@link StepResult#rejection()}): one poisoned
     * batch must not turn every parameter it touches into NaN.
     */
    public StepResult step(ExampleBatch batch) {
        int n = batch.size();
        BatchChecks.checkGroups(spec, batch);
        String badInput = BatchChecks.nonFiniteInput(batch);
        if (badInput != null) {
            // Rejected before the id maps see the batch: nothing of the model changes.
            return new StepResult(
                    batch.batchId(),
                    version,
                    Float.NaN,
                    new float[n],
                    new float[n],
                    null,
                    badInput);
        }
        RowLifecycle.BatchRows seen = rows.observe(batch, version);
        UniqueRows uu = seen.users();
        UniqueRows tu = seen.titles();
        float lossValue;
        float[] scores;
        float[] exampleLosses;
        float[] finishScores = null;
        float[] userGrad;
        float[] titleGrad;
        float[] priorGrad = null;
        float[] popularityGrad = null;
        // Features from the plays before this batch: a play must not predict itself.
        float[] popularityFeatures =
                popularity == null
                        ? null
                        : popularity.features(batch.territories(), batch.titleIds(), n);
        // Histories as they were before this batch: a play must not predict itself.
        UserHistory.Bag bag =
                history.enabled()
                        ? history.bag(BatchTensors.distinctIds(batch.userIds(), uu), titles)
                        : null;
        float[] historyGrad = null;
        ExposureHead.Gradients exposureGrad = null;
        float exposureLoss = 0f;
        try (NDManager sub = runtime.newSubManager()) {
            NDArray priorSlice = null;
            NDArray popularityWeights = null;
            NDArray historySlice = null;
            NDArray userSlice = tensors.userRows(sub, uu.rows(), uu.count());
            NDArray titleSlice = tensors.titleRows(sub, tu);
            userSlice.setRequiresGradient(true);
            titleSlice.setRequiresGradient(true);
            NDArray userInput = userSlice;
            if (bag != null && bag.count() > 0) {
                historySlice = tensors.historyRows(sub, bag);
                historySlice.setRequiresGradient(true);
                userInput = userSlice.add(tensors.historyMean(sub, bag, historySlice, uu.count()));
            }
            NDList inputs = tensors.inputs(sub, batch, userInput, uu, titleSlice, tu);
            NDList labels = BatchTensors.labels(sub, batch);
            if (spec.loss().corrected()) {
                retrieval.at(version);
                retrieval.observePlays(batch);
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                TwoTower.Outputs out = runtime.model().forwardAll(runtime.store(), inputs, true);
                TwoTower.Outputs towers = out;
                NDArray logits = out.logits();
                if (spec.priorColumns() > 0) {
                    priorSlice = tensors.priorRows(sub, tu.rows(), tu.count());
                    priorSlice.setRequiresGradient(true);
                    out = priorTerms.withPriors(sub, out, batch, priorSlice, inputs.get(3));
                    logits = out.logits();
                }
                if (popularity != null) {
                    popularityWeights = tensors.popularityWeights(sub);
                    popularityWeights.setRequiresGradient(true);
                    logits =
                            logits.add(
                                    priorTerms.popularityTerm(
                                            sub, batch, popularityWeights, popularityFeatures));
                }
                // The head reads the model's score (as top-K ranks by it), before log Q.
                ExposureHead.Pass exposurePass =
                        exposure == null
                                ? null
                                : exposure.forward(
                                        sub,
                                        runtime.store(),
                                        batch,
                                        towers.exampleUsers(),
                                        towers.titles(),
                                        logits,
                                        users,
                                        uu,
                                        titles,
                                        tu,
                                        true);
                if (spec.loss() == RetrievalLoss.BCE_LOGQ) {
                    logits = logits.sub(sub.create(retrieval.samplingOffsets(batch)));
                }
                NDArray behaviour = null;
                if (behaviourLoss != null) {
                    behaviour =
                            behaviourLoss.perExample(
                                    BatchTensors.headLabels(sub, batch),
                                    new NDList(logits, out.headLogits()));
                    finishScores = Activation.sigmoid(out.headLogits().get(":, 0")).toFloatArray();
                }
                NDArray batchLoss;
                if (spec.loss().inBatch()) {
                    int[] plays = RetrievalTerms.plays(batch);
                    NDArray perPlay =
                            retrieval.inBatchLosses(sub, batch, out, tu, plays, popularityWeights);
                    batchLoss =
                            plays.length == 0
                                    ? sub.zeros(new Shape())
                                    : perPlay.mul(
                                                    sub.create(
                                                            RetrievalTerms.gather(
                                                                    batch.weights(), plays)))
                                            .mean();
                    if (behaviour != null) {
                        batchLoss = batchLoss.add(loss.weightedMean(behaviour, labels.get(1)));
                    }
                    exampleLosses = RetrievalTerms.spread(perPlay, plays, n);
                } else {
                    NDArray perExample = loss.perExample(labels, new NDList(logits));
                    if (behaviour != null) {
                        perExample = perExample.add(behaviour);
                    }
                    batchLoss = loss.weightedMean(perExample, labels.get(1));
                    exampleLosses = perExample.toFloatArray();
                }
                lossValue = batchLoss.getFloat();
                if (exposurePass != null) {
                    // The head's vectors are detached: its loss reaches its own biases and MLP
                    // only.
                    NDArray headLoss =
                            ExposureHead.loss(
                                    loss.perExample(labels, new NDList(exposurePass.logits())),
                                    labels.get(1),
                                    exposurePass.mask());
                    exposureLoss = headLoss.getFloat();
                    batchLoss = batchLoss.add(headLoss);
                }
                collector.backward(batchLoss);
                scores =
                        Activation.sigmoid(exposurePass == null ? logits : exposurePass.logits())
                                .toFloatArray();
                if (exposurePass != null) {
                    exposureGrad = exposure.take(exposurePass);
                }
            }
            userGrad = userSlice.getGradient().toFloatArray();
            titleGrad =
                    titleInputs.embeddingColumns(
                            titleSlice.getGradient().toFloatArray(), tu.count());
            if (priorSlice != null) {
                priorGrad = priorSlice.getGradient().toFloatArray();
            }
            if (popularityWeights != null) {
                popularityGrad = popularityWeights.getGradient().toFloatArray();
            }
            if (historySlice != null) {
                historyGrad = historySlice.getGradient().toFloatArray();
            }
        }
        float[][] denseGrad = denseAdam.takeGradients();
        if (!Float.isFinite(lossValue)
                || !Float.isFinite(exposureLoss)
                || (exposureGrad != null && !exposureGrad.finite())
                || !DenseAdam.allFinite(userGrad, titleGrad)
                || !DenseAdam.allFinite(denseGrad)
                || (priorGrad != null && !DenseAdam.allFinite(priorGrad))
                || (popularityGrad != null && !DenseAdam.allFinite(popularityGrad))
                || (historyGrad != null && !DenseAdam.allFinite(historyGrad))) {
            // The rows this batch would have moved and the dense part stay as they were.
            return new StepResult(
                    batch.batchId(),
                    version,
                    lossValue,
                    scores,
                    exampleLosses,
                    finishScores,
                    !Float.isFinite(lossValue)
                            ? "the loss is " + lossValue
                            : !Float.isFinite(exposureLoss)
                                    ? "the exposure head's loss is " + exposureLoss
                                    : "a gradient is not finite");
        }
        if (spec.userRow()) {
            users.apply(uu.rows(), uu.count(), userGrad, embeddingAdam);
        } else {
            // No row moves, but every batch user's published vector does (history, towers).
            users.markChanged(uu.rows(), uu.count());
        }
        if (historyGrad == null) {
            titles.apply(tu.rows(), tu.count(), titleGrad, embeddingAdam);
        } else {
            // A title row in the batch and in a history moves once, by the sum of both gradients.
            UserHistory.Merged merged =
                    UserHistory.merge(
                            tu.rows(),
                            tu.count(),
                            titleGrad,
                            bag.rows(),
                            bag.count(),
                            historyGrad,
                            spec.embeddingDim());
            titles.apply(merged.rows(), merged.rows().length, merged.grad(), embeddingAdam);
        }
        if (priorGrad != null) {
            titles.applyCompanion(tu.rows(), tu.count(), priorGrad, priorAdam);
        }
        denseAdam.apply(denseGrad);
        if (exposureGrad != null) {
            exposure.apply(exposureGrad, users, uu, titles, tu);
            exposure.observe(batch, users, uu, titles, tu);
        }
        if (popularity != null) {
            popularity.apply(popularityGrad, priorAdam);
            popularity.observe(batch);
        }
        if (history.enabled()) {
            history.record(batch);
        }
        version++;
        rows.evictIfDue(version);
        return new StepResult(
                batch.batchId(), version, lossValue, scores, exampleLosses, finishScores, null);
    }

    /**
     * Gives ids their rows ahead of training (a warm start from a known population, or a benchmark
     * at a given table size). Rows start as for ids first seen in a batch; min counts are bypassed.
     */
    public void preallocate(String[] userIds, String[] titleIds) {
        rows.preallocate(userIds, titleIds, version);
    }

    /**
     * Sets libtorch's intra-op threads for the whole process. On a small shared CPU one thread is
     * usually fastest (OpenMP workers otherwise wait on each other); see {@code bench trainer}.
     */
    public static void configureThreads(int intraOpThreads) {
        DjlRuntime.configureThreads(intraOpThreads);
    }

    /** libtorch's current intra-op thread count, or -1 on another engine. */
    public static int threads() {
        return DjlRuntime.threads();
    }

    /**
     * Play probabilities for the batch without training; unseen ids use the shared unknown rows.
     * With {@code model.exposure.head} they are the exposure head's {@code P(play | exposed)} (as
     * are {@link #step}'s scores), else the retrieval score's sigmoid.
     */
    public float[] score(ExampleBatch batch) {
        BatchChecks.checkGroups(spec, batch);
        return scorer.score(batch);
    }

    /**
     * The user's vector from the block of the given groups (unknown users get the shared row's
     * vector).
     */
    public float[] userEmbedding(String userId, int territoryGroup, int activityGroup) {
        return export.userEmbedding(userId, territoryGroup, activityGroup);
    }

    /**
     * The user's vector from the given territory group's block, for the user's last seen activity
     * group.
     */
    public float[] userEmbedding(String userId, int territoryGroup) {
        return export.userEmbedding(userId, territoryGroup);
    }

    public float[] titleEmbedding(String titleId) {
        return export.titleEmbedding(titleId);
    }

    /** The territory group the user was last trained in, or -1 if the user has no row. */
    public int homeTerritoryGroup(String userId) {
        return export.homeTerritoryGroup(userId);
    }

    /**
     * Vectors of the given users, each from the block of its last seen groups; users without a row
     * are skipped.
     */
    public List<UserVector> exportUsers(Collection<String> userIds) {
        return export.exportUsers(userIds);
    }

    /** Vectors of the given titles; titles without a row are skipped. */
    public List<TitleVector> exportTitles(Collection<String> titleIds) {
        return export.exportTitles(titleIds);
    }

    /** Ids of users whose rows changed since the last call. */
    public List<String> drainChangedUsers() {
        return users.drainChanged();
    }

    /** Ids of titles whose rows changed since the last call. */
    public List<String> drainChangedTitles() {
        return titles.drainChanged();
    }

    /**
     * What this trainer keeps about one user ({@link UserRowState}), or null when it keeps nothing
     * (no row and no history).
     */
    public UserRowState exportUserRow(String userId) {
        return rows.exportUser(userId);
    }

    /**
     * Takes a user over from another trainer: the user's row, Adam state, groups and history become
     * {@code state}'s, as if this trainer had trained the user all along (title rows and the dense
     * model stay this trainer's own). The row counts as seen now for eviction.
     */
    public void importUserRow(UserRowState state) {
        rows.importUser(state, version);
    }

    /**
     * Lets the users go (their partition moved to another trainer): their rows are freed and their
     * histories dropped. Returns how many had a row.
     */
    public int dropUsers(Collection<String> userIds) {
        return rows.dropUsers(userIds);
    }

    /**
     * Sets (or replaces) a title's content features; they enter the title tower. Needs {@code
     * model.content.dim}.
     */
    public void putTitleContent(String titleId, float[] content) {
        titleInputs.put(titleId, content);
        export.invalidate();
    }

    /**
     * The values a title's embedding row starts from when the title is first seen (instead of the
     * seeded random initialisation; {@code model.embedding.dim} values); a title already seen keeps
     * its row. Not checkpointed: for offline evaluation.
     */
    public void putInitialTitleRow(String titleId, float[] row) {
        titles.setInitialRow(titleId, row);
    }

    /**
     * The {@code k} best titles for the user in the given territory group, scored over every known
     * title (with the popularity prior, in the user's last seen territory).
     */
    public List<ScoredTitle> topK(String userId, int territoryGroup, int k) {
        return export.topK(userId, territoryGroup, k);
    }

    @Override
    public void close() {
        runtime.close();
    }

    // ----- internals shared with checkpoints and tests (package-private)

    TwoTower model() {
        return runtime.model();
    }

    EmbeddingTable users() {
        return users;
    }

    EmbeddingTable titles() {
        return titles;
    }

    DenseAdam denseAdam() {
        return denseAdam;
    }

    NDManager manager() {
        return runtime.manager();
    }

    TitleInputs titleInputs() {
        return titleInputs;
    }

    HomeGroups homeGroups() {
        return homeGroups;
    }

    PlayFrequencies frequencies() {
        return retrieval.frequencies();
    }

    void restoreFrequencies(PlayFrequencies restored) {
        retrieval.restore(restored);
    }

    UserHistory history() {
        return history;
    }

    /** The popularity prior, or null when the spec has none. */
    PopularityPrior popularity() {
        return popularity;
    }

    /**
     * Replaces the dense parameters with ones saved by DJL's block save (see {@link DjlRuntime}).
     */
    void loadDense(DataInputStream in) throws IOException {
        runtime.loadDense(in);
    }

    /** The exposure head, or null when the spec has none. */
    ExposureHead exposure() {
        return exposure;
    }

    /** Reads the exposure head's MLP and Adam state that {@link ExposureHead#write} wrote. */
    void loadExposure(DataInputStream in) throws IOException {
        exposure.read(runtime.manager(), in);
        runtime.renewStore();
    }

    void restoreVersion(long restoredVersion) {
        this.version = restoredVersion;
    }
}
