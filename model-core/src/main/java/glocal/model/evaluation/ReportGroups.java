package glocal.model.evaluation;

import glocal.model.metrics.GroupedBinaryMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of the report's groups: {@code territory=...} for a territory group, {@code user=...}
 * for a user group, {@code size=...} for a territory's size class, beside {@link
 * GroupedBinaryMetrics#ALL}.
 */
final class ReportGroups {

    private ReportGroups() {}

    static String sizeGroup(EvaluationData data, String territory) {
        return "size=" + data.territorySizes().classOf(territory);
    }

    static String territoryGroup(EvaluationData data, int group) {
        return "territory=" + data.grouping().label(group);
    }

    static String userGroup(EvaluationData data, String user) {
        return userGroupName(data.userGroups().labelOf(user));
    }

    /** The report group of user group {@code label}, e.g. {@code user=niche}. */
    static String userGroupName(String label) {
        return "user=" + label;
    }

    /**
     * The groups in report order: all, territory groups, user groups niche first, then minor and
     * major territories.
     */
    static List<String> groupOrder(EvaluationData data) {
        List<String> out = new ArrayList<>();
        out.add(GroupedBinaryMetrics.ALL);
        for (int g = 0; g < data.grouping().groups(); g++) {
            out.add(territoryGroup(data, g));
        }
        for (String label : data.userGroups().labels()) {
            out.add(userGroupName(label));
        }
        out.add("size=" + TerritorySizes.MINOR);
        out.add("size=" + TerritorySizes.MAJOR);
        return out;
    }
}
