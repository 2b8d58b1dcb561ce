package glocal.model.train;

import glocal.model.config.KeyValues;
import glocal.model.embedding.IdMapConfig;
import glocal.model.labelling.ActivityGroup;
import glocal.model.optim.AdamConfig;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Everything that defines a model and how it trains: architecture, sizes, optimizer settings,
 * id-map limits and the seed. Validated on construction; {@link #toProperties()} / {@link
 * #fromProperties} round-trip it (checkpoints store it as provenance), with errors naming the bad
 * key.
 *
 * @param kind architecture
 * @param embeddingDim width of the user and title embedding rows
 * @param towerHidden hidden layer widths of the user and title towers
 * @param outputDim width of the final user / title vectors (the dot product space)
 * @param territoryGroups number of territory groups (tasks of mtl, mmoe, cgc; first facet of mfh)
 * @param activityGroups number of activity groups (second facet of mfh; biasnet feature)
 * @param headHidden hidden widths of group heads and experts ({} = linear heads)
 * @param experts shared experts (mmoe, cgc, mfh)
 * @param groupExperts experts per territory group (cgc, mfh)
 * @param levels CGC levels (1 = CGC, more = PLE)
 * @param biasnet add a biasnet logit fed the group features
 * @param heads add behaviour heads (finish, skip, completion ratio) trained on plays
 * @param esmm train the finish head as pCVR through pCTCVR = pCTR x pCVR (needs heads)
 * @param contentDim width of optional title content features entering the title tower (0 = none)
 * @param learningRate Adam learning rate of the dense part
 * @param embeddingLearningRate Adam learning rate of the embedding rows
 * @param weightDecay decoupled weight decay of the dense part
 * @param initStd standard deviation of new embedding rows
 * @param seed seed of every random initialisation
 * @param users user id-map limits
 * @param titles title id-map limits
 * @param loss what trains the retrieval score (see {@link RetrievalLoss})
 * @param logQExponent β of the stream's negative sampler (negatives ∝ territory plays^β): the
 *     exponent of the log Q correction of {@link RetrievalLoss#BCE_LOGQ}
 * @param temperature softmax temperature of the in-batch losses
 * @param frequencyHalfLife half-life, in training steps, of the play counts that estimate Q
 * @param titlePriors learn popularity priors per title: a bias for every user and one per territory
 *     group, added to the score (see {@link #priorColumns()})
 * @param priorLearningRate Adam learning rate of the prior rows and of the popularity weights
 * @param popularityPrior add popularity features to the score: the title's decayed plays in the
 *     example's territory and everywhere, with learned weights per task group (see {@link
 *     glocal.model.prior.PopularityPrior})
 * @param popularityHalfLifeMs event-time half-life of the popularity features' play counts
 * @param userHistory plays per user whose titles' embedding rows, averaged, join the user's row at
 *     the user tower's input (a bag of recent watches; 0 = off, see {@link UserHistory})
 * @param userRow give each user a free embedding row at the user tower's input (false: the input is
 *     the history alone, which needs {@code userHistory} > 0)
 * @param exposureHead add the exposure head: a ranking score {@code P(play | exposed)} trained on
 *     plays and impressions only, with a bias per user and per title, that scores pairs for PR-AUC
 *     and AUC while the retrieval score keeps ranking the catalogue (see {@link ExposureHead})
 * @param exposureLearningRate row-wise Adam learning rate of the exposure head's user and title
 *     biases
 * @param exposureDenseLearningRate Adam learning rate of the exposure head's MLP
 * @param exposureHidden hidden widths of the exposure head's MLP ({} = linear)
 */
public record ModelSpec(
        ModelKind kind,
        int embeddingDim,
        int[] towerHidden,
        int outputDim,
        int territoryGroups,
        int activityGroups,
        int[] headHidden,
        int experts,
        int groupExperts,
        int levels,
        boolean biasnet,
        boolean heads,
        boolean esmm,
        int contentDim,
        float learningRate,
        float embeddingLearningRate,
        float weightDecay,
        float initStd,
        long seed,
        IdMapConfig users,
        IdMapConfig titles,
        RetrievalLoss loss,
        float logQExponent,
        float temperature,
        long frequencyHalfLife,
        boolean titlePriors,
        float priorLearningRate,
        boolean popularityPrior,
        long popularityHalfLifeMs,
        int userHistory,
        boolean userRow,
        boolean exposureHead,
        float exposureLearningRate,
        float exposureDenseLearningRate,
        int[] exposureHidden) {

    public static final String KIND = "model.kind";
    public static final String EMBEDDING_DIM = "model.embedding.dim";
    public static final String TOWER_HIDDEN = "model.tower.hidden";
    public static final String OUTPUT_DIM = "model.output.dim";
    public static final String TERRITORY_GROUPS = "model.territory.groups";
    public static final String ACTIVITY_GROUPS = "model.activity.groups";
    public static final String HEAD_HIDDEN = "model.head.hidden";
    public static final String EXPERTS = "model.experts";
    public static final String GROUP_EXPERTS = "model.group.experts";
    public static final String LEVELS = "model.levels";
    public static final String BIASNET = "model.biasnet";
    public static final String HEADS = "model.heads";
    public static final String ESMM = "model.esmm";
    public static final String CONTENT_DIM = "model.content.dim";
    public static final String LEARNING_RATE = "train.learning.rate";
    public static final String EMBEDDING_LEARNING_RATE = "train.embedding.learning.rate";
    public static final String WEIGHT_DECAY = "train.weight.decay";
    public static final String INIT_STD = "train.init.std";
    public static final String SEED = "train.seed";
    public static final String USER_MIN_COUNT = "ids.user.min.count";
    public static final String USER_MAX_ROWS = "ids.user.max.rows";
    public static final String USER_EVICT_AFTER = "ids.user.evict.after.steps";
    public static final String TITLE_MIN_COUNT = "ids.title.min.count";
    public static final String TITLE_MAX_ROWS = "ids.title.max.rows";
    public static final String TITLE_EVICT_AFTER = "ids.title.evict.after.steps";
    public static final String LOSS = "train.loss";
    public static final String LOGQ_EXPONENT = "train.logq.exponent";
    public static final String TEMPERATURE = "train.softmax.temperature";
    public static final String FREQUENCY_HALF_LIFE = "train.frequency.half.life.steps";
    public static final String TITLE_PRIORS = "model.title.priors";
    public static final String PRIOR_LEARNING_RATE = "train.prior.learning.rate";
    public static final String POPULARITY_PRIOR = "model.popularity.prior";
    public static final String POPULARITY_HALF_LIFE_MS = "train.popularity.half.life.ms";
    public static final String USER_HISTORY = "model.user.history";
    public static final String USER_ROW = "model.user.row";
    public static final String EXPOSURE_HEAD = "model.exposure.head";
    public static final String EXPOSURE_LEARNING_RATE = "train.exposure.learning.rate";
    public static final String EXPOSURE_DENSE_LEARNING_RATE = "train.exposure.dense.learning.rate";
    public static final String EXPOSURE_HIDDEN = "model.exposure.hidden";

    /** Upper bound of {@link #USER_HISTORY}: every batch gathers this many rows per user. */
    public static final int MAX_USER_HISTORY = 1_000;

    public ModelSpec {
        positive(EMBEDDING_DIM, embeddingDim);
        positive(OUTPUT_DIM, outputDim);
        positive(TERRITORY_GROUPS, territoryGroups);
        positive(ACTIVITY_GROUPS, activityGroups);
        positive(EXPERTS, experts);
        positive(GROUP_EXPERTS, groupExperts);
        positive(LEVELS, levels);
        allPositive(TOWER_HIDDEN, towerHidden);
        allPositive(HEAD_HIDDEN, headHidden);
        allPositive(EXPOSURE_HIDDEN, exposureHidden);
        if (esmm && !heads) {
            throw new IllegalArgumentException(
                    ESMM
                            + "=true needs "
                            + HEADS
                            + "=true (ESMM composes the play score"
                            + " with the finish head)");
        }
        if (contentDim < 0) {
            throw new IllegalArgumentException(
                    CONTENT_DIM + " must be >= 0 (0 = no content features), was " + contentDim);
        }
        try {
            AdamConfig.of(learningRate, weightDecay);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    LEARNING_RATE + " / " + WEIGHT_DECAY + ": " + e.getMessage(), e);
        }
        if (!(embeddingLearningRate > 0)) {
            throw new IllegalArgumentException(
                    EMBEDDING_LEARNING_RATE + " must be > 0, was " + embeddingLearningRate);
        }
        if (!(initStd > 0)) {
            throw new IllegalArgumentException(INIT_STD + " must be > 0, was " + initStd);
        }
        java.util.Objects.requireNonNull(loss, LOSS);
        if (!(logQExponent >= 0 && logQExponent <= 2)) {
            throw new IllegalArgumentException(
                    LOGQ_EXPONENT
                            + " must be in [0, 2] (the negative sampler's β), was "
                            + logQExponent);
        }
        if (!(temperature > 0) || !Float.isFinite(temperature)) {
            throw new IllegalArgumentException(
                    TEMPERATURE + " must be a finite number > 0, was " + temperature);
        }
        if (!(priorLearningRate > 0)) {
            throw new IllegalArgumentException(
                    PRIOR_LEARNING_RATE + " must be > 0, was " + priorLearningRate);
        }
        if (popularityHalfLifeMs < 1) {
            throw new IllegalArgumentException(
                    POPULARITY_HALF_LIFE_MS + " must be >= 1, was " + popularityHalfLifeMs);
        }
        if (userHistory < 0 || userHistory > MAX_USER_HISTORY) {
            throw new IllegalArgumentException(
                    USER_HISTORY
                            + " must be in [0, "
                            + MAX_USER_HISTORY
                            + "] (0 = no history input), was "
                            + userHistory);
        }
        if (!userRow && userHistory == 0) {
            throw new IllegalArgumentException(
                    USER_ROW
                            + "=false needs "
                            + USER_HISTORY
                            + " > 0 (without either the user tower has no input)");
        }
        if (!(exposureLearningRate > 0) || !Float.isFinite(exposureLearningRate)) {
            throw new IllegalArgumentException(
                    EXPOSURE_LEARNING_RATE
                            + " must be a finite number > 0, was "
                            + exposureLearningRate);
        }
        if (!(exposureDenseLearningRate > 0) || !Float.isFinite(exposureDenseLearningRate)) {
            throw new IllegalArgumentException(
                    EXPOSURE_DENSE_LEARNING_RATE
                            + " must be a finite number > 0, was "
                            + exposureDenseLearningRate);
        }
        if (frequencyHalfLife < 1) {
            throw new IllegalArgumentException(
                    FREQUENCY_HALF_LIFE + " must be >= 1, was " + frequencyHalfLife);
        }
        towerHidden = towerHidden.clone();
        headHidden = headHidden.clone();
        exposureHidden = exposureHidden.clone();
    }

    /**
     * Defaults: 64-d embeddings and outputs, one 64-wide hidden layer per tower, 4 territory
     * groups, one activity group per {@link ActivityGroup}; the only place they are written ({@link
     * Builder}'s starting values).
     */
    public static ModelSpec defaults(ModelKind kind) {
        return builder(kind).build();
    }

    /** A builder starting from {@link #defaults} of {@code kind}. */
    public static Builder builder(ModelKind kind) {
        return new Builder(kind);
    }

    /** A builder starting from this spec. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Number of task outputs of the user tower. */
    public int tasks() {
        return switch (kind) {
            case BASELINE -> 1;
            case MFH -> territoryGroups * activityGroups;
            default -> territoryGroups;
        };
    }

    /**
     * The task an example trains: its territory group, (territory, activity) pair for mfh, 0 for
     * baseline.
     */
    public int task(int territoryGroup, int activityGroup) {
        return switch (kind) {
            case BASELINE -> 0;
            case MFH -> territoryGroup * activityGroups + activityGroup;
            default -> territoryGroup;
        };
    }

    /**
     * Width of each title's prior row: a bias for every user, then (but for {@code baseline}, which
     * knows no groups) one per territory group; 0 without {@link #titlePriors}. The published
     * vectors carry them: a user's vector ends in {@code [1, one-hot(group)]}, a title's in its
     * prior row, so the dot product of the published vectors is the model's score.
     */
    public int priorColumns() {
        return titlePriors ? 1 + (kind == ModelKind.BASELINE ? 0 : territoryGroups) : 0;
    }

    /**
     * Weight rows of the popularity prior: one per task group (territory group; 1 for baseline).
     */
    public int popularityGroups() {
        return kind == ModelKind.BASELINE ? 1 : territoryGroups;
    }

    public AdamConfig priorAdam() {
        return AdamConfig.of(priorLearningRate, 0f);
    }

    public AdamConfig denseAdam() {
        return AdamConfig.of(learningRate, weightDecay);
    }

    public AdamConfig embeddingAdam() {
        return AdamConfig.of(embeddingLearningRate, 0f);
    }

    public ModelSpec withKind(ModelKind k) {
        return toBuilder().kind(k).build();
    }

    public ModelSpec withSeed(long s) {
        return toBuilder().seed(s).build();
    }

    /** Returns a copy with the given keys overridden (same keys as {@link #fromProperties}). */
    public ModelSpec with(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("with(...) takes key, value pairs");
        }
        Properties p = toProperties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return fromProperties(p);
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty(KIND, kind.id());
        p.setProperty(EMBEDDING_DIM, Integer.toString(embeddingDim));
        p.setProperty(TOWER_HIDDEN, join(towerHidden));
        p.setProperty(OUTPUT_DIM, Integer.toString(outputDim));
        p.setProperty(TERRITORY_GROUPS, Integer.toString(territoryGroups));
        p.setProperty(ACTIVITY_GROUPS, Integer.toString(activityGroups));
        p.setProperty(HEAD_HIDDEN, join(headHidden));
        p.setProperty(EXPERTS, Integer.toString(experts));
        p.setProperty(GROUP_EXPERTS, Integer.toString(groupExperts));
        p.setProperty(LEVELS, Integer.toString(levels));
        p.setProperty(BIASNET, Boolean.toString(biasnet));
        p.setProperty(HEADS, Boolean.toString(heads));
        p.setProperty(ESMM, Boolean.toString(esmm));
        p.setProperty(CONTENT_DIM, Integer.toString(contentDim));
        p.setProperty(LEARNING_RATE, Float.toString(learningRate));
        p.setProperty(EMBEDDING_LEARNING_RATE, Float.toString(embeddingLearningRate));
        p.setProperty(WEIGHT_DECAY, Float.toString(weightDecay));
        p.setProperty(INIT_STD, Float.toString(initStd));
        p.setProperty(SEED, Long.toString(seed));
        p.setProperty(USER_MIN_COUNT, Integer.toString(users.minCount()));
        p.setProperty(USER_MAX_ROWS, Integer.toString(users.maxRows()));
        p.setProperty(USER_EVICT_AFTER, Long.toString(users.evictAfterSteps()));
        p.setProperty(TITLE_MIN_COUNT, Integer.toString(titles.minCount()));
        p.setProperty(TITLE_MAX_ROWS, Integer.toString(titles.maxRows()));
        p.setProperty(TITLE_EVICT_AFTER, Long.toString(titles.evictAfterSteps()));
        p.setProperty(LOSS, loss.id());
        p.setProperty(LOGQ_EXPONENT, Float.toString(logQExponent));
        p.setProperty(TEMPERATURE, Float.toString(temperature));
        p.setProperty(FREQUENCY_HALF_LIFE, Long.toString(frequencyHalfLife));
        p.setProperty(TITLE_PRIORS, Boolean.toString(titlePriors));
        p.setProperty(PRIOR_LEARNING_RATE, Float.toString(priorLearningRate));
        p.setProperty(POPULARITY_PRIOR, Boolean.toString(popularityPrior));
        p.setProperty(POPULARITY_HALF_LIFE_MS, Long.toString(popularityHalfLifeMs));
        p.setProperty(USER_HISTORY, Integer.toString(userHistory));
        p.setProperty(USER_ROW, Boolean.toString(userRow));
        p.setProperty(EXPOSURE_HEAD, Boolean.toString(exposureHead));
        p.setProperty(EXPOSURE_LEARNING_RATE, Float.toString(exposureLearningRate));
        p.setProperty(EXPOSURE_DENSE_LEARNING_RATE, Float.toString(exposureDenseLearningRate));
        p.setProperty(EXPOSURE_HIDDEN, join(exposureHidden));
        return p;
    }

    /**
     * The values of the keys whose default changed, as they were before: a spec stored by an
     * earlier build ({@link #toProperties} writes every key that build knew) lacks a key only when
     * that build predates it, and then it trained with the earlier value, not today's default. The
     * defaults changed on 2026-12-04 from pointwise BCE to the log Q corrected softmax with the
     * popularity prior at lower learning rates (README, Models).
     */
    static final Map<String, String> EARLIER_DEFAULTS =
            Map.of(
                    LOSS, RetrievalLoss.BCE.id(),
                    POPULARITY_PRIOR, "false",
                    LEARNING_RATE, "0.001",
                    EMBEDDING_LEARNING_RATE, "0.01");

    /**
     * Reads a spec stored by this or an earlier build (a checkpoint's): a key whose default has
     * changed since and that the stored spec lacks takes the value the earlier build trained with
     * ({@link #EARLIER_DEFAULTS}); other missing keys take today's defaults, as in {@link
     * #fromProperties}.
     */
    public static ModelSpec fromStoredProperties(Properties stored) {
        Properties p = new Properties();
        EARLIER_DEFAULTS.forEach(p::setProperty);
        p.putAll(stored);
        return fromProperties(p);
    }

    /**
     * Reads a spec; missing keys take the defaults of the named (or default {@code mtl}) model
     * kind.
     */
    public static ModelSpec fromProperties(Properties p) {
        KeyValues v = KeyValues.of(p);
        ModelKind kind = ModelKind.parse(KIND, v.string(KIND, ModelKind.MTL.id()));
        ModelSpec d = defaults(kind);
        IdMapConfig users;
        IdMapConfig titles;
        try {
            users =
                    new IdMapConfig(
                            v.integer(USER_MIN_COUNT, d.users.minCount()),
                            v.integer(USER_MAX_ROWS, d.users.maxRows()),
                            v.longInteger(USER_EVICT_AFTER, d.users.evictAfterSteps()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ids.user.*: " + e.getMessage(), e);
        }
        try {
            titles =
                    new IdMapConfig(
                            v.integer(TITLE_MIN_COUNT, d.titles.minCount()),
                            v.integer(TITLE_MAX_ROWS, d.titles.maxRows()),
                            v.longInteger(TITLE_EVICT_AFTER, d.titles.evictAfterSteps()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ids.title.*: " + e.getMessage(), e);
        }
        return builder(kind)
                .embeddingDim(v.integer(EMBEDDING_DIM, d.embeddingDim))
                .towerHidden(v.integers(TOWER_HIDDEN, d.towerHidden))
                .outputDim(v.integer(OUTPUT_DIM, d.outputDim))
                .territoryGroups(v.integer(TERRITORY_GROUPS, d.territoryGroups))
                .activityGroups(v.integer(ACTIVITY_GROUPS, d.activityGroups))
                .headHidden(v.integers(HEAD_HIDDEN, d.headHidden))
                .experts(v.integer(EXPERTS, d.experts))
                .groupExperts(v.integer(GROUP_EXPERTS, d.groupExperts))
                .levels(v.integer(LEVELS, d.levels))
                .biasnet(v.bool(BIASNET, d.biasnet))
                .heads(v.bool(HEADS, d.heads))
                .esmm(v.bool(ESMM, d.esmm))
                .contentDim(v.integer(CONTENT_DIM, d.contentDim))
                .learningRate(v.decimal(LEARNING_RATE, d.learningRate))
                .embeddingLearningRate(v.decimal(EMBEDDING_LEARNING_RATE, d.embeddingLearningRate))
                .weightDecay(v.decimal(WEIGHT_DECAY, d.weightDecay))
                .initStd(v.decimal(INIT_STD, d.initStd))
                .seed(v.longInteger(SEED, d.seed))
                .users(users)
                .titles(titles)
                .loss(RetrievalLoss.parse(LOSS, v.string(LOSS, d.loss.id())))
                .logQExponent(v.decimal(LOGQ_EXPONENT, d.logQExponent))
                .temperature(v.decimal(TEMPERATURE, d.temperature))
                .frequencyHalfLife(v.longInteger(FREQUENCY_HALF_LIFE, d.frequencyHalfLife))
                .titlePriors(v.bool(TITLE_PRIORS, d.titlePriors))
                .priorLearningRate(v.decimal(PRIOR_LEARNING_RATE, d.priorLearningRate))
                .popularityPrior(v.bool(POPULARITY_PRIOR, d.popularityPrior))
                .popularityHalfLifeMs(
                        v.longInteger(POPULARITY_HALF_LIFE_MS, d.popularityHalfLifeMs))
                .userHistory(v.integer(USER_HISTORY, d.userHistory))
                .userRow(v.bool(USER_ROW, d.userRow))
                .exposureHead(v.bool(EXPOSURE_HEAD, d.exposureHead))
                .exposureLearningRate(v.decimal(EXPOSURE_LEARNING_RATE, d.exposureLearningRate))
                .exposureDenseLearningRate(
                        v.decimal(EXPOSURE_DENSE_LEARNING_RATE, d.exposureDenseLearningRate))
                .exposureHidden(v.integers(EXPOSURE_HIDDEN, d.exposureHidden))
                .build();
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be >= 1, was " + value);
        }
    }

    private static void allPositive(String key, int[] values) {
        for (int v : values) {
            if (v < 1) {
                throw new IllegalArgumentException(
                        key + " must list widths >= 1, was " + join(values));
            }
        }
    }

    private static String join(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec other && toProperties().equals(other.toProperties());
    }

    @Override
    public int hashCode() {
        return toProperties().hashCode();
    }

    @Override
    public String toString() {
        return "ModelSpec" + new java.util.TreeMap<>(toProperties());
    }

    /**
     * Builds a spec from typed values; starts from the defaults (or from a spec), and {@link
     * #build} validates like the constructor.
     */
    public static final class Builder {
        private ModelKind kind;
        private int embeddingDim = 64;
        private int[] towerHidden = new int[] {64};
        private int outputDim = 64;
        private int territoryGroups = 4;
        private int activityGroups = ActivityGroup.values().length;
        private int[] headHidden = new int[] {};
        private int experts = 4;
        private int groupExperts = 1;
        private int levels = 1;
        private boolean biasnet = false;
        private boolean heads = false;
        private boolean esmm = false;
        private int contentDim = 0;
        private float learningRate = 3e-4f;
        private float embeddingLearningRate = 3e-4f;
        private float weightDecay = 0f;
        private float initStd = 0.1f;
        private long seed = 42L;
        private IdMapConfig users = IdMapConfig.unbounded();
        private IdMapConfig titles = IdMapConfig.unbounded();
        private RetrievalLoss loss = RetrievalLoss.SOFTMAX_LOGQ;
        private float logQExponent = 0.75f;
        private float temperature = 1f;
        private long frequencyHalfLife = 2_000L;
        private boolean titlePriors = false;
        private float priorLearningRate = 0.01f;
        private boolean popularityPrior = true;
        private long popularityHalfLifeMs = 90L * 24 * 3600 * 1000;
        private int userHistory = 0;
        private boolean userRow = true;
        private boolean exposureHead = false;
        private float exposureLearningRate = 0.02f;
        private float exposureDenseLearningRate = 3e-3f;
        private int[] exposureHidden = new int[] {};

        private Builder(ModelKind kind) {
            this.kind = java.util.Objects.requireNonNull(kind, KIND);
        }

        private Builder(ModelSpec s) {
            kind = s.kind;
            embeddingDim = s.embeddingDim;
            towerHidden = s.towerHidden;
            outputDim = s.outputDim;
            territoryGroups = s.territoryGroups;
            activityGroups = s.activityGroups;
            headHidden = s.headHidden;
            experts = s.experts;
            groupExperts = s.groupExperts;
            levels = s.levels;
            biasnet = s.biasnet;
            heads = s.heads;
            esmm = s.esmm;
            contentDim = s.contentDim;
            learningRate = s.learningRate;
            embeddingLearningRate = s.embeddingLearningRate;
            weightDecay = s.weightDecay;
            initStd = s.initStd;
            seed = s.seed;
            users = s.users;
            titles = s.titles;
            loss = s.loss;
            logQExponent = s.logQExponent;
            temperature = s.temperature;
            frequencyHalfLife = s.frequencyHalfLife;
            titlePriors = s.titlePriors;
            priorLearningRate = s.priorLearningRate;
            popularityPrior = s.popularityPrior;
            popularityHalfLifeMs = s.popularityHalfLifeMs;
            userHistory = s.userHistory;
            userRow = s.userRow;
            exposureHead = s.exposureHead;
            exposureLearningRate = s.exposureLearningRate;
            exposureDenseLearningRate = s.exposureDenseLearningRate;
            exposureHidden = s.exposureHidden;
        }

        public Builder kind(ModelKind v) {
            kind = v;
            return this;
        }

        public Builder embeddingDim(int v) {
            embeddingDim = v;
            return this;
        }

        public Builder towerHidden(int[] v) {
            towerHidden = v.clone();
            return this;
        }

        public Builder outputDim(int v) {
            outputDim = v;
            return this;
        }

        public Builder territoryGroups(int v) {
            territoryGroups = v;
            return this;
        }

        public Builder activityGroups(int v) {
            activityGroups = v;
            return this;
        }

        public Builder headHidden(int[] v) {
            headHidden = v.clone();
            return this;
        }

        public Builder experts(int v) {
            experts = v;
            return this;
        }

        public Builder groupExperts(int v) {
            groupExperts = v;
            return this;
        }

        public Builder levels(int v) {
            levels = v;
            return this;
        }

        public Builder biasnet(boolean v) {
            biasnet = v;
            return this;
        }

        public Builder heads(boolean v) {
            heads = v;
            return this;
        }

        public Builder esmm(boolean v) {
            esmm = v;
            return this;
        }

        public Builder contentDim(int v) {
            contentDim = v;
            return this;
        }

        public Builder learningRate(float v) {
            learningRate = v;
            return this;
        }

        public Builder embeddingLearningRate(float v) {
            embeddingLearningRate = v;
            return this;
        }

        public Builder weightDecay(float v) {
            weightDecay = v;
            return this;
        }

        public Builder initStd(float v) {
            initStd = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder users(IdMapConfig v) {
            users = v;
            return this;
        }

        public Builder titles(IdMapConfig v) {
            titles = v;
            return this;
        }

        public Builder loss(RetrievalLoss v) {
            loss = v;
            return this;
        }

        public Builder logQExponent(float v) {
            logQExponent = v;
            return this;
        }

        public Builder temperature(float v) {
            temperature = v;
            return this;
        }

        public Builder frequencyHalfLife(long v) {
            frequencyHalfLife = v;
            return this;
        }

        public Builder titlePriors(boolean v) {
            titlePriors = v;
            return this;
        }

        public Builder priorLearningRate(float v) {
            priorLearningRate = v;
            return this;
        }

        public Builder popularityPrior(boolean v) {
            popularityPrior = v;
            return this;
        }

        public Builder popularityHalfLifeMs(long v) {
            popularityHalfLifeMs = v;
            return this;
        }

        public Builder userHistory(int v) {
            userHistory = v;
            return this;
        }

        public Builder userRow(boolean v) {
            userRow = v;
            return this;
        }

        public Builder exposureHead(boolean v) {
            exposureHead = v;
            return this;
        }

        public Builder exposureLearningRate(float v) {
            exposureLearningRate = v;
            return this;
        }

        public Builder exposureDenseLearningRate(float v) {
            exposureDenseLearningRate = v;
            return this;
        }

        public Builder exposureHidden(int[] v) {
            exposureHidden = v.clone();
            return this;
        }

        public ModelSpec build() {
            return new ModelSpec(
                    kind,
                    embeddingDim,
                    towerHidden,
                    outputDim,
                    territoryGroups,
                    activityGroups,
                    headHidden,
                    experts,
                    groupExperts,
                    levels,
                    biasnet,
                    heads,
                    esmm,
                    contentDim,
                    learningRate,
                    embeddingLearningRate,
                    weightDecay,
                    initStd,
                    seed,
                    users,
                    titles,
                    loss,
                    logQExponent,
                    temperature,
                    frequencyHalfLife,
                    titlePriors,
                    priorLearningRate,
                    popularityPrior,
                    popularityHalfLifeMs,
                    userHistory,
                    userRow,
                    exposureHead,
                    exposureLearningRate,
                    exposureDenseLearningRate,
                    exposureHidden);
        }
    }
}
