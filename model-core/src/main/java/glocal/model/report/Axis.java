package glocal.model.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A numeric axis range with "nice" tick marks (1, 2, 2.5 or 5 times a power of ten). */
public record Axis(double min, double max) {

    /** Aim for about this many tick intervals; the nice step makes it 4..10 in practice. */
    private static final int TARGET_INTERVALS = 5;

    public Axis {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new IllegalArgumentException(
                    "axis range must be finite with max > min, got [" + min + ", " + max + "]");
        }
    }

    /**
     * The smallest range with nice ends that holds {@code [lo, hi]}; an empty range ({@code lo ==
     * hi}) is widened by one unit either side so a constant series still gets an axis.
     */
    public static Axis covering(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || hi < lo) {
            throw new IllegalArgumentException(
                    "cannot build an axis over [" + lo + ", " + hi + "]");
        }
        if (hi == lo) {
            lo -= 1;
            hi += 1;
        }
        // Widening the ends can enlarge the step that ticks() picks; repeat until the ends sit on
        // ticks.
        double step = niceStep((hi - lo) / TARGET_INTERVALS);
        while (true) {
            double min = Math.floor(lo / step) * step;
            double max = Math.ceil(hi / step) * step;
            double next = niceStep((max - min) / TARGET_INTERVALS);
            if (next <= step) {
                return new Axis(min, max);
            }
            step = next;
        }
    }

    public double span() {
        return max - min;
    }

    /** Tick values from {@code min} to {@code max} at a nice step, each with its label. */
    public List<Tick> ticks() {
        double step = niceStep(span() / TARGET_INTERVALS);
        List<Tick> ticks = new ArrayList<>();
        long first = (long) Math.ceil(min / step - 1e-9);
        long last = (long) Math.floor(max / step + 1e-9);
        for (long k = first; k <= last; k++) {
            double value = k * step;
            ticks.add(new Tick(value, label(value, step)));
        }
        return ticks;
    }

    static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / magnitude;
        double nice =
                fraction <= 1
                        ? 1
                        : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static String label(double value, double step) {
        // As many decimals as the step needs, so 0.25 steps print 0.25 and 1000 steps print 1000.
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
        if (step * Math.pow(10, decimals) % 1 > 1e-6) {
            decimals++;
        }
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return text.equals("-0") || text.matches("-0\\.0+") ? text.substring(1) : text;
    }
}
