package glocal.stream.demo;

import glocal.schemas.avro.UserEmbedding;
import glocal.stream.trainer.TrainerStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The demo's result: per territory group, progressive-validation PR-AUC and the share of local
 * titles in users' top-K, for the published model (mtl) and the baseline trained beside it.
 */
public record DemoReport(
        TrainerStatus status,
        List<ModelComparison.ModelResult> models,
        List<String> sampleEmbeddings,
        double seconds) {

    /** The comparison table, one row per territory group plus one over all examples. */
    public String table(int k) {
        ModelComparison.ModelResult primary = models.get(0);
        ModelComparison.ModelResult baseline = models.size() > 1 ? models.get(1) : null;
        String other = baseline == null ? "-" : baseline.model();
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-7s %-22s %9s %9s %8s   %11s %11s%n",
                        "group",
                        "main territories",
                        "PR-AUC",
                        "PR-AUC",
                        "change",
                        "local@" + k,
                        "local@" + k));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-7s %-22s %9s %9s %8s   %11s %11s%n",
                        "",
                        "",
                        other,
                        primary.model(),
                        "",
                        other,
                        primary.model()));
        for (var entry : primary.groups().entrySet()) {
            int g = entry.getKey();
            ModelComparison.GroupResult p = entry.getValue();
            ModelComparison.GroupResult b = baseline == null ? null : baseline.groups().get(g);
            String key = "territoryGroup=G" + g;
            double prP = primary.prAuc().getOrDefault(key, Double.NaN);
            double prB =
                    baseline == null ? Double.NaN : baseline.prAuc().getOrDefault(key, Double.NaN);
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-7s %-22s %9.4f %9.4f %+7.1f%%   %11.3f %11.3f%n",
                            "G" + g,
                            String.join(",", p.territories()),
                            prB,
                            prP,
                            100 * (prP - prB) / prB,
                            b == null ? Double.NaN : b.localShare(),
                            p.localShare()));
        }
        double allP = primary.prAuc().getOrDefault("all", Double.NaN);
        double allB =
                baseline == null ? Double.NaN : baseline.prAuc().getOrDefault("all", Double.NaN);
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-7s %-22s %9.4f %9.4f %+7.1f%%%n",
                        "all",
                        "",
                        allB,
                        allP,
                        100 * (allP - allB) / allB));
        return sb.toString();
    }

    /** Writes the demo's plots as PNG files into {@code dir}; returns them. */
    public List<Path> writePlots(Path dir, int k) {
        return DemoPlots.write(dir, models, k);
    }

    static String describe(UserEmbedding e) {
        String head =
                e.getVector().stream()
                        .limit(6)
                        .map(v -> String.format(Locale.ROOT, "%+.3f", v))
                        .collect(Collectors.joining(", "));
        return String.format(
                Locale.ROOT,
                "user %s  group %s  activity %s  model v%d  [%s, ...] (%d-d)",
                e.getUserId(),
                e.getTerritoryGroup(),
                e.getActivityGroup(),
                e.getModelVersion(),
                head,
                e.getVector().size());
    }
}
