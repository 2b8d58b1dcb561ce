package glocal.stream.demo;

import glocal.model.validation.ProgressiveValidation;
import glocal.schemas.avro.UserEmbedding;
import glocal.stream.trainer.TrainerStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The demo's result: per territory group, progressive-validation PR-AUC and the share of local
 * titles in users' top-K, for the published model (mtl), the baseline trained beside it and the
 * territory list (the titles most played in the user's territory so far, {@link
 * glocal.model.validation.ProgressiveTerritoryList}), over the same examples and users.
 *
 * @param territoryList the territory list's results; null when the trainer kept none
 */
public record DemoReport(
        TrainerStatus status,
        List<ModelComparison.ModelResult> models,
        ModelComparison.ModelResult territoryList,
        List<String> sampleEmbeddings,
        double seconds) {

    private static final String HEADER = "%-7s %-22s %9s %9s %9s %8s  %10s   %11s %11s %11s%n";

    /**
     * The comparison table, one row per territory group plus one over all examples: PR-AUC of the
     * baseline, mtl and the list, mtl's change over the baseline, mtl's PR-AUC as a multiple of the
     * list's, and the local share of the top-K of each.
     */
    public String table(int k) {
        ModelComparison.ModelResult primary = models.get(0);
        ModelComparison.ModelResult baseline = models.size() > 1 ? models.get(1) : null;
        String other = baseline == null ? "-" : baseline.model();
        String list = ModelComparison.TERRITORY_LIST;
        StringBuilder sb = new StringBuilder();
        String local = "local@" + k;
        sb.append(
                String.format(
                        Locale.ROOT,
                        HEADER,
                        "group",
                        "main territories",
                        "PR-AUC",
                        "PR-AUC",
                        "PR-AUC",
                        "change",
                        primary.model() + " / " + list,
                        local,
                        local,
                        local));
        sb.append(
                String.format(
                        Locale.ROOT,
                        HEADER,
                        "",
                        "",
                        other,
                        primary.model(),
                        list,
                        "",
                        "",
                        other,
                        primary.model(),
                        list));
        for (var entry : primary.groups().entrySet()) {
            int g = entry.getKey();
            String key = ProgressiveValidation.territoryGroupName(g);
            double prB = prAuc(baseline, key);
            double prP = prAuc(primary, key);
            double prL = prAuc(territoryList, key);
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-7s %-22s %9.4f %9.4f %9.4f %+7.1f%%  %10.2f   %11.3f %11.3f %11.3f%n",
                            "G" + g,
                            String.join(",", entry.getValue().territories()),
                            prB,
                            prP,
                            prL,
                            100 * (prP - prB) / prB,
                            prP / prL,
                            localShare(baseline, g),
                            entry.getValue().localShare(),
                            localShare(territoryList, g)));
        }
        String all = ProgressiveValidation.ALL;
        double allB = prAuc(baseline, all);
        double allP = prAuc(primary, all);
        double allL = prAuc(territoryList, all);
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-7s %-22s %9.4f %9.4f %9.4f %+7.1f%%  %10.2f%n",
                        "all",
                        "",
                        allB,
                        allP,
                        allL,
                        100 * (allP - allB) / allB,
                        allP / allL));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%s: the titles most played in the user's territory so far, each batch scored"
                                + " before its plays count%n",
                        list));
        return sb.toString();
    }

    private static double prAuc(ModelComparison.ModelResult result, String group) {
        return result == null ? Double.NaN : result.prAuc().getOrDefault(group, Double.NaN);
    }

    private static double localShare(ModelComparison.ModelResult result, int group) {
        ModelComparison.GroupResult g = result == null ? null : result.groups().get(group);
        return g == null ? Double.NaN : g.localShare();
    }

    /** Writes the demo's plots as PNG files into {@code dir}; returns them. */
    public List<Path> writePlots(Path dir, int k) {
        return DemoPlots.write(dir, models, territoryList, k);
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
