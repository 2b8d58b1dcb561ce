package glocal.model.synthetic;

import java.util.SplittableRandom;

/**
 * How a play goes, drawn from the user's true affinity for the title: likely finished when the
 * affinity is high, likely skipped when it is low.
 */
final class WatchBehaviour {

    /** A play with watch ratio at or above this counts as finished. */
    static final float FINISH_THRESHOLD = 0.9f;

    /** A play with watch ratio below this counts as skipped. */
    static final float SKIP_THRESHOLD = 0.1f;

    private WatchBehaviour() {}

    /** Draws a watch ratio in [0, 1] for a play with true affinity {@code a}. */
    static float watchRatio(double a, SplittableRandom rng) {
        double pFinish = 0.10 + 0.65 * a;
        double pSkip = 0.40 * (1 - a) * (1 - a);
        double r = rng.nextDouble();
        if (r < pFinish) {
            // Finished: most watch to the end credits, some stop during them.
            return rng.nextDouble() < 0.5
                    ? 1f
                    : (float) (FINISH_THRESHOLD + 0.1 * rng.nextDouble());
        }
        if (r < pFinish + pSkip) {
            return (float) (SKIP_THRESHOLD * rng.nextDouble());
        }
        // Partial watch: higher affinity pushes the ratio up.
        double partial = Math.pow(rng.nextDouble(), 1 / (0.5 + 2 * a));
        return (float) (SKIP_THRESHOLD + (FINISH_THRESHOLD - SKIP_THRESHOLD) * partial * 0.999);
    }
}
