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
 * Rows of several seeds folded into mean and spread (sample standard deviation) per model, group
 * and metric, with each model's relative change against the baseline's mean; rendered as a terminal
 * table, CSV, Markdown and PNG charts.
 */
public final class ResultTable {

  /** Mean, spread, number of seeds, and relative change vs the baseline (NaN without one). */
  public record Cell(String model, String group, String metric, double mean, double sd, int seeds,
      double relativeToBaseline) {}

  /** Metrics the terminal and Markdown tables show (all of them go to the CSV). */
  public static final List<String> SHOWN = List.of(Evaluator.PV_PR_AUC, Evaluator.TEST_PR_AUC, Evaluator.TEST_AUC,
      Evaluator.NDCG, Evaluator.RECALL, Evaluator.LOCAL_SHARE, Evaluator.ARP, Evaluator.LONG_TAIL, Evaluator.GINI,
      Evaluator.COVERAGE, Evaluator.MS_PER_BATCH, Evaluator.DENSE_PARAMS, Evaluator.TRAINED_SHARE,
      Evaluator.MEAN_WEIGHT, Evaluator.WEIGHTED_SHARE);

  /** Shown metrics that describe the model or its training, not its quality: no chart. */
  private static final List<String> NOT_CHARTED =
      List.of(Evaluator.MS_PER_BATCH, Evaluator.DENSE_PARAMS, Evaluator.TRAINED_SHARE, Evaluator.MEAN_WEIGHT,
          Evaluator.WEIGHTED_SHARE);

  private final List<String> models;
  private final List<String> groups;
  private final Map<String, Cell> cells = new LinkedHashMap<>();
  private final String baseline;

  /**
   * @param models in report order; the first is the reference for relative changes when it is
   *     {@code baseline}
   * @param groups in report order
   */
  public ResultTable(List<MetricRow> rows, List<String> models, List<String> groups) {
    this.models = List.copyOf(models);
    this.groups = List.copyOf(groups);
    this.baseline = models.contains("baseline") ? "baseline" : null;
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (MetricRow r : rows) {
      values.computeIfAbsent(key(r.model(), r.group(), r.metric()), k -> new ArrayList<>()).add(r.value());
    }
    Map<String, double[]> stats = new LinkedHashMap<>();
    values.forEach((k, v) -> stats.put(k, meanSd(v)));
    for (String model : models) {
      for (String group : groups) {
        for (String metric : Evaluator.METRICS) {
          double[] s = stats.get(key(model, group, metric));
          if (s == null) {
            continue;
          }
          double[] b = baseline == null ? null : stats.get(key(baseline, group, metric));
          double rel = b == null || b[0] == 0 || Double.isNaN(b[0]) ? Double.NaN : (s[0] - b[0]) / Math.abs(b[0]);
          cells.put(key(model, group, metric), new Cell(model, group, metric, s[0], s[1], (int) s[2], rel));
        }
      }
    }
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

  /** The cell, or null when the model has no value for that group and metric. */
  public Cell cell(String model, String group, String metric) {
    return cells.get(key(model, group, metric));
  }

  public List<Cell> cells() {
    return List.copyOf(cells.values());
  }

  /** Fixed-width table: one row per group and model, "mean±sd (Δ% vs baseline)" per metric. */
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
        out.append(String.format(Locale.ROOT, c < 2 ? "%-" + width[c] + "s  " : "%" + width[c] + "s  ", row.get(c)));
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

  /** Long format: model, group, metric, mean, sd, seeds, relative change vs baseline. */
  public String csv() {
    StringBuilder out = new StringBuilder("model,group,metric,mean,sd,seeds,relative_to_baseline\n");
    for (Cell c : cells.values()) {
      out.append(String.format(Locale.ROOT, "%s,%s,%s,%.6f,%.6f,%d,%.6f%n", c.model(), c.group(), c.metric(),
          c.mean(), c.sd(), c.seeds(), c.relativeToBaseline()));
    }
    return out.toString();
  }

  private List<List<String>> grid(boolean markdown) {
    List<List<String>> table = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("group", "model"));
    header.addAll(SHOWN);
    table.add(header);
    for (String group : groups) {
      for (String model : models) {
        List<String> row = new ArrayList<>(List.of(group, model));
        boolean any = false;
        for (String metric : SHOWN) {
          Cell c = cell(model, group, metric);
          any |= c != null;
          row.add(c == null ? "" : format(c, markdown));
        }
        if (any) {
          table.add(row);
        }
      }
    }
    return table;
  }

  private String format(Cell c, boolean markdown) {
    if (Double.isNaN(c.mean())) {
      return "n/a";
    }
    if (c.metric().equals(Evaluator.DENSE_PARAMS)) {
      return String.format(Locale.ROOT, "%.0f", c.mean());
    }
    String pm = markdown ? " ± " : "±";
    String s = c.seeds() > 1 ? String.format(Locale.ROOT, "%.3f%s%.3f", c.mean(), pm, c.sd())
        : String.format(Locale.ROOT, "%.3f", c.mean());
    if (!c.model().equals(baseline) && !Double.isNaN(c.relativeToBaseline())) {
      s += String.format(Locale.ROOT, " (%+.0f%%)", 100 * c.relativeToBaseline());
    }
    return s;
  }

  /**
   * Writes {@code results.csv}, {@code results.md}, {@code results.txt}, one bar chart per shown
   * metric (group × model) and {@code ndcg_by_user_group.png} (NDCG@20 niche → mainstream).
   */
  public List<Path> write(Path dir, List<String> userGroupsInOrder) {
    try {
      Files.createDirectories(dir);
      List<Path> written = new ArrayList<>();
      written.add(Files.writeString(dir.resolve("results.csv"), csv()));
      written.add(Files.writeString(dir.resolve("results.md"), markdown()));
      written.add(Files.writeString(dir.resolve("results.txt"), terminal()));
      for (String metric : SHOWN) {
        if (NOT_CHARTED.contains(metric)) {
          continue;
        }
        BarChart chart = new BarChart(new ChartLabels(metric + " by group", "group", metric), groups).size(1200, 500);
        for (String model : models) {
          double[] v = groups.stream().mapToDouble(g -> {
            Cell c = cell(model, g, metric);
            return c == null || Double.isNaN(c.mean()) ? 0 : c.mean();
          }).toArray();
          chart = chart.add(model, v);
        }
        Path file = dir.resolve(metric.replace('@', '_') + "_by_group.png");
        chart.writePng(file);
        written.add(file);
      }
      LineChart line = new LineChart(new ChartLabels("NDCG@20 from niche to mainstream users",
          "user group (0 = niche)", "NDCG@20"));
      double[] x = new double[userGroupsInOrder.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = i;
      }
      for (String model : models) {
        double[] y = userGroupsInOrder.stream().mapToDouble(g -> {
          Cell c = cell(model, g, Evaluator.NDCG);
          return c == null || Double.isNaN(c.mean()) ? 0 : c.mean();
        }).toArray();
        line = line.add(model, x, y);
      }
      Path file = dir.resolve("ndcg_by_user_group.png");
      line.writePng(file);
      written.add(file);
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results to " + dir + ": " + e.getMessage(), e);
    }
  }
}
