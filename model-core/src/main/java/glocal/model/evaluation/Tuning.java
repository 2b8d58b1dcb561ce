package glocal.model.evaluation;

import glocal.model.metrics.GroupedBinaryMetrics;
import glocal.model.train.PassSchedule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A seeded search over model settings on the validation slice only (the training period split
 * again; see {@link EvaluationProtocol#onValidationSlice}): every setting of a grid, or a seeded
 * sample of them, is trained and measured on the validation period, and the settings are ranked by
 * its NDCG@20. The test period is never read. Grid keys are {@link glocal.model.train.ModelSpec}
 * keys, plus {@value #PASSES} (passes over the training period) and {@value #NEGATIVES} (sampled
 * negatives per play, which changes the batches).
 */
public final class Tuning {

    /** Grid key of the number of passes. */
    public static final String PASSES = "passes";

    /** Grid key of the sampled negatives per play. */
    public static final String NEGATIVES = "negatives";

    /** One setting: the grid's key=value choices, in grid order. */
    public record Setting(Map<String, String> values) {
        public String label() {
            StringBuilder out = new StringBuilder();
            values.forEach(
                    (k, v) ->
                            out.append(out.length() == 0 ? "" : " ")
                                    .append(k)
                                    .append('=')
                                    .append(v));
            return out.length() == 0 ? "(base)" : out.toString();
        }

        /**
         * The variant name of {@code base} with this setting's model keys (not passes or
         * negatives).
         */
        public String variant(String base) {
            StringBuilder out = new StringBuilder(base);
            values.forEach(
                    (k, v) -> {
                        if (!k.equals(PASSES) && !k.equals(NEGATIVES)) {
                            out.append(':').append(k).append('=').append(v);
                        }
                    });
            return out.toString();
        }
    }

    /** A setting's validation figures, means over seeds. */
    public record Result(
            Setting setting,
            double ndcg,
            double ndcgMinor,
            double ndcgNiche,
            double auc,
            double msPerBatch,
            int seeds) {}

    private final String base;
    private final Map<String, List<String>> grid;
    private final PassSchedule schedule;

    /**
     * @param base the variant every setting starts from, e.g. {@code
     *     mtl:model.popularity.prior=true}
     * @param grid key to the values tried, in order
     * @param schedule learning-rate decay of the passes (its maximum is not used: passes come from
     *     the grid)
     */
    public Tuning(String base, Map<String, List<String>> grid, PassSchedule schedule) {
        this.base = base;
        this.grid = new LinkedHashMap<>(grid);
        this.schedule = schedule;
        grid.forEach(
                (k, v) -> {
                    if (v.isEmpty()) {
                        throw new IllegalArgumentException(
                                "--grid " + k + ": give at least one value");
                    }
                });
    }

    /**
     * Every setting of the grid, or {@code trials} of them drawn without replacement with {@code
     * seed} (0: all).
     */
    public List<Setting> settings(int trials, long seed) {
        List<Setting> all = new ArrayList<>();
        all.add(new Setting(new LinkedHashMap<>()));
        for (Map.Entry<String, List<String>> e : grid.entrySet()) {
            List<Setting> next = new ArrayList<>();
            for (Setting s : all) {
                for (String v : e.getValue()) {
                    Map<String, String> values = new LinkedHashMap<>(s.values());
                    values.put(e.getKey(), v);
                    next.add(new Setting(values));
                }
            }
            all = next;
        }
        if (trials <= 0 || trials >= all.size()) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Setting> pool = new ArrayList<>(all);
        List<Setting> out = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            out.add(pool.remove(random.nextInt(pool.size())));
        }
        return out;
    }

    /**
     * Trains and measures every setting on the validation slices {@code
     * validation.apply(negatives)} gives (one per seed, built with that many negatives per play),
     * and ranks them by NDCG@20.
     */
    public List<Result> run(
            List<Setting> settings,
            List<Long> seeds,
            int defaultNegatives,
            BiFunction<Long, Integer, EvaluationData> validation,
            Supplier<Evaluator> evaluator) {
        List<Result> results = new ArrayList<>();
        Map<String, EvaluationData> cache = new LinkedHashMap<>();
        for (Setting setting : settings) {
            int negatives =
                    Integer.parseInt(
                            setting.values()
                                    .getOrDefault(NEGATIVES, Integer.toString(defaultNegatives)));
            int passes = Integer.parseInt(setting.values().getOrDefault(PASSES, "1"));
            List<MetricRow> rows = new ArrayList<>();
            for (long seed : seeds) {
                EvaluationData data =
                        cache.computeIfAbsent(
                                seed + "/" + negatives, k -> validation.apply(seed, negatives));
                ModelVariant variant =
                        ModelVariant.parse(setting.variant(base), data.grouping().groups(), seed);
                rows.addAll(
                        evaluator
                                .get()
                                .withPasses(schedule.withPasses(passes))
                                .run(data, List.of(variant), seed));
            }
            results.add(
                    new Result(
                            setting,
                            mean(rows, GroupedBinaryMetrics.ALL, Evaluator.NDCG),
                            mean(rows, "size=" + TerritorySizes.MINOR, Evaluator.NDCG),
                            mean(rows, "user=niche", Evaluator.NDCG),
                            mean(rows, GroupedBinaryMetrics.ALL, Evaluator.TEST_AUC),
                            mean(rows, GroupedBinaryMetrics.ALL, Evaluator.MS_PER_BATCH),
                            seeds.size()));
        }
        results.sort(
                Comparator.comparingDouble(
                                (Result r) ->
                                        Double.isNaN(r.ndcg())
                                                ? Double.NEGATIVE_INFINITY
                                                : r.ndcg())
                        .reversed());
        return results;
    }

    private static double mean(List<MetricRow> rows, String group, String metric) {
        return rows.stream()
                .filter(r -> r.group().equals(group) && r.metric().equals(metric))
                .mapToDouble(MetricRow::value)
                .filter(v -> !Double.isNaN(v))
                .average()
                .orElse(Double.NaN);
    }

    /** The ranked results as a Markdown table (validation figures only). */
    public static String markdown(List<Result> results) {
        StringBuilder out =
                new StringBuilder(
                        "| rank | setting | val NDCG@20 | minor territories | niche users | val AUC | ms/batch | seeds |\n"
                                + "|---|---|---|---|---|---|---|---|\n");
        int rank = 1;
        for (Result r : results) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "| %d | `%s` | %.4f | %.4f | %.4f | %.3f | %.1f | %d |%n",
                            rank++,
                            r.setting().label(),
                            r.ndcg(),
                            r.ndcgMinor(),
                            r.ndcgNiche(),
                            r.auc(),
                            r.msPerBatch(),
                            r.seeds()));
        }
        return out.toString();
    }
}
