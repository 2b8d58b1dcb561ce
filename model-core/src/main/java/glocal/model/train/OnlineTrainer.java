package glocal.model.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import glocal.model.batch.ExampleBatch;
import glocal.model.embedding.EmbeddingTable;
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
 *
 * <p>A facade over the parts that do the work: {@link DjlRuntime} (manager, dense model, parameter
 * store), {@link RowLifecycle} (which ids have rows; eviction; user handoff), {@link StepLoss}
 * (forward and backward, on arrays from {@link BatchTensors}), {@link BatchChecks} and {@link
 * StepGradients#rejection()} (what refuses a batch), {@link RowUpdates} (Adam), {@link BatchScorer}
 * and {@link TrainerExport} with {@link TowerVectors} (the reading side).
 */
public final class OnlineTrainer implements AutoCloseable {

    private final ModelSpec spec;
    private final DjlRuntime runtime;
    private final EmbeddingTable users;
    private final EmbeddingTable titles;
    private final TitleInputs titleInputs;
    private final DenseAdam denseAdam;
    private final HomeGroups homeGroups = new HomeGroups();
    private final RetrievalTerms retrieval;
    private final PopularityPrior popularity;
    private final UserHistory history;
    private final RowLifecycle rows;
    private final StepLoss stepLoss;
    private final RowUpdates updates;
    private final BatchScorer scorer;

    /** The published vectors and the top-K (see {@link TrainerExport}). */
    private final TrainerExport export;

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
        this.popularity =
                spec.popularityPrior()
                        ? new PopularityPrior(spec.popularityGroups(), spec.popularityHalfLifeMs())
                        : null;
        this.history = new UserHistory(spec.userHistory());
        PriorTerms priorTerms = new PriorTerms(spec, popularity);
        this.retrieval = new RetrievalTerms(spec, priorTerms);
        BatchTensors tensors =
                new BatchTensors(
                        spec, runtime.model(), users, titles, titleInputs, history, popularity);
        this.export =
                new TrainerExport(
                        spec,
                        users,
                        titles,
                        homeGroups,
                        popularity,
                        this::version,
                        new TowerVectors(spec, runtime, tensors, priorTerms));
        this.rows = new RowLifecycle(users, titles, homeGroups, history);
        this.stepLoss =
                new StepLoss(
                        spec,
                        runtime,
                        tensors,
                        users,
                        titles,
                        titleInputs,
                        denseAdam,
                        history,
                        popularity,
                        priorTerms,
                        retrieval,
                        exposure);
        this.updates =
                new RowUpdates(spec, users, titles, denseAdam, exposure, popularity, history);
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
        updates.scaleLearningRates(scale);
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
        BatchChecks.checkGroups(spec, batch);
        String badInput = BatchChecks.nonFiniteInput(batch);
        if (badInput != null) {
            // Rejected before the id maps see the batch: nothing of the model changes.
            int n = batch.size();
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
        // The log Q play counts take the batch's plays tentatively: a refused batch takes them
        // back.
        PlayFrequencies counts = retrieval.frequencies();
        counts.begin();
        StepGradients gradients;
        try {
            gradients = stepLoss.run(batch, seen.users(), seen.titles(), version);
        } catch (RuntimeException e) {
            counts.rollback();
            throw e;
        }
        String rejection = gradients.rejection();
        if (rejection != null) {
            // The rows this batch would have moved, the dense part and the play counts stay as
            // they were.
            counts.rollback();
            return gradients.result(batch.batchId(), version, rejection);
        }
        counts.commit();
        updates.apply(batch, seen.users(), seen.titles(), gradients);
        version++;
        rows.evictIfDue(version);
        return gradients.result(batch.batchId(), version, null);
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
