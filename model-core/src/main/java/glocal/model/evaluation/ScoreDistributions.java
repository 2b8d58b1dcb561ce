package glocal.model.evaluation;

import glocal.model.report.ChartLabels;
import glocal.model.report.Histogram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Each model's test-period scores, split by whether the example's title is local to the example's
 * territory: the multi-territory paper's picture of a global model drowning local titles (their
 * scores sit left of the global titles') and of the group heads lifting them. Gathered over every
 * seed; written as one overlaid histogram per model.
 */
public final class ScoreDistributions {

    /** Scores kept per model and class: enough for smooth 40-bin densities, bounded memory. */
    static final int MAX_PER_SERIES = 200_000;

    private final Map<String, Sample[]> byModel = new LinkedHashMap<>();

    /** Records one test score of {@code model}. */
    public void add(String model, boolean localTitle, float score) {
        Sample[] s = byModel.computeIfAbsent(model, m -> new Sample[] {new Sample(), new Sample()});
        s[localTitle ? 0 : 1].add(score);
    }

    /**
     * Scores recorded for the model's local (or global) titles (a uniform sample beyond the cap).
     */
    public double[] scores(String model, boolean localTitle) {
        Sample[] s = byModel.get(model);
        return s == null ? new double[0] : s[localTitle ? 0 : 1].values();
    }

    /** Mean score of the model's local (or global) titles; NaN without any. */
    public double mean(String model, boolean localTitle) {
        return Arrays.stream(scores(model, localTitle)).average().orElse(Double.NaN);
    }

    /** Writes {@code score_distribution_<model>.png} for each model with scores of both classes. */
    public List<Path> write(Path dir) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (String model : byModel.keySet()) {
                double[] local = scores(model, true);
                double[] global = scores(model, false);
                if (local.length == 0 || global.length == 0) {
                    continue;
                }
                Path file = dir.resolve("score_distribution_" + model + ".png");
                new Histogram(
                                new ChartLabels(
                                        model + ": test scores, local vs global titles",
                                        "play probability",
                                        "density"),
                                40)
                        .add(
                                String.format(
                                        java.util.Locale.ROOT,
                                        "local titles (n=%d, mean %.3f)",
                                        local.length,
                                        mean(model, true)),
                                local)
                        .add(
                                String.format(
                                        java.util.Locale.ROOT,
                                        "global titles (n=%d, mean %.3f)",
                                        global.length,
                                        mean(model, false)),
                                global)
                        .writePng(file);
                written.add(file);
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write score distributions to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A uniform sample of at most {@link #MAX_PER_SERIES} scores (reservoir, fixed seed:
     * reproducible).
     */
    private static final class Sample {
        private final SplittableRandom random = new SplittableRandom(20_240_413L);
        private double[] values = new double[1024];
        private int n;
        private long seen;

        void add(float v) {
            seen++;
            if (n == MAX_PER_SERIES) {
                long slot = random.nextLong(seen);
                if (slot < n) {
                    values[(int) slot] = v;
                }
                return;
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, Math.min(MAX_PER_SERIES, n * 2));
            }
            values[n++] = v;
        }

        double[] values() {
            return Arrays.copyOf(values, n);
        }
    }
}
