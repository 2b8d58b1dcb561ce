package glocal.model.weights;

/**
 * Settings of TALL adaptive user weights (arXiv 2404.08887).
 *
 * @param alpha temperature: smaller makes weights more skewed toward users whose loss falls slowly
 * @param gapWindows windows at the start during which every weight stays 1 (early losses are
 *     unstable)
 * @param windowSteps training steps per loss window
 * @param minWeight lower clip of a weight (weights are clipped, then scaled so they have mean 1)
 * @param maxWeight upper clip
 * @param minExamples examples a user needs in a window for it to count; a user with fewer carries
 *     the window's losses into the next one and keeps their weight (a loss mean of one or two
 *     examples makes the change across windows mostly noise)
 */
public record AdaptiveWeightsConfig(
        float alpha,
        int gapWindows,
        long windowSteps,
        float minWeight,
        float maxWeight,
        int minExamples) {

    public static final String ALPHA = "weights.alpha";
    public static final String GAP_WINDOWS = "weights.gap.windows";
    public static final String WINDOW_STEPS = "weights.window.steps";
    public static final String MIN_WEIGHT = "weights.min";
    public static final String MAX_WEIGHT = "weights.max";
    public static final String MIN_EXAMPLES = "weights.min.examples";

    /**
     * {@link #minExamples} of checkpoints written before it existed: every user seen in a window
     * counted.
     */
    public static final int LEGACY_MIN_EXAMPLES = 1;

    public AdaptiveWeightsConfig {
        if (!(alpha > 0) || !Float.isFinite(alpha)) {
            throw new IllegalArgumentException(
                    ALPHA + " must be a finite number > 0, was " + alpha);
        }
        if (gapWindows < 0) {
            throw new IllegalArgumentException(GAP_WINDOWS + " must be >= 0, was " + gapWindows);
        }
        if (windowSteps < 1) {
            throw new IllegalArgumentException(WINDOW_STEPS + " must be >= 1, was " + windowSteps);
        }
        if (!(minWeight > 0) || !(maxWeight >= 1) || minWeight > 1) {
            throw new IllegalArgumentException(
                    MIN_WEIGHT
                            + " must be in (0, 1] and "
                            + MAX_WEIGHT
                            + " >= 1 (weights have mean 1), were "
                            + minWeight
                            + " and "
                            + maxWeight);
        }
        if (minExamples < 1) {
            throw new IllegalArgumentException(MIN_EXAMPLES + " must be >= 1, was " + minExamples);
        }
    }

    /**
     * True when {@code weight} could have come from these weights: finite and within the clip. A
     * reader of {@code user-weights} treats anything else as 1 (a topic written by a faulty build,
     * or by someone else, must not poison training).
     */
    public boolean admits(float weight) {
        return Float.isFinite(weight) && weight >= minWeight && weight <= maxWeight;
    }

    public static AdaptiveWeightsConfig defaults() {
        return new AdaptiveWeightsConfig(0.5f, 2, 200, 0.2f, 5f, 6);
    }

    /** Keys {@link #with} accepts: the short names of the fields. */
    public static final java.util.List<String> SHORT_KEYS =
            java.util.List.of("alpha", "gap", "window", "min", "max", "examples");

    /**
     * This config with some fields replaced, given by short name ({@code alpha}, {@code gap},
     * {@code window} (steps), {@code min}, {@code max}, {@code examples}); fails naming an unknown
     * key or a bad value.
     */
    public AdaptiveWeightsConfig with(java.util.Map<String, String> overrides) {
        float a = alpha;
        int g = gapWindows;
        long w = windowSteps;
        float lo = minWeight;
        float hi = maxWeight;
        int ex = minExamples;
        for (java.util.Map.Entry<String, String> e : overrides.entrySet()) {
            String v = e.getValue().trim();
            try {
                switch (e.getKey().trim()) {
                    case "alpha" -> a = Float.parseFloat(v);
                    case "gap" -> g = Integer.parseInt(v);
                    case "window" -> w = Long.parseLong(v);
                    case "min" -> lo = Float.parseFloat(v);
                    case "max" -> hi = Float.parseFloat(v);
                    case "examples" -> ex = Integer.parseInt(v);
                    default ->
                            throw new IllegalArgumentException(
                                    "adaptive weights: unknown key '"
                                            + e.getKey()
                                            + "'; use any of "
                                            + SHORT_KEYS);
                }
            } catch (NumberFormatException nfe) {
                throw new IllegalArgumentException(
                        "adaptive weights: " + e.getKey() + "=" + v + " is not a number", nfe);
            }
        }
        return new AdaptiveWeightsConfig(a, g, w, lo, hi, ex);
    }
}
