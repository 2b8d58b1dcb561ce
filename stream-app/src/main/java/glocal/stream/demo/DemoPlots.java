package glocal.stream.demo;

import glocal.model.report.BarChart;
import glocal.model.report.Chart;
import glocal.model.report.ChartLabels;
import glocal.model.report.Histogram;
import glocal.model.report.LineChart;
import glocal.model.report.PrCurve;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's PNG plots: per-group PR-AUC and local share by model and for the territory list, the
 * models' score distributions and PR curves.
 */
final class DemoPlots {

    private DemoPlots() {}

    /**
     * Writes every plot into {@code dir}; returns the files written. The bar charts also show the
     * territory list ({@code territoryList}, unless null); it has no score distribution.
     */
    static List<Path> write(
            Path dir,
            List<ModelComparison.ModelResult> models,
            ModelComparison.ModelResult territoryList,
            int k) {
        List<Path> files = new ArrayList<>();
        List<Integer> groups = new ArrayList<>(models.get(0).groups().keySet());
        List<String> categories = groups.stream().map(g -> "G" + g).toList();

        BarChart prAuc =
                new BarChart(
                        new ChartLabels(
                                "Progressive-validation PR-AUC by territory group",
                                "territory group",
                                "PR-AUC"),
                        categories);
        BarChart local =
                new BarChart(
                        new ChartLabels(
                                "Share of titles local to the user in the top-" + k,
                                "territory group",
                                "local share"),
                        categories);
        List<ModelComparison.ModelResult> bars = new ArrayList<>(models);
        if (territoryList != null) {
            bars.add(territoryList);
        }
        for (ModelComparison.ModelResult m : bars) {
            prAuc =
                    prAuc.add(
                            m.model(),
                            groups.stream()
                                    .mapToDouble(
                                            g ->
                                                    m.prAuc()
                                                            .getOrDefault(
                                                                    "territoryGroup=G" + g,
                                                                    Double.NaN))
                                    .toArray());
            local =
                    local.add(
                            m.model(),
                            groups.stream()
                                    .mapToDouble(
                                            g ->
                                                    m.groups().get(g) == null
                                                            ? Double.NaN
                                                            : m.groups().get(g).localShare())
                                    .toArray());
        }
        files.add(write(prAuc, dir.resolve("pr-auc-by-group.png")));
        files.add(write(local, dir.resolve("local-share-by-group.png")));

        for (ModelComparison.ModelResult m : models) {
            Histogram scores =
                    new Histogram(
                                    new ChartLabels(
                                            "Scores of local vs global titles (" + m.model() + ")",
                                            "user · title score",
                                            "density"),
                                    60)
                            .add("titles local to the user", m.localScores())
                            .add("global titles", m.globalScores());
            files.add(write(scores, dir.resolve("score-distribution-" + m.model() + ".png")));

            LineChart curves =
                    new LineChart(
                                    new ChartLabels(
                                            "PR curves by territory group ("
                                                    + m.model()
                                                    + ", progressive validation)",
                                            "recall",
                                            "precision"))
                            .xRange(0, 1)
                            .yRange(0, 1);
            for (Map.Entry<String, PrCurve> e : m.prCurves().entrySet()) {
                if (!e.getValue().points().isEmpty()) {
                    String name =
                            e.getKey().startsWith("territoryGroup=")
                                    ? e.getKey().substring(15)
                                    : e.getKey();
                    curves = curves.add(name, e.getValue().recalls(), e.getValue().precisions());
                }
            }
            files.add(write(curves, dir.resolve("pr-curves-" + m.model() + ".png")));
        }
        return files;
    }

    private static Path write(Chart chart, Path file) {
        chart.writePng(file);
        return file;
    }
}
