package glocal.model.tall;

import glocal.model.config.KeyValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of TALL's loss-driven mixture of MultVAE experts (arXiv 2404.08887 over Liang et al.
 * 2018). Built from typed values through {@link Builder} ({@link #builder()}, {@link
 * #toBuilder()}), which holds the one set of defaults; {@link #with(String...)} and {@link
 * #with(Map)} read the text form (a command line's {@code --tall key=value}) through {@link
 * KeyValues} into the same builder. Validated on construction; every error names the key of the bad
 * field.
 *
 * @param experts number of MultVAE experts E
 * @param latent width of each expert's latent code (μ and log σ²)
 * @param hidden width of the tanh hidden layer of encoder and decoder
 * @param temperature τ of the gate softmax(−loss/τ); at 1 the gate is the posterior over experts of
 *     the user's history under a uniform prior (the loss is a negative log-likelihood)
 * @param betaMax cap of the KL weight β
 * @param annealSteps steps over which β rises linearly from 0 to {@code betaMax} (0 = β fixed at
 *     the cap)
 * @param dropout share of the input history dropped per training step (the denoising of MultVAE)
 * @param learningRate Adam learning rate
 * @param epochs passes over all users' histories
 * @param warmupEpochs first epochs in which each expert trains only on its own user subset (the
 *     caller's initial assignment, e.g. territory group or a seeded random split) before the
 *     loss-driven gate takes over; gives the experts different starting points
 * @param batchUsers users per mini-batch; the dense input of a batch is batchUsers × titles floats
 * @param seed seed of initialisation, dropout, sampling noise and user order
 */
public record TallConfig(
        int experts,
        int latent,
        int hidden,
        float temperature,
        float betaMax,
        int annealSteps,
        float dropout,
        float learningRate,
        int epochs,
        int warmupEpochs,
        int batchUsers,
        long seed) {

    public static final String EXPERTS = "tall.experts";
    public static final String LATENT = "tall.latent";
    public static final String HIDDEN = "tall.hidden";
    public static final String TEMPERATURE = "tall.temperature";
    public static final String BETA_MAX = "tall.beta.max";
    public static final String ANNEAL_STEPS = "tall.beta.anneal.steps";
    public static final String DROPOUT = "tall.dropout";
    public static final String LEARNING_RATE = "tall.learning.rate";
    public static final String EPOCHS = "tall.epochs";
    public static final String WARMUP_EPOCHS = "tall.warmup.epochs";
    public static final String BATCH_USERS = "tall.batch.users";
    public static final String SEED = "tall.seed";

    private static final List<String> KEYS = List.copyOf(defaults().asMap().keySet());

    public TallConfig {
        atLeast(EXPERTS, experts, 1);
        atLeast(LATENT, latent, 1);
        atLeast(HIDDEN, hidden, 1);
        if (!(temperature > 0) || !Float.isFinite(temperature)) {
            throw new IllegalArgumentException(
                    TEMPERATURE + " must be a finite number > 0, was " + temperature);
        }
        if (!(betaMax >= 0) || !Float.isFinite(betaMax)) {
            throw new IllegalArgumentException(
                    BETA_MAX + " must be a finite number >= 0, was " + betaMax);
        }
        atLeast(ANNEAL_STEPS, annealSteps, 0);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(DROPOUT + " must be in [0, 1), was " + dropout);
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException(
                    LEARNING_RATE + " must be a finite number > 0, was " + learningRate);
        }
        atLeast(EPOCHS, epochs, 1);
        atLeast(WARMUP_EPOCHS, warmupEpochs, 0);
        if (warmupEpochs > epochs) {
            throw new IllegalArgumentException(
                    WARMUP_EPOCHS
                            + " ("
                            + warmupEpochs
                            + ") must not exceed "
                            + EPOCHS
                            + " ("
                            + epochs
                            + "): lower "
                            + WARMUP_EPOCHS
                            + " or raise "
                            + EPOCHS);
        }
        atLeast(BATCH_USERS, batchUsers, 1);
    }

    /**
     * Four experts, Liang et al.'s β cap 0.2 and input dropout 0.5, a smaller network than their
     * 600-200 (the evaluation runs on a 2-core CPU), τ = 1: {@link Builder}'s starting values, the
     * only place they are written.
     */
    public static TallConfig defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy with another {@link #seed}. */
    public TallConfig withSeed(long s) {
        return toBuilder().seed(s).build();
    }

    /**
     * A copy with some keys changed, given as text: {@code with(TallConfig.EXPERTS, "2",
     * TallConfig.EPOCHS, "5")}.
     */
    public TallConfig with(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "tall config: give keys and values in pairs, got "
                            + keyValues.length
                            + " strings");
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            given.put(keyValues[i], keyValues[i + 1]);
        }
        return with(given);
    }

    /** A copy with the keys of {@code given} changed, values as text (e.g. {@code --tall}). */
    public TallConfig with(Map<String, String> given) {
        for (String key : given.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(
                        "unknown tall config key '" + key + "'; use one of " + KEYS);
            }
        }
        KeyValues v = KeyValues.of(given);
        return toBuilder()
                .experts(v.integer(EXPERTS, experts))
                .latent(v.integer(LATENT, latent))
                .hidden(v.integer(HIDDEN, hidden))
                .temperature(v.decimal(TEMPERATURE, temperature))
                .betaMax(v.decimal(BETA_MAX, betaMax))
                .annealSteps(v.integer(ANNEAL_STEPS, annealSteps))
                .dropout(v.decimal(DROPOUT, dropout))
                .learningRate(v.decimal(LEARNING_RATE, learningRate))
                .epochs(v.integer(EPOCHS, epochs))
                .warmupEpochs(v.integer(WARMUP_EPOCHS, warmupEpochs))
                .batchUsers(v.integer(BATCH_USERS, batchUsers))
                .seed(v.longInteger(SEED, seed))
                .build();
    }

    /** Every key with its value, in declaration order (provenance for reports). */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(EXPERTS, Integer.toString(experts));
        m.put(LATENT, Integer.toString(latent));
        m.put(HIDDEN, Integer.toString(hidden));
        m.put(TEMPERATURE, Float.toString(temperature));
        m.put(BETA_MAX, Float.toString(betaMax));
        m.put(ANNEAL_STEPS, Integer.toString(annealSteps));
        m.put(DROPOUT, Float.toString(dropout));
        m.put(LEARNING_RATE, Float.toString(learningRate));
        m.put(EPOCHS, Integer.toString(epochs));
        m.put(WARMUP_EPOCHS, Integer.toString(warmupEpochs));
        m.put(BATCH_USERS, Integer.toString(batchUsers));
        m.put(SEED, Long.toString(seed));
        return m;
    }

    /** The KL weight after {@code step} training steps. */
    public float beta(long step) {
        return annealSteps == 0
                ? betaMax
                : (float) (betaMax * Math.min(1.0, step / (double) annealSteps));
    }

    private static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be >= " + min + ", was " + value);
        }
    }

    /**
     * Builds a config from typed values; starts from the defaults (or from a config), and {@link
     * #build} validates like the constructor.
     */
    public static final class Builder {
        private int experts = 4;
        private int latent = 32;
        private int hidden = 128;
        private float temperature = 1f;
        private float betaMax = 0.2f;
        private int annealSteps = 1_000;
        private float dropout = 0.5f;
        private float learningRate = 1e-3f;
        private int epochs = 20;
        private int warmupEpochs = 2;
        private int batchUsers = 256;
        private long seed = 1L;

        private Builder() {}

        private Builder(TallConfig c) {
            experts = c.experts;
            latent = c.latent;
            hidden = c.hidden;
            temperature = c.temperature;
            betaMax = c.betaMax;
            annealSteps = c.annealSteps;
            dropout = c.dropout;
            learningRate = c.learningRate;
            epochs = c.epochs;
            warmupEpochs = c.warmupEpochs;
            batchUsers = c.batchUsers;
            seed = c.seed;
        }

        public Builder experts(int v) {
            experts = v;
            return this;
        }

        public Builder latent(int v) {
            latent = v;
            return this;
        }

        public Builder hidden(int v) {
            hidden = v;
            return this;
        }

        public Builder temperature(float v) {
            temperature = v;
            return this;
        }

        public Builder betaMax(float v) {
            betaMax = v;
            return this;
        }

        public Builder annealSteps(int v) {
            annealSteps = v;
            return this;
        }

        public Builder dropout(float v) {
            dropout = v;
            return this;
        }

        public Builder learningRate(float v) {
            learningRate = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder warmupEpochs(int v) {
            warmupEpochs = v;
            return this;
        }

        public Builder batchUsers(int v) {
            batchUsers = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public TallConfig build() {
            return new TallConfig(
                    experts,
                    latent,
                    hidden,
                    temperature,
                    betaMax,
                    annealSteps,
                    dropout,
                    learningRate,
                    epochs,
                    warmupEpochs,
                    batchUsers,
                    seed);
        }
    }
}
