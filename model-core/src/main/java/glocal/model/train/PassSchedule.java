package glocal.model.train;

/**
 * How a warm start replays a training period: at most {@code maxPasses} passes over it, the
 * learning rates of pass {@code p} (0-based) scaled by {@code decay^p}, and, when a validation
 * score is given, a stop once it has not improved for {@code patience} passes.
 */
public record PassSchedule(int maxPasses, float decay, int patience) {

    public PassSchedule {
        if (maxPasses < 1) {
            throw new IllegalArgumentException("--epochs: need at least 1 pass, got " + maxPasses);
        }
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException(
                    "--lr-decay: the per-pass learning-rate factor must be in (0, 1], got "
                            + decay);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("--patience: need at least 1 pass, got " + patience);
        }
    }

    /** One pass, as online training does. */
    public static PassSchedule single() {
        return new PassSchedule(1, 1f, 1);
    }

    /** This schedule with exactly {@code passes} passes (no early stop to decide). */
    public PassSchedule withPasses(int passes) {
        return new PassSchedule(passes, decay, patience);
    }

    /** Learning-rate factor of pass {@code pass} (0-based). */
    public float scale(int pass) {
        return (float) Math.pow(decay, pass);
    }
}
