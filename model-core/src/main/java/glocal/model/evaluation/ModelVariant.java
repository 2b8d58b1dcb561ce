package glocal.model.evaluation;

import glocal.model.train.ModelKind;
import glocal.model.train.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A model the evaluation compares: its name in reports, its spec, whether adaptive user weights
 * (TALL) fill the batch weights column, and the user sampling of its training rows (null: every
 * row). Names: every {@link ModelKind} id, {@code baseline-wide} (baseline whose towers are wide
 * enough to hold as many dense parameters as mtl's group blocks add: a capacity-matched baseline),
 * {@code biasnet} (mtl + bias tower), {@code adaptive} (mtl + adaptive user weights), {@code
 * mtl-sampled} (mtl on the stream's random half of users) and {@code mtl-upsampled} (mtl on that
 * half plus half of the other active users: active-user upsampling) and {@code tall} (TALL's
 * loss-driven mixture of MultVAE experts, trained offline on the training period's histories; its
 * spec is unused) and {@code tall-adaptive} (that mixture trained with TALL's adaptive user
 * weights, one loss window per epoch, as in the paper).
 *
 * <p>{@code coPlayDim} &gt; 0 (the evaluation key {@value #CO_PLAY}{@code =D}): the title tower's
 * content features are the titles' {@link CoPlayEmbedding} of dimension D, computed from the
 * training batches of the split being evaluated ({@code model.content.dim} is set to D).
 */
public record ModelVariant(
        String name,
        ModelSpec spec,
        boolean adaptiveWeights,
        UserSampling sampling,
        int coPlayDim,
        boolean coPlayInit) {

    /** Evaluation key (not a {@link ModelSpec} key): co-play title content of this dimension. */
    public static final String CO_PLAY = "title.coplay";

    public ModelVariant(
            String name, ModelSpec spec, boolean adaptiveWeights, UserSampling sampling) {
        this(name, spec, adaptiveWeights, sampling, 0, false);
    }

    /**
     * Evaluation key (not a {@link ModelSpec} key): {@code true} starts every co-played title's
     * embedding row from its {@link CoPlayEmbedding} of dimension {@code model.embedding.dim},
     * scaled to the random initialisation's size ({@code train.init.std} per coordinate), instead
     * of random values; the rows then train as usual (and feed {@code model.user.history}).
     */
    public static final String CO_PLAY_INIT = "title.coplay.init";

    /**
     * Name of the diagnostic item-item recommender on the co-play vectors alone ({@link CoPlayKnn};
     * dimension {@value #CO_PLAY}, 32 unless given).
     */
    public static final String CO_PLAY_KNN = "coplay-knn";

    /** Name of TALL's mixture of MultVAE experts. */
    public static final String TALL = "tall";

    /** TALL's mixture trained with its adaptive user weights. */
    public static final String TALL_ADAPTIVE = "tall-adaptive";

    /**
     * Tower width of {@code baseline-wide}: 128 instead of 64 adds about as many parameters as
     * mtl's 4 group blocks.
     */
    static final String WIDE_TOWER_HIDDEN = "128";

    /** Every accepted name, in report order. */
    public static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (ModelKind k : ModelKind.values()) {
            names.add(k.id());
        }
        names.add(names.indexOf(ModelKind.BASELINE.id()) + 1, "baseline-wide");
        names.add("biasnet");
        names.add("adaptive");
        names.add("mtl-sampled");
        names.add("mtl-upsampled");
        names.add(TALL);
        names.add(TALL_ADAPTIVE);
        names.add(CO_PLAY_KNN);
        NAMES = List.copyOf(names);
    }

    /**
     * The variant called {@code name} for {@code territoryGroups} groups; fails listing the names.
     * A name may carry {@link ModelSpec} keys after colons, {@code
     * mtl:train.loss=bce-logq:model.biasnet=true}, which override that variant's spec (the whole
     * text names it in the reports).
     */
    public static ModelVariant parse(String name, int territoryGroups, long seed) {
        String[] parts = name.trim().split(":");
        ModelVariant plain = parsePlain(parts[0], territoryGroups, seed);
        if (parts.length == 1) {
            return plain.name().equals(CO_PLAY_KNN)
                    ? new ModelVariant(plain.name(), plain.spec(), false, null, 32, false)
                    : plain;
        }
        ModelSpec spec = plain.spec();
        int coPlay = 0;
        boolean coPlayInit = false;
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "--models: '"
                                + parts[i]
                                + "' in '"
                                + name
                                + "' is not key=value (e.g. mtl:train.loss=bce-logq)");
            }
            String key = parts[i].substring(0, eq).trim();
            if (key.equals(CO_PLAY_INIT)) {
                String v = parts[i].substring(eq + 1).trim();
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException(
                            "--models: "
                                    + CO_PLAY_INIT
                                    + " in '"
                                    + name
                                    + "' must be true or false");
                }
                coPlayInit = v.equals("true");
                continue;
            }
            if (key.equals(CO_PLAY)) {
                coPlay = coPlayDim(parts[i].substring(eq + 1).trim(), name);
                spec = spec.with(ModelSpec.CONTENT_DIM, Integer.toString(coPlay));
                continue;
            }
            if (!spec.toProperties().containsKey(key)) {
                throw new IllegalArgumentException(
                        "--models: unknown model key '"
                                + key
                                + "' in '"
                                + name
                                + "'; keys: "
                                + new java.util.TreeSet<>(
                                        spec.toProperties().stringPropertyNames()));
            }
            spec = spec.with(key, parts[i].substring(eq + 1).trim());
        }
        if (coPlay > 0 && spec.contentDim() != coPlay) {
            throw new IllegalArgumentException(
                    "--models: '"
                            + name
                            + "' sets "
                            + ModelSpec.CONTENT_DIM
                            + " and "
                            + CO_PLAY
                            + " differently; "
                            + CO_PLAY
                            + " sets the content width itself");
        }
        if (plain.name().equals(CO_PLAY_KNN) && coPlay == 0) {
            coPlay = 32;
        }
        return new ModelVariant(
                name.trim(), spec, plain.adaptiveWeights(), plain.sampling(), coPlay, coPlayInit);
    }

    private static int coPlayDim(String value, String name) {
        int d;
        try {
            d = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            d = -1;
        }
        if (d < 1 || d > 256) {
            throw new IllegalArgumentException(
                    "--models: " + CO_PLAY + " in '" + name + "' must be in 1..256, was " + value);
        }
        return d;
    }

    private static ModelVariant parsePlain(String name, int territoryGroups, long seed) {
        String n = name.trim();
        ModelSpec base =
                ModelSpec.defaults(ModelKind.MTL)
                        .with(
                                ModelSpec.TERRITORY_GROUPS,
                                Integer.toString(territoryGroups),
                                ModelSpec.SEED,
                                Long.toString(seed));
        return switch (n) {
            case "baseline-wide" ->
                    new ModelVariant(
                            n,
                            base.withKind(ModelKind.BASELINE)
                                    .with(ModelSpec.TOWER_HIDDEN, WIDE_TOWER_HIDDEN),
                            false,
                            null);
            case "biasnet" ->
                    new ModelVariant(n, base.with(ModelSpec.BIASNET, "true"), false, null);
            case "adaptive" -> new ModelVariant(n, base, true, null);
            case "mtl-sampled" ->
                    new ModelVariant(n, base, false, UserSampling.streamDefaults(false, seed));
            case "mtl-upsampled" ->
                    new ModelVariant(n, base, false, UserSampling.streamDefaults(true, seed));
            case TALL, CO_PLAY_KNN -> new ModelVariant(n, base, false, null);
            case TALL_ADAPTIVE -> new ModelVariant(n, base, true, null);
            default -> {
                if (!NAMES.contains(n)) {
                    throw new IllegalArgumentException(
                            "--models: unknown model '" + n + "'; use any of " + NAMES);
                }
                yield new ModelVariant(
                        n, base.withKind(ModelKind.parse("--models", n)), false, null);
            }
        };
    }

    /** Whether this is the diagnostic {@value #CO_PLAY_KNN} recommender (no online model). */
    public boolean coPlayKnn() {
        return name.equals(CO_PLAY_KNN) || name.startsWith(CO_PLAY_KNN + ":");
    }

    /** Whether this is TALL's mixture of MultVAE experts rather than an online two-tower model. */
    public boolean tallExperts() {
        return TALL.equals(name) || TALL_ADAPTIVE.equals(name);
    }
}
