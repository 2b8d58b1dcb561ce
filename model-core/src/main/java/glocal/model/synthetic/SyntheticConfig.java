package glocal.model.synthetic;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * Everything that shapes a {@link SyntheticWorld}. Validated on construction; an error names the
 * key ({@code synthetic.<field>}), the bad value and the allowed range.
 *
 * <p>Start from a preset ({@link #defaults()}, {@link #balanced()}, {@link #strongLocalTaste()},
 * {@link #tinyTerritory()}, {@link #manyNiche()}) and change single fields with {@link
 * #toBuilder()}.
 *
 * @param users number of users
 * @param globalTitles titles popular everywhere, with Zipf popularity
 * @param regionalTitlesPerRegion titles popular within one region (their origin territory's)
 * @param localTitlesPerTerritory titles popular within their origin territory only
 * @param territories how many territories of {@link TerritoryCatalogue#ALL} to use, largest first
 * @param territorySizeExponent user homes are drawn ∝ relativeSize^exponent; above 1 the major
 *     territories dominate more and minor ones shrink
 * @param dimension dimension of the latent taste vectors of users and titles
 * @param zipfExponent exponent of the Zipf popularity of titles within each catalogue
 * @param meanLocalTaste mean of the per-user local-taste share (logit-normal around it): how much a
 *     user prefers titles of the home territory/region over global ones
 * @param nicheUserShare share of users whose taste sits in the long tail
 * @param activityParetoAlpha tail index of the Pareto user activity; smaller = heavier tail; must
 *     be above 1 so the mean activity is finite
 * @param localCandidateShare share of impressions the (popularity-biased) recommender draws from
 *     the home territory's local catalogue rather than from the global one
 * @param explorationShare share of impressions drawn uniformly (not by popularity) for mainstream
 *     users
 * @param nicheExplorationShare the same for niche users, who dig into the catalogue more
 * @param crossBorderShare share of impressions showing another territory's local title
 * @param localBoost logit boost of a home-territory title for a user with local taste 1
 * @param nicheBoost logit boost of a long-tail title (popularity percentile 1) for a niche user
 * @param headBoost logit boost of a head title (percentile 0) for a mainstream user
 * @param tasteScale logit weight of the latent dot product (user vector · title vector)
 * @param affinityBias logit intercept; sets the overall play rate
 * @param startTimeMs event time of the first event, epoch millis
 * @param meanEventGapMs roughly the mean gap between consecutive events (every gap is at least 1
 *     ms, so event times strictly increase)
 */
public record SyntheticConfig(
        int users,
        int globalTitles,
        int regionalTitlesPerRegion,
        int localTitlesPerTerritory,
        int territories,
        double territorySizeExponent,
        int dimension,
        double zipfExponent,
        double meanLocalTaste,
        double nicheUserShare,
        double activityParetoAlpha,
        double localCandidateShare,
        double explorationShare,
        double nicheExplorationShare,
        double crossBorderShare,
        double localBoost,
        double nicheBoost,
        double headBoost,
        double tasteScale,
        double affinityBias,
        long startTimeMs,
        long meanEventGapMs) {

    /** 2026-01-01T00:00:00Z. */
    public static final long DEFAULT_START_TIME_MS =
            Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    public SyntheticConfig {
        atLeast("users", users, 1);
        atLeast("globalTitles", globalTitles, 1);
        atLeast("regionalTitlesPerRegion", regionalTitlesPerRegion, 0);
        atLeast("localTitlesPerTerritory", localTitlesPerTerritory, 0);
        if (territories < 1 || territories > TerritoryCatalogue.ALL.size()) {
            throw bad(
                    "territories",
                    territories,
                    "must be in [1, " + TerritoryCatalogue.ALL.size() + "] (the catalogue size)");
        }
        inRange("territorySizeExponent", territorySizeExponent, 0, 5);
        if (dimension < 2 || dimension > 512) {
            throw bad("dimension", dimension, "must be in [2, 512]");
        }
        inRange("zipfExponent", zipfExponent, 0, 4);
        inRange("meanLocalTaste", meanLocalTaste, 0.01, 0.99);
        inRange("nicheUserShare", nicheUserShare, 0, 1);
        if (!(activityParetoAlpha > 1.0 && activityParetoAlpha <= 10)) {
            throw bad(
                    "activityParetoAlpha",
                    activityParetoAlpha,
                    "must be in (1, 10]: at 1 or below the mean activity is infinite");
        }
        inRange("localCandidateShare", localCandidateShare, 0, 1);
        inRange("explorationShare", explorationShare, 0, 1);
        inRange("nicheExplorationShare", nicheExplorationShare, 0, 1);
        inRange("crossBorderShare", crossBorderShare, 0, 1);
        inRange("localBoost", localBoost, 0, 20);
        inRange("nicheBoost", nicheBoost, 0, 20);
        inRange("headBoost", headBoost, 0, 20);
        inRange("tasteScale", tasteScale, 0, 20);
        inRange("affinityBias", affinityBias, -20, 20);
        atLeast("startTimeMs", startTimeMs, 0);
        atLeast("meanEventGapMs", meanEventGapMs, 1);
        if (localCandidateShare > 0
                && localTitlesPerTerritory == 0
                && regionalTitlesPerRegion == 0) {
            throw bad(
                    "localCandidateShare",
                    localCandidateShare,
                    "must be 0 when there are no local titles (localTitlesPerTerritory = "
                            + "regionalTitlesPerRegion = 0); raise one of those or set it to 0");
        }
        if (crossBorderShare > 0 && localTitlesPerTerritory == 0) {
            throw bad(
                    "crossBorderShare",
                    crossBorderShare,
                    "must be 0 when localTitlesPerTerritory = 0 (there is no foreign local title to show)");
        }
    }

    /**
     * The realistic default mix: 100,000 users in 33 territories, 4,000 global titles, 100 regional
     * titles per region and 60 local titles per territory; a third of users' taste local, 10% niche
     * users, Pareto(1.4) activity (top 10% of users make about half the events), a recommender that
     * draws 75% of impressions from global popularity.
     */
    public static SyntheticConfig defaults() {
        return new SyntheticConfig(
                100_000,
                4_000,
                100,
                60,
                TerritoryCatalogue.ALL.size(),
                1.0,
                16,
                1.0,
                0.35,
                0.10,
                1.4,
                0.25,
                0.05,
                0.30,
                0.02,
                2.5,
                2.0,
                1.0,
                3.0,
                -2.0,
                DEFAULT_START_TIME_MS,
                20);
    }

    /**
     * Global and local taste weigh about the same (mean local taste 0.5) and the recommender shows
     * local titles in proportion (35% of impressions); the control scenario where a global model
     * should already do fairly well.
     */
    public static SyntheticConfig balanced() {
        return defaults().toBuilder().meanLocalTaste(0.5).localCandidateShare(0.35).build();
    }

    /**
     * Users strongly prefer titles from home (mean local taste 0.75, larger local boost) while the
     * recommender still draws 80% of impressions from global popularity: local titles are
     * under-exposed, the case multi-territory models are meant to fix.
     */
    public static SyntheticConfig strongLocalTaste() {
        return defaults().toBuilder()
                .meanLocalTaste(0.75)
                .localBoost(3.5)
                .localCandidateShare(0.20)
                .build();
    }

    /**
     * Territory sizes sharpened (exponent 1.8): the majors dominate even more and the smallest
     * territories (IS, MT, LU, EE) keep only a handful of users, whose taste is strongly local
     * (mean 0.6). Tests whether minor territories are still served.
     */
    public static SyntheticConfig tinyTerritory() {
        return defaults().toBuilder().territorySizeExponent(1.8).meanLocalTaste(0.6).build();
    }

    /**
     * 40% niche users with a stronger long-tail preference, and a more popularity-biased
     * recommender (Zipf 1.2): the scenario for adaptive user weighting (lifting niche users).
     */
    public static SyntheticConfig manyNiche() {
        return defaults().toBuilder()
                .nicheUserShare(0.40)
                .nicheBoost(2.5)
                .zipfExponent(1.2)
                .build();
    }

    /** Preset names accepted by {@link #preset(String)}. */
    public static final List<String> PRESETS =
            List.of("defaults", "balanced", "strongLocalTaste", "tinyTerritory", "manyNiche");

    /** The preset with this name (see {@link #PRESETS}); fails listing the names. */
    public static SyntheticConfig preset(String name) {
        return switch (name) {
            case "defaults" -> defaults();
            case "balanced" -> balanced();
            case "strongLocalTaste" -> strongLocalTaste();
            case "tinyTerritory" -> tinyTerritory();
            case "manyNiche" -> manyNiche();
            default ->
                    throw new IllegalArgumentException(
                            "synthetic.preset = "
                                    + name
                                    + ": unknown preset; use one of "
                                    + PRESETS);
        };
    }

    /**
     * This config with every {@code synthetic.<field>} key found in {@code properties} applied
     * (e.g. {@code synthetic.users=50000}); fails naming a key whose value does not parse or is out
     * of range, and any unknown {@code synthetic.*} key.
     */
    public SyntheticConfig with(Properties properties) {
        Builder b = toBuilder();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("synthetic.") || key.equals("synthetic.preset")) {
                continue;
            }
            String field = key.substring("synthetic.".length());
            String value = properties.getProperty(key).trim();
            BiConsumer<Builder, String> setter = SETTERS.get(field);
            if (setter == null) {
                throw new IllegalArgumentException(
                        key
                                + " is not a synthetic config key; known: "
                                + SETTERS.keySet().stream()
                                        .map(k -> "synthetic." + k)
                                        .sorted()
                                        .toList());
            }
            try {
                setter.accept(b, value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        key + " = " + value + ": not a number; change " + key, e);
            }
        }
        return b.build();
    }

    private static final Map<String, BiConsumer<Builder, String>> SETTERS =
            Map.ofEntries(
                    Map.entry("users", (b, v) -> b.users(Integer.parseInt(v))),
                    Map.entry("globalTitles", (b, v) -> b.globalTitles(Integer.parseInt(v))),
                    Map.entry(
                            "regionalTitlesPerRegion",
                            (b, v) -> b.regionalTitlesPerRegion(Integer.parseInt(v))),
                    Map.entry(
                            "localTitlesPerTerritory",
                            (b, v) -> b.localTitlesPerTerritory(Integer.parseInt(v))),
                    Map.entry("territories", (b, v) -> b.territories(Integer.parseInt(v))),
                    Map.entry(
                            "territorySizeExponent",
                            (b, v) -> b.territorySizeExponent(Double.parseDouble(v))),
                    Map.entry("dimension", (b, v) -> b.dimension(Integer.parseInt(v))),
                    Map.entry("zipfExponent", (b, v) -> b.zipfExponent(Double.parseDouble(v))),
                    Map.entry("meanLocalTaste", (b, v) -> b.meanLocalTaste(Double.parseDouble(v))),
                    Map.entry("nicheUserShare", (b, v) -> b.nicheUserShare(Double.parseDouble(v))),
                    Map.entry(
                            "activityParetoAlpha",
                            (b, v) -> b.activityParetoAlpha(Double.parseDouble(v))),
                    Map.entry(
                            "localCandidateShare",
                            (b, v) -> b.localCandidateShare(Double.parseDouble(v))),
                    Map.entry(
                            "explorationShare",
                            (b, v) -> b.explorationShare(Double.parseDouble(v))),
                    Map.entry(
                            "nicheExplorationShare",
                            (b, v) -> b.nicheExplorationShare(Double.parseDouble(v))),
                    Map.entry(
                            "crossBorderShare",
                            (b, v) -> b.crossBorderShare(Double.parseDouble(v))),
                    Map.entry("localBoost", (b, v) -> b.localBoost(Double.parseDouble(v))),
                    Map.entry("nicheBoost", (b, v) -> b.nicheBoost(Double.parseDouble(v))),
                    Map.entry("headBoost", (b, v) -> b.headBoost(Double.parseDouble(v))),
                    Map.entry("tasteScale", (b, v) -> b.tasteScale(Double.parseDouble(v))),
                    Map.entry("affinityBias", (b, v) -> b.affinityBias(Double.parseDouble(v))),
                    Map.entry("startTimeMs", (b, v) -> b.startTimeMs(Long.parseLong(v))),
                    Map.entry("meanEventGapMs", (b, v) -> b.meanEventGapMs(Long.parseLong(v))));

    /** Every title in the world: global + regional + local. */
    public int totalTitles() {
        return globalTitles
                + regionalTitlesPerRegion * regionsInUse()
                + localTitlesPerTerritory * territories;
    }

    /** Number of distinct regions among the territories in use. */
    public int regionsInUse() {
        return (int)
                TerritoryCatalogue.ALL.subList(0, territories).stream()
                        .map(Territory::region)
                        .distinct()
                        .count();
    }

    /** A builder preset to this config's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static IllegalArgumentException bad(String key, Object value, String rule) {
        return new IllegalArgumentException(
                "synthetic." + key + " = " + value + ": " + rule + "; change synthetic." + key);
    }

    private static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw bad(key, value, "must be >= " + min);
        }
    }

    private static void inRange(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw bad(key, value, "must be in [" + min + ", " + max + "]");
        }
    }

    /** Changes single fields of a config; {@link #build()} validates. */
    public static final class Builder {
        private int users;
        private int globalTitles;
        private int regionalTitlesPerRegion;
        private int localTitlesPerTerritory;
        private int territories;
        private double territorySizeExponent;
        private int dimension;
        private double zipfExponent;
        private double meanLocalTaste;
        private double nicheUserShare;
        private double activityParetoAlpha;
        private double localCandidateShare;
        private double explorationShare;
        private double nicheExplorationShare;
        private double crossBorderShare;
        private double localBoost;
        private double nicheBoost;
        private double headBoost;
        private double tasteScale;
        private double affinityBias;
        private long startTimeMs;
        private long meanEventGapMs;

        private Builder(SyntheticConfig c) {
            users = c.users;
            globalTitles = c.globalTitles;
            regionalTitlesPerRegion = c.regionalTitlesPerRegion;
            localTitlesPerTerritory = c.localTitlesPerTerritory;
            territories = c.territories;
            territorySizeExponent = c.territorySizeExponent;
            dimension = c.dimension;
            zipfExponent = c.zipfExponent;
            meanLocalTaste = c.meanLocalTaste;
            nicheUserShare = c.nicheUserShare;
            activityParetoAlpha = c.activityParetoAlpha;
            localCandidateShare = c.localCandidateShare;
            explorationShare = c.explorationShare;
            nicheExplorationShare = c.nicheExplorationShare;
            crossBorderShare = c.crossBorderShare;
            localBoost = c.localBoost;
            nicheBoost = c.nicheBoost;
            headBoost = c.headBoost;
            tasteScale = c.tasteScale;
            affinityBias = c.affinityBias;
            startTimeMs = c.startTimeMs;
            meanEventGapMs = c.meanEventGapMs;
        }

        public Builder users(int v) {
            users = v;
            return this;
        }

        public Builder globalTitles(int v) {
            globalTitles = v;
            return this;
        }

        public Builder regionalTitlesPerRegion(int v) {
            regionalTitlesPerRegion = v;
            return this;
        }

        public Builder localTitlesPerTerritory(int v) {
            localTitlesPerTerritory = v;
            return this;
        }

        public Builder territories(int v) {
            territories = v;
            return this;
        }

        public Builder territorySizeExponent(double v) {
            territorySizeExponent = v;
            return this;
        }

        public Builder dimension(int v) {
            dimension = v;
            return this;
        }

        public Builder zipfExponent(double v) {
            zipfExponent = v;
            return this;
        }

        public Builder meanLocalTaste(double v) {
            meanLocalTaste = v;
            return this;
        }

        public Builder nicheUserShare(double v) {
            nicheUserShare = v;
            return this;
        }

        public Builder activityParetoAlpha(double v) {
            activityParetoAlpha = v;
            return this;
        }

        public Builder localCandidateShare(double v) {
            localCandidateShare = v;
            return this;
        }

        public Builder explorationShare(double v) {
            explorationShare = v;
            return this;
        }

        public Builder nicheExplorationShare(double v) {
            nicheExplorationShare = v;
            return this;
        }

        public Builder crossBorderShare(double v) {
            crossBorderShare = v;
            return this;
        }

        public Builder localBoost(double v) {
            localBoost = v;
            return this;
        }

        public Builder nicheBoost(double v) {
            nicheBoost = v;
            return this;
        }

        public Builder headBoost(double v) {
            headBoost = v;
            return this;
        }

        public Builder tasteScale(double v) {
            tasteScale = v;
            return this;
        }

        public Builder affinityBias(double v) {
            affinityBias = v;
            return this;
        }

        public Builder startTimeMs(long v) {
            startTimeMs = v;
            return this;
        }

        public Builder meanEventGapMs(long v) {
            meanEventGapMs = v;
            return this;
        }

        /** Validates and builds. */
        public SyntheticConfig build() {
            return new SyntheticConfig(
                    users,
                    globalTitles,
                    regionalTitlesPerRegion,
                    localTitlesPerTerritory,
                    territories,
                    territorySizeExponent,
                    dimension,
                    zipfExponent,
                    meanLocalTaste,
                    nicheUserShare,
                    activityParetoAlpha,
                    localCandidateShare,
                    explorationShare,
                    nicheExplorationShare,
                    crossBorderShare,
                    localBoost,
                    nicheBoost,
                    headBoost,
                    tasteScale,
                    affinityBias,
                    startTimeMs,
                    meanEventGapMs);
        }
    }
}
