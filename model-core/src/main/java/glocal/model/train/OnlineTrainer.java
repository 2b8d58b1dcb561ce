package glocal.model.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import glocal.model.batch.ExampleBatch;
import glocal.model.embedding.EmbeddingTable;
import glocal.model.embedding.IdMap;
import glocal.model.embedding.RowStore;
import glocal.model.embedding.UniqueRows;
import glocal.model.loss.BehaviourLoss;
import glocal.model.loss.MaskedBinaryCrossEntropy;
import glocal.model.optim.AdamConfig;
import glocal.model.optim.DenseAdam;
import glocal.model.prior.PopularityPrior;
import glocal.model.sampling.PlayFrequencies;
import glocal.model.tower.TwoTower;
import java.util.Arrays;
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

    /**
     * Eviction scans a whole id map, so it runs at most this often (amortised O(batch) per step),
     * or a quarter of the idle limit when that is shorter.
     */
    static final long MAX_EVICTION_INTERVAL_STEPS = 1_000;

    private final ModelSpec spec;
    private final NDManager manager;
    private final TwoTower model;
    private ParameterStore store;
    private final EmbeddingTable users;
    private final EmbeddingTable titles;
    private final TitleInputs titleInputs;
    private final DenseAdam denseAdam;
    private AdamConfig embeddingAdam;
    private AdamConfig priorAdam;
    private final MaskedBinaryCrossEntropy loss = new MaskedBinaryCrossEntropy();
    private final BehaviourLoss behaviourLoss;
    private final UniqueRows userUnique = new UniqueRows();
    private final UniqueRows titleUnique = new UniqueRows();
    private final HomeGroups homeGroups = new HomeGroups();
    private final RetrievalTerms retrieval;
    private final PopularityPrior popularity;
    private final UserHistory history;

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
        return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    public OnlineTrainer(ModelSpec spec, Device device) {
        this.spec = spec;
        this.manager = NDManager.newBaseManager(device);
        this.model = ModelFactory.build(spec);
        int titleIn = spec.embeddingDim() + spec.contentDim();
        model.initialize(
                manager,
                DataType.FLOAT32,
                new Shape(1, spec.embeddingDim()),
                new Shape(1),
                new Shape(1, titleIn),
                new Shape(1),
                new Shape(1, spec.territoryGroups() + spec.activityGroups()));
        DenseInit.apply(model.getParameters(), spec.seed());
        this.store = new ParameterStore(manager, false);
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
        this.exposure = spec.exposureHead() ? new ExposureHead(spec, manager) : null;
        this.titleInputs = new TitleInputs(titles, spec.embeddingDim(), spec.contentDim());
        this.denseAdam = new DenseAdam(model.getParameters(), spec.denseAdam());
        this.embeddingAdam = spec.embeddingAdam();
        this.priorAdam = spec.priorAdam();
        this.behaviourLoss = spec.heads() ? new BehaviourLoss(spec.esmm()) : null;
        this.popularity =
                spec.popularityPrior()
                        ? new PopularityPrior(spec.popularityGroups(), spec.popularityHalfLifeMs())
                        : null;
        this.history = new UserHistory(spec.userHistory());
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
                        new TrainerExport.Vectors() {
                            @Override
                            public float[][] users(
                                    int[] rows, String[] ids, int[] tasks, int[] territoryGroups) {
                                return userVectors(rows, ids, tasks, territoryGroups);
                            }

                            @Override
                            public float[][] titles(int[] rows, String[] ids) {
                                return titleVectors(rows, ids);
                            }
                        });
    }

    public ModelSpec spec() {
        return spec;
    }

    public Device device() {
        return manager.getDevice();
    }

    /** Number of dense (tower, switcher, head) parameters; embedding rows are not counted. */
    public long denseParameterCount() {
        long total = 0;
        for (var p : model.getParameters()) {
            total += p.getValue().getArray().getShape().size();
        }
        return total + (exposure == null ? 0 : exposure.parameterCount());
    }

    /** True when no dense parameter holds NaN or an infinity. */
    public boolean denseFinite() {
        for (var p : model.getParameters()) {
            if (!DenseAdam.allFinite(p.getValue().getArray().toFloatArray())) {
                return false;
            }
        }
        return exposure == null || exposure.finite();
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
        checkGroups(batch);
        String badInput = nonFiniteInput(batch);
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
        int[] userRows = users.observe(batch.userIds(), n, version);
        int[] titleRows = titles.observe(batch.titleIds(), n, version);
        homeGroups.remember(batch, userRows, users.rowLimit());
        UniqueRows uu = userUnique.build(userRows, n);
        UniqueRows tu = titleUnique.build(titleRows, n);
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
                history.enabled() ? history.bag(distinctIds(batch.userIds(), uu), titles) : null;
        float[] historyGrad = null;
        ExposureHead.Gradients exposureGrad = null;
        float exposureLoss = 0f;
        try (NDManager sub = manager.newSubManager()) {
            NDArray priorSlice = null;
            NDArray popularityWeights = null;
            NDArray historySlice = null;
            NDArray userSlice =
                    spec.userRow()
                            ? sub.create(
                                    users.gather(uu.rows(), uu.count()),
                                    new Shape(uu.count(), spec.embeddingDim()))
                            : sub.zeros(new Shape(uu.count(), spec.embeddingDim()));
            NDArray titleSlice =
                    sub.create(titleInputs.rows(tu), new Shape(tu.count(), titleInputs.width()));
            userSlice.setRequiresGradient(true);
            titleSlice.setRequiresGradient(true);
            NDArray userInput = userSlice;
            if (bag != null && bag.count() > 0) {
                historySlice =
                        sub.create(
                                titles.gather(bag.rows(), bag.count()),
                                new Shape(bag.count(), spec.embeddingDim()));
                historySlice.setRequiresGradient(true);
                userInput = userSlice.add(historyMean(sub, bag, historySlice, uu.count()));
            }
            NDList inputs = inputs(sub, batch, userInput, uu, titleSlice, tu);
            NDList labels = labels(sub, batch);
            if (spec.loss().corrected()) {
                retrieval.at(version);
                retrieval.frequencies().begin();
                retrieval.observePlays(batch);
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                TwoTower.Outputs out = model.forwardAll(store, inputs, true);
                TwoTower.Outputs towers = out;
                NDArray logits = out.logits();
                if (spec.priorColumns() > 0) {
                    priorSlice =
                            sub.create(
                                    titles.gatherCompanion(tu.rows(), tu.count()),
                                    new Shape(tu.count(), spec.priorColumns()));
                    priorSlice.setRequiresGradient(true);
                    out = priorTerms.withPriors(sub, out, batch, priorSlice, inputs.get(3));
                    logits = out.logits();
                }
                if (popularity != null) {
                    popularityWeights =
                            sub.create(
                                    popularity.weights(),
                                    new Shape(popularity.groups(), PopularityPrior.FEATURES));
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
                                        store,
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
                                    headLabels(sub, batch), new NDList(logits, out.headLogits()));
                    finishScores = Activation.sigmoid(out.headLogits().get(":, 0")).toFloatArray();
                }
                NDArray batchLoss;
                if (spec.loss().inBatch()) {
                    int[] plays = RetrievalTerms.plays(batch);
                    NDArray perPlay =
                            retrieval.inBatchLosses(sub, batch, out, tu, plays, popularityWeights);
                    // A batch without plays has no softmax term: a zero that still depends on
                    // the towers, so the backward pass gives zero gradients instead of failing.
                    batchLoss =
                            plays.length == 0
                                    ? logits.sum().mul(0f)
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
            // The rows this batch would have moved, the dense part and the play frequencies stay
            // as they were.
            retrieval.frequencies().rollback();
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
        retrieval.frequencies().commit();
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
        history.forget(evictIfDue(users));
        evictIfDue(titles);
        return new StepResult(
                batch.batchId(), version, lossValue, scores, exampleLosses, finishScores, null);
    }

    /**
     * Why the batch cannot be trained on (a label, weight or watch ratio is NaN or infinite), or
     * null.
     */
    private static String nonFiniteInput(ExampleBatch batch) {
        String[] names = {"play", "finished", "skipped", "watchRatio", "weights"};
        float[][] columns = {
            batch.play(), batch.finished(), batch.skipped(), batch.watchRatio(), batch.weights()
        };
        for (int c = 0; c < columns.length; c++) {
            for (int i = 0; i < batch.size(); i++) {
                if (!Float.isFinite(columns[c][i])) {
                    return "example " + i + " has " + names[c] + " " + columns[c][i];
                }
            }
        }
        return null;
    }

    /**
     * Gives ids their rows ahead of training (a warm start from a known population, or a benchmark
     * at a given table size). Rows start as for ids first seen in a batch; min counts are bypassed.
     */
    public void preallocate(String[] userIds, String[] titleIds) {
        preallocate(users, userIds);
        preallocate(titles, titleIds);
        homeGroups.ensureRows(users.rowLimit());
    }

    private void preallocate(EmbeddingTable table, String[] ids) {
        for (int pass = 0; pass < table.ids().config().minCount(); pass++) {
            table.observe(ids, ids.length, version);
        }
    }

    /** Evicts the table's idle ids when due; returns the evicted ids. */
    private List<String> evictIfDue(EmbeddingTable table) {
        long idle = table.ids().config().evictAfterSteps();
        if (idle > 0
                && version % Math.max(1, Math.min(MAX_EVICTION_INTERVAL_STEPS, idle / 4)) == 0) {
            return table.evictIdle(version);
        }
        return List.of();
    }

    /**
     * Per distinct row of {@code distinct}, the id of its first example ({@code null} for the
     * shared unknown row, which has no history of its own).
     */
    private static String[] distinctIds(String[] ids, UniqueRows distinct) {
        String[] out = new String[distinct.count()];
        long[] local = distinct.localIndex();
        for (int i = local.length - 1; i >= 0; i--) {
            out[(int) local[i]] = ids[i];
        }
        for (int u = 0; u < out.length; u++) {
            if (distinct.rows()[u] == IdMap.UNKNOWN_ROW) {
                out[u] = null;
            }
        }
        return out;
    }

    /**
     * {@code (U, embeddingDim)}: each user's mean of its history's title rows ({@code historyRows}
     * is {@code (bag.count, embeddingDim)}; a user without history gets zeros).
     */
    private NDArray historyMean(
            NDManager sub, UserHistory.Bag bag, NDArray historyRows, int userCount) {
        int h = history.length();
        return historyRows
                .get(sub.create(bag.index()))
                .mul(sub.create(bag.weights(), new Shape((long) userCount * h, 1)))
                .reshape(userCount, h, spec.embeddingDim())
                .sum(new int[] {1});
    }

    /**
     * {@code (rows, embeddingDim)}: the user tower's input of the given users, their rows plus
     * (with {@code model.user.history}) the mean of their history's title rows.
     */
    private NDArray userInputs(NDManager sub, int[] rows, String[] ids, int count) {
        NDArray input =
                spec.userRow()
                        ? sub.create(
                                users.gather(rows, count), new Shape(count, spec.embeddingDim()))
                        : sub.zeros(new Shape(count, spec.embeddingDim()));
        if (!history.enabled()) {
            return input;
        }
        UserHistory.Bag bag = history.bag(ids, titles);
        if (bag.count() == 0) {
            return input;
        }
        NDArray historyRows =
                sub.create(
                        titles.gather(bag.rows(), bag.count()),
                        new Shape(bag.count(), spec.embeddingDim()));
        return input.add(historyMean(sub, bag, historyRows, count));
    }

    /**
     * Sets libtorch's intra-op threads for the whole process. On a small shared CPU one thread is
     * usually fastest (OpenMP workers otherwise wait on each other); see {@code bench trainer}.
     */
    public static void configureThreads(int intraOpThreads) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException(
                    "intra-op threads must be >= 1, was " + intraOpThreads);
        }
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(intraOpThreads);
        }
    }

    /** libtorch's current intra-op thread count, or -1 on another engine. */
    public static int threads() {
        return "PyTorch".equals(Engine.getInstance().getEngineName())
                ? ai.djl.pytorch.jni.JniUtils.getNumThreads()
                : -1;
    }

    /**
     * Play probabilities for the batch without training; unseen ids use the shared unknown rows.
     * With {@code model.exposure.head} they are the exposure head's {@code P(play | exposed)} (as
     * are {@link #step}'s scores), else the retrieval score's sigmoid.
     */
    public float[] score(ExampleBatch batch) {
        int n = batch.size();
        checkGroups(batch);
        UniqueRows uu = new UniqueRows().build(users.lookup(batch.userIds(), n), n);
        UniqueRows tu = new UniqueRows().build(titles.lookup(batch.titleIds(), n), n);
        try (NDManager sub = manager.newSubManager()) {
            NDArray userSlice =
                    userInputs(sub, uu.rows(), distinctIds(batch.userIds(), uu), uu.count());
            NDArray titleSlice =
                    sub.create(titleInputs.rows(tu), new Shape(tu.count(), titleInputs.width()));
            NDList inputs = inputs(sub, batch, userSlice, uu, titleSlice, tu);
            TwoTower.Outputs towers =
                    exposure == null ? null : model.forwardAll(store, inputs, false);
            NDArray logits =
                    towers == null ? model.forward(store, inputs, false).get(0) : towers.logits();
            if (spec.priorColumns() > 0) {
                NDArray priors =
                        sub.create(
                                titles.gatherCompanion(tu.rows(), tu.count()),
                                new Shape(tu.count(), spec.priorColumns()));
                logits =
                        logits.add(
                                priors.get(inputs.get(3))
                                        .mul(priorTerms.priorMask(sub, batch))
                                        .sum(new int[] {1}));
            }
            if (popularity != null) {
                logits =
                        logits.add(
                                priorTerms.popularityTerm(
                                        sub,
                                        batch,
                                        sub.create(
                                                popularity.weights(),
                                                new Shape(
                                                        popularity.groups(),
                                                        PopularityPrior.FEATURES)),
                                        popularity.features(
                                                batch.territories(), batch.titleIds(), n)));
            }
            if (towers != null) {
                return Activation.sigmoid(
                                exposure.forward(
                                                sub,
                                                store,
                                                batch,
                                                towers.exampleUsers(),
                                                towers.titles(),
                                                logits,
                                                users,
                                                uu,
                                                titles,
                                                tu,
                                                false)
                                        .logits())
                        .toFloatArray();
            }
            if (spec.loss() == RetrievalLoss.BCE_LOGQ) {
                logits = logits.sub(sub.create(retrieval.samplingOffsets(batch)));
            }
            return Activation.sigmoid(logits).toFloatArray();
        }
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
        RowStore.RowState row = users.rowState(userId);
        String[] played = history.titles(userId);
        if (row == null && played.length == 0) {
            return null;
        }
        int r = users.ids().rowOf(userId);
        return new UserRowState(
                userId,
                row,
                homeGroups.territory(r),
                homeGroups.activity(r),
                homeGroups.territoryCode(r),
                played);
    }

    /**
     * Takes a user over from another trainer: the user's row, Adam state, groups and history become
     * {@code state}'s, as if this trainer had trained the user all along (title rows and the dense
     * model stay this trainer's own). The row counts as seen now for eviction.
     */
    public void importUserRow(UserRowState state) {
        String id = state.userId();
        if (state.row() == null) {
            users.remove(id);
        } else {
            int row = users.putRowState(id, state.row(), version);
            if (row != IdMap.UNKNOWN_ROW) {
                homeGroups.set(
                        row, state.territoryGroup(), state.activityGroup(), state.territory());
            }
        }
        history.put(id, state.history());
    }

    /**
     * Lets the users go (their partition moved to another trainer): their rows are freed and their
     * histories dropped. Returns how many had a row.
     */
    public int dropUsers(Collection<String> userIds) {
        int dropped = 0;
        for (String id : userIds) {
            if (users.remove(id)) {
                dropped++;
            }
        }
        history.forget(userIds);
        return dropped;
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
        manager.close();
    }

    // ----- internals shared with checkpoints and tests (package-private)

    TwoTower model() {
        return model;
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
        return manager;
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
     * Replaces the dense parameters with ones saved by DJL's block save. Loading gives new arrays
     * without gradients, so gradients are re-attached and the parameter store rebuilt.
     */
    void loadDense(java.io.DataInputStream in) throws java.io.IOException {
        try {
            model.loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException e) {
            throw new java.io.IOException(
                    "dense parameters in checkpoint do not fit model "
                            + spec.kind().id()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        for (var p : model.getParameters()) {
            if (p.getValue().requiresGradient() && !p.getValue().getArray().hasGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
        store = new ParameterStore(manager, false);
    }

    /** The exposure head, or null when the spec has none. */
    ExposureHead exposure() {
        return exposure;
    }

    /** Reads the exposure head's MLP and Adam state that {@link ExposureHead#write} wrote. */
    void loadExposure(java.io.DataInputStream in) throws java.io.IOException {
        exposure.read(manager, in);
        store = new ParameterStore(manager, false);
    }

    void restoreVersion(long restoredVersion) {
        this.version = restoredVersion;
    }

    // ----- helpers

    private NDList inputs(
            NDManager sub,
            ExampleBatch batch,
            NDArray userSlice,
            UniqueRows uu,
            NDArray titleSlice,
            UniqueRows tu) {
        long[] userTask = uu.localIndex();
        int tasks = spec.tasks();
        for (int i = 0; i < userTask.length; i++) {
            userTask[i] =
                    userTask[i] * tasks
                            + spec.task(batch.territoryGroups()[i], batch.activityGroups()[i]);
        }
        NDList inputs =
                new NDList(
                        userSlice, sub.create(userTask), titleSlice, sub.create(tu.localIndex()));
        if (model.hasBiasNet()) {
            int g = spec.territoryGroups();
            int width = g + spec.activityGroups();
            float[] features = new float[batch.size() * width];
            for (int i = 0; i < batch.size(); i++) {
                features[i * width + batch.territoryGroups()[i]] = 1f;
                features[i * width + g + batch.activityGroups()[i]] = 1f;
            }
            inputs.add(sub.create(features, new Shape(batch.size(), width)));
        }
        return inputs;
    }

    private static NDList headLabels(NDManager sub, ExampleBatch batch) {
        return new NDList(
                sub.create(batch.play()),
                sub.create(batch.finished()),
                sub.create(batch.skipped()),
                sub.create(batch.watchRatio()),
                sub.create(batch.weights()));
    }

    private static NDList labels(NDManager sub, ExampleBatch batch) {
        return new NDList(sub.create(batch.play()), sub.create(batch.weights()));
    }

    /**
     * Each row's vector from its task's block, ending in the selector of its group's priors; {@code
     * ids} are the rows' user ids (for their histories).
     */
    private float[][] userVectors(int[] rows, String[] ids, int[] tasks, int[] territoryGroups) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray input = userInputs(sub, rows, ids, rows.length);
            float[] all = model.userVectors(store, input, false).toFloatArray();
            int d = spec.outputDim();
            int perRow = spec.tasks() * d;
            float[][] out = new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                float[] selector = priorTerms.priorSelector(territoryGroups[i]);
                out[i] =
                        Arrays.copyOf(
                                Arrays.copyOfRange(
                                        all,
                                        i * perRow + tasks[i] * d,
                                        i * perRow + (tasks[i] + 1) * d),
                                d + selector.length);
                System.arraycopy(selector, 0, out[i], d, selector.length);
            }
            return out;
        }
    }

    private float[][] titleVectors(int[] rows, String[] ids) {
        try (NDManager sub = manager.newSubManager()) {
            float[] all = titleVectors(sub, rows, ids).toFloatArray();
            int d = spec.outputDim() + spec.priorColumns();
            float[][] out = new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] = Arrays.copyOfRange(all, i * d, (i + 1) * d);
            }
            return out;
        }
    }

    /** {@code (rows, outputDim + priorColumns)}: the title tower's vectors, then the prior rows. */
    private NDArray titleVectors(NDManager sub, int[] rows, String[] ids) {
        NDArray input =
                sub.create(
                        titleInputs.rows(rows, ids), new Shape(rows.length, titleInputs.width()));
        NDArray vectors = model.titleVectors(store, input, false);
        if (spec.priorColumns() == 0) {
            return vectors;
        }
        return vectors.concat(
                sub.create(
                        titles.gatherCompanion(rows, rows.length),
                        new Shape(rows.length, spec.priorColumns())),
                1);
    }

    private void checkGroups(ExampleBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            int tg = batch.territoryGroups()[i];
            int ag = batch.activityGroups()[i];
            if (tg >= spec.territoryGroups() || ag >= spec.activityGroups()) {
                throw new IllegalArgumentException(
                        "batch "
                                + batch.batchId()
                                + ": example "
                                + i
                                + " has territory group "
                                + tg
                                + " / activity group "
                                + ag
                                + " but the model has "
                                + spec.territoryGroups()
                                + " ("
                                + ModelSpec.TERRITORY_GROUPS
                                + ") and "
                                + spec.activityGroups()
                                + " ("
                                + ModelSpec.ACTIVITY_GROUPS
                                + "); was the grouping (version "
                                + batch.groupingVersion()
                                + ") changed without changing the model spec?");
            }
        }
    }
}
