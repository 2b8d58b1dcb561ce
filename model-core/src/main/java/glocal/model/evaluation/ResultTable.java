package glocal.model.evaluation;

import glocal.model.report.BarChart;
import glocal.model.report.ChartLabels;
import glocal.model.report.LineChart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rows of several seeds folded into mean and spread (sample standard deviation) per recommender,
 * group and metric: the reference recommenders first, then the models. Each model's cell carries
 * its relative change against the baseline's mean and against the best reference of the group (the
 * reference with the highest mean NDCG@20 there). Rendered as a terminal table, CSV, Markdown and
 * PNG charts; every table row shows the group's test users, marked {@code *} under {@value
 * ProtocolWarnings#SMALL_GROUP}.
 */
public final class ResultTable {

    /**
     * Mean, spread, number of seeds, relative change vs the baseline and vs the group's best
     * reference (NaN without one, and for the references against the baseline).
     */
    public record Cell(
            String model,
            String group,
            String metric,
            double mean,
            double sd,
            int seeds,
            double relativeToBaseline,
            double relativeToBestReference) {}

    /** Metrics the terminal and Markdown tables show (all of them go to the CSV). */
    public static final List<String> SHOWN =
            List.of(
                    Evaluator.TEST_USERS,
                    Evaluator.HELD_OUT,
                    Evaluator.PV_PR_AUC,
                    Evaluator.TEST_PR_AUC,
                    Evaluator.TEST_AUC,
                    Evaluator.NDCG,
                    Evaluator.RECALL,
                    Evaluator.LOCAL_SHARE,
                    Evaluator.ARP,
                    Evaluator.LONG_TAIL,
                    Evaluator.GINI,
                    Evaluator.COVERAGE,
                    Evaluator.MS_PER_BATCH,
                    Evaluator.DENSE_PARAMS,
                    Evaluator.TRAINED_SHARE,
                    Evaluator.MEAN_WEIGHT,
                    Evaluator.WEIGHTED_SHARE);

    /**
     * Column after {@link Evaluator#NDCG}: the row's NDCG@20 against the best reference of its
     * group.
     */
    public static final String VS_BEST_REFERENCE = "ndcg@20_vs_best_ref";

    /**
     * Shown metrics that describe the data, the model or its training, not its quality: no chart.
     */
    private static final List<String> NOT_CHARTED =
            List.of(
                    Evaluator.TEST_USERS,
                    Evaluator.HELD_OUT,
                    Evaluator.MS_PER_BATCH,
                    Evaluator.DENSE_PARAMS,
                    Evaluator.TRAINED_SHARE,
                    Evaluator.MEAN_WEIGHT,
                    Evaluator.WEIGHTED_SHARE);

    /** Counts, printed as whole numbers. */
    private static final List<String> COUNTS =
            List.of(Evaluator.TEST_USERS, Evaluator.HELD_OUT, Evaluator.DENSE_PARAMS);

    private final List<String> references;
    private final List<String> ceilings;
    private final List<String> models;
    private final List<String> groups;
    private final Map<String, Cell> cells = new LinkedHashMap<>();
    private final Map<String, String> bestReference = new LinkedHashMap<>();
    private final String baseline;

    /** A table of models only. */
    public ResultTable(List<MetricRow> rows, List<String> models, List<String> groups) {
        this(rows, List.of(), models, groups);
    }

    /**
     * @param references reference recommenders, in report order (shown above the models)
     * @param models in report order; {@code baseline}, when present, is the reference for relative
     *     changes
     * @param groups in report order
     */
    public ResultTable(
            List<MetricRow> rows,
            List<String> references,
            List<String> models,
            List<String> groups) {
        this(rows, references, List.of(), models, groups);
    }

    /**
     * @param references reference recommenders, in report order (shown above the models)
     * @param ceilings recommenders that know what no model can (a synthetic world's oracle): shown
     *     after the references with their change against the best reference, never the best
     *     reference themselves
     * @param models in report order; {@code baseline}, when present, is the reference for relative
     *     changes
     * @param groups in report order
     */
    public ResultTable(
            List<MetricRow> rows,
            List<String> references,
            List<String> ceilings,
            List<String> models,
            List<String> groups) {
        this.references = List.copyOf(references);
        this.ceilings = List.copyOf(ceilings);
        this.models = List.copyOf(models);
        this.groups = List.copyOf(groups);
        this.baseline = models.contains("baseline") ? "baseline" : null;
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (MetricRow r : rows) {
            values.computeIfAbsent(key(r.model(), r.group(), r.metric()), k -> new ArrayList<>())
                    .add(r.value());
        }
        Map<String, double[]> stats = new LinkedHashMap<>();
        values.forEach((k, v) -> stats.put(k, meanSd(v)));
        for (String group : groups) {
            String best = null;
            for (String ref : references) {
                double[] s = stats.get(key(ref, group, Evaluator.NDCG));
                double[] b = best == null ? null : stats.get(key(best, group, Evaluator.NDCG));
                if (s != null && !Double.isNaN(s[0]) && (b == null || s[0] > b[0])) {
                    best = ref;
                }
            }
            if (best != null) {
                bestReference.put(group, best);
            }
        }
        for (String model : rowNames()) {
            boolean isReference = references.contains(model) || ceilings.contains(model);
            for (String group : groups) {
                for (String metric : Evaluator.METRICS) {
                    double[] s = stats.get(key(model, group, metric));
                    if (s == null) {
                        continue;
                    }
                    double rel =
                            isReference || baseline == null
                                    ? Double.NaN
                                    : relative(s, stats.get(key(baseline, group, metric)));
                    String best = bestReference.get(group);
                    double relRef =
                            best == null
                                    ? Double.NaN
                                    : relative(s, stats.get(key(best, group, metric)));
                    cells.put(
                            key(model, group, metric),
                            new Cell(model, group, metric, s[0], s[1], (int) s[2], rel, relRef));
                }
            }
        }
    }

    private static double relative(double[] s, double[] against) {
        return against == null || against[0] == 0 || Double.isNaN(against[0])
                ? Double.NaN
                : (s[0] - against[0]) / Math.abs(against[0]);
    }

    private static double[] meanSd(List<Double> v) {
        List<Double> finite = v.stream().filter(x -> !Double.isNaN(x)).toList();
        if (finite.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN, 0};
        }
        double mean = finite.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = finite.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        double sd = finite.size() < 2 ? 0 : Math.sqrt(ss / (finite.size() - 1));
        return new double[] {mean, sd, finite.size()};
    }

    private static String key(String model, String group, String metric) {
        return model + '\u0000' + group + '\u0000' + metric;
    }

    /** The cell, or null when the recommender has no value for that group and metric. */
    public Cell cell(String model, String group, String metric) {
        return cells.get(key(model, group, metric));
    }

    public List<Cell> cells() {
        return List.copyOf(cells.values());
    }

    /**
     * The reference with the highest mean NDCG@20 in {@code group}, or null without references
     * there.
     */
    public String bestReference(String group) {
        return bestReference.get(group);
    }

    public List<String> references() {
        return references;
    }

    /** Recommenders that know what no model can, shown after the references. */
    public List<String> ceilings() {
        return ceilings;
    }

    public List<String> models() {
        return models;
    }

    public List<String> groups() {
        return groups;
    }

    /**
     * Mean test users of a group (over seeds; every recommender ranks the same users), NaN if
     * unknown.
     */
    public double testUsers(String group) {
        for (String name : rowNames()) {
            Cell c = cell(name, group, Evaluator.TEST_USERS);
            if (c != null) {
                return c.mean();
            }
        }
        return Double.NaN;
    }

    /** Whether the group has fewer than {@link ProtocolWarnings#SMALL_GROUP} test users. */
    public boolean isSmall(String group) {
        return testUsers(group) < ProtocolWarnings.SMALL_GROUP;
    }

    private List<String> rowNames() {
        List<String> names = new ArrayList<>(references);
        names.addAll(ceilings);
        names.addAll(models);
        return names;
    }

    /**
     * Fixed-width table: one row per group and recommender (references first), "mean±sd (Δ% vs
     * baseline)" per metric, NDCG@20's change against the group's best reference in its own column.
     */
    public String terminal() {
        List<List<String>> table = grid(false);
        int[] width = new int[table.get(0).size()];
        for (List<String> row : table) {
            for (int c = 0; c < row.size(); c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : table) {
            for (int c = 0; c < row.size(); c++) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                c < 2 ? "%-" + width[c] + "s  " : "%" + width[c] + "s  ",
                                row.get(c)));
            }
            out.setLength(out.length() - 2);
            out.append('\n');
        }
        return out.toString();
    }

    /** The same table in Markdown. */
    public String markdown() {
        List<List<String>> table = grid(true);
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < table.size(); r++) {
            out.append("| ").append(String.join(" | ", table.get(r))).append(" |\n");
            if (r == 0) {
                out.append("|").append("---|".repeat(table.get(0).size())).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Long format: model, group, metric, mean, sd, seeds, relative changes vs baseline and vs best
     * reference.
     */
    public String csv() {
        StringBuilder out =
                new StringBuilder(
                        "model,group,metric,mean,sd,seeds,relative_to_baseline,relative_to_best_reference,best_reference\n");
        for (Cell c : cells.values()) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%s,%s,%s,%.6f,%.6f,%d,%.6f,%.6f,%s%n",
                            c.model(),
                            c.group(),
                            c.metric(),
                            c.mean(),
                            c.sd(),
                            c.seeds(),
                            c.relativeToBaseline(),
                            c.relativeToBestReference(),
                            bestReference.getOrDefault(c.group(), "")));
        }
        return out.toString();
    }

    private List<List<String>> grid(boolean markdown) {
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("group", "model"));
        for (String metric : SHOWN) {
            header.add(metric);
            if (metric.equals(Evaluator.NDCG)) {
                header.add(VS_BEST_REFERENCE);
            }
        }
        table.add(header);
        for (String group : groups) {
            for (String model : rowNames()) {
                List<String> row = new ArrayList<>(List.of(group, model));
                boolean any = false;
                for (String metric : SHOWN) {
                    Cell c = cell(model, group, metric);
                    any |= c != null;
                    row.add(c == null ? "" : format(c, markdown));
                    if (metric.equals(Evaluator.NDCG)) {
                        row.add(c == null ? "" : versusBest(c));
                    }
                }
                if (any) {
                    table.add(row);
                }
            }
        }
        return table;
    }

    private String versusBest(Cell c) {
        if (c.model().equals(bestReference.get(c.group()))) {
            return "best ref";
        }
        return Double.isNaN(c.relativeToBestReference())
                ? "n/a"
                : String.format(Locale.ROOT, "%+.0f%%", 100 * c.relativeToBestReference());
    }

    private String format(Cell c, boolean markdown) {
        if (Double.isNaN(c.mean())) {
            return "n/a";
        }
        if (COUNTS.contains(c.metric())) {
            String n = String.format(Locale.ROOT, "%.0f", c.mean());
            boolean small =
                    c.metric().equals(Evaluator.TEST_USERS)
                            && c.mean() < ProtocolWarnings.SMALL_GROUP;
            return small ? n + (markdown ? "\\*" : "*") : n;
        }
        String pm = markdown ? " ± " : "±";
        String s =
                c.seeds() > 1
                        ? String.format(Locale.ROOT, "%.3f%s%.3f", c.mean(), pm, c.sd())
                        : String.format(Locale.ROOT, "%.3f", c.mean());
        if (!c.model().equals(baseline) && !Double.isNaN(c.relativeToBaseline())) {
            s += String.format(Locale.ROOT, " (%+.0f%%)", 100 * c.relativeToBaseline());
        }
        return s;
    }

    /**
     * Writes {@code results.csv}, one bar chart per shown quality metric (group × recommender,
     * references first) and {@code ndcg_by_user_group.png} (NDCG@20 niche → mainstream).
     */
    public List<Path> write(Path dir, List<String> userGroupsInOrder) {
        try {
            Files.createDirectories(dir);
            List<Path> written = new ArrayList<>();
            written.add(Files.writeString(dir.resolve("results.csv"), csv()));
            for (String metric : SHOWN) {
                if (NOT_CHARTED.contains(metric)) {
                    continue;
                }
                BarChart chart =
                        new BarChart(new ChartLabels(metric + " by group", "group", metric), groups)
                                .size(1200, 500);
                for (String model : rowNames()) {
                    double[] v =
                            groups.stream()
                                    .mapToDouble(
                                            g -> {
                                                Cell c = cell(model, g, metric);
                                                return c == null ? Double.NaN : c.mean();
                                            })
                                    .toArray();
                    chart = chart.add(model, v);
                }
                Path file = dir.resolve(metric.replace('@', '_') + "_by_group.png");
                chart.writePng(file);
                written.add(file);
            }
            LineChart line =
                    new LineChart(
                            new ChartLabels(
                                    "NDCG@20 from niche to mainstream users",
                                    "user group (0 = niche)",
                                    "NDCG@20"));
            double[] x = new double[userGroupsInOrder.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            for (String model : rowNames()) {
                double[] y =
                        userGroupsInOrder.stream()
                                .mapToDouble(
                                        g -> {
                                            Cell c = cell(model, g, Evaluator.NDCG);
                                            return c == null || Double.isNaN(c.mean())
                                                    ? 0
                                                    : c.mean();
                                        })
                                .toArray();
                line = line.add(model, x, y);
            }
            Path file = dir.resolve("ndcg_by_user_group.png");
            line.writePng(file);
            written.add(file);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write results to " + dir + ": " + e.getMessage(), e);
        }
    }
}
