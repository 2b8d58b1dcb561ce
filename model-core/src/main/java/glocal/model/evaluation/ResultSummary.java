package glocal.model.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reading every report ends with: per group, the best reference by NDCG@20 and where each model
 * stands against it, and which of these conclusions rest on a group of fewer than {@value
 * ProtocolWarnings#SMALL_GROUP} test users.
 */
public final class ResultSummary {

    private ResultSummary() {}

    /** One line per group with a best reference, then the line naming the small groups (if any). */
    public static List<String> lines(ResultTable table) {
        List<String> out = new ArrayList<>();
        List<String> small = new ArrayList<>();
        for (String group : table.groups()) {
            String best = table.bestReference(group);
            if (best == null) {
                continue;
            }
            double users = table.testUsers(group);
            boolean isSmall = table.isSmall(group);
            StringBuilder line =
                    new StringBuilder(
                            String.format(
                                    Locale.ROOT,
                                    "%s%s (%.0f test users): best reference %s " + "%.3f",
                                    group,
                                    isSmall ? "*" : "",
                                    users,
                                    best,
                                    table.cell(best, group, Evaluator.NDCG).mean()));
            for (String ceiling : table.ceilings()) {
                ResultTable.Cell c = table.cell(ceiling, group, Evaluator.NDCG);
                if (c != null && !Double.isNaN(c.mean())) {
                    line.append(
                            String.format(
                                    Locale.ROOT,
                                    " (ceiling %s %.3f, %+.0f%%)",
                                    ceiling,
                                    c.mean(),
                                    100 * c.relativeToBestReference()));
                }
            }
            List<String> standings = new ArrayList<>();
            for (String model : table.models()) {
                ResultTable.Cell c = table.cell(model, group, Evaluator.NDCG);
                if (c != null && !Double.isNaN(c.mean())) {
                    standings.add(
                            String.format(
                                    Locale.ROOT,
                                    "%s %.3f (%+.0f%%)",
                                    model,
                                    c.mean(),
                                    100 * c.relativeToBestReference()));
                }
            }
            if (!standings.isEmpty()) {
                line.append("; ").append(String.join(", ", standings));
            }
            out.add(line.toString());
            if (isSmall) {
                small.add(String.format(Locale.ROOT, "%s (%.0f)", group, users));
            }
        }
        if (!small.isEmpty()) {
            out.add(
                    "* these conclusions rest on fewer than "
                            + ProtocolWarnings.SMALL_GROUP
                            + " test users each, too few "
                            + "to tell recommenders apart by a few points: "
                            + String.join(", ", small));
        }
        return out;
    }
}
