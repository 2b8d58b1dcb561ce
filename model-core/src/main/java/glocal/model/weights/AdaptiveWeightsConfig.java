package glocal.model.weights;

/**
 * Settings of TALL adaptive user weights (arXiv 2404.08887).
 *
 * @param alpha       temperature: smaller makes weights more skewed toward users whose loss falls slowly
 * @param gapWindows  windows at the start during which every weight stays 1 (early losses are unstable)
 * @param windowSteps training steps per loss window
 * @param minWeight   lower clip of a weight after normalising to mean 1
 * @param maxWeight   upper clip
 */
public record AdaptiveWeightsConfig(float alpha, int gapWindows, long windowSteps, float minWeight, float maxWeight) {

    public static final String ALPHA = "weights.alpha";
    public static final String GAP_WINDOWS = "weights.gap.windows";
    public static final String WINDOW_STEPS = "weights.window.steps";
    public static final String MIN_WEIGHT = "weights.min";
    public static final String MAX_WEIGHT = "weights.max";

    public AdaptiveWeightsConfig {
        if (!(alpha > 0) || !Float.isFinite(alpha)) {
            throw new IllegalArgumentException(ALPHA + " must be a finite number > 0, was " + alpha);
        }
        if (gapWindows < 0) {
            throw new IllegalArgumentException(GAP_WINDOWS + " must be >= 0, was " + gapWindows);
        }
        if (windowSteps < 1) {
            throw new IllegalArgumentException(WINDOW_STEPS + " must be >= 1, was " + windowSteps);
        }
        if (!(minWeight > 0) || !(maxWeight >= 1) || minWeight > 1) {
            throw new IllegalArgumentException(MIN_WEIGHT + " must be in (0, 1] and " + MAX_WEIGHT
                    + " >= 1 (weights have mean 1), were " + minWeight + " and " + maxWeight);
        }
    }

    public static AdaptiveWeightsConfig defaults() {
        return new AdaptiveWeightsConfig(0.5f, 2, 200, 0.2f, 5f);
    }
}
