package glocal.stream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.stream.trainer.TrainerStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoReportTest {

    private static ModelComparison.ModelResult result(
            String name, double prAucG0, double prAucAll, double localShare) {
        return new ModelComparison.ModelResult(
                name,
                Map.of(0, new ModelComparison.GroupResult(0, 10, localShare, List.of("US", "PT"))),
                new double[0],
                new double[0],
                Map.of("all", prAucAll, "territoryGroup=G0", prAucG0),
                Map.of());
    }

    @Test
    void theTablePutsTheTerritoryListBesideBothModels() {
        DemoReport report =
                new DemoReport(
                        new TrainerStatus(0, 0, 0, Float.NaN, -1, Map.of(), -1, -1),
                        List.of(result("mtl", 0.24, 0.3, 0.1), result("baseline", 0.3, 0.25, 0.05)),
                        result(ModelComparison.TERRITORY_LIST, 0.4, 0.5, 0.25),
                        List.of(),
                        1);

        String[] lines = report.table(20).split("\n");

        assertThat(lines[0].split("\\s+"))
                .containsSubsequence("PR-AUC", "PR-AUC", "PR-AUC", "change", "mtl", "/", "list");
        assertThat(lines[1].trim().split("\\s+"))
                .containsExactly("baseline", "mtl", "list", "baseline", "mtl", "list");
        // baseline, mtl, list PR-AUC; mtl's change over baseline; mtl / list; local@20 of each.
        assertThat(lines[2].trim().split("\\s+"))
                .containsExactly(
                        "G0", "US,PT", "0.3000", "0.2400", "0.4000", "-20.0%", "0.60", "0.050",
                        "0.100", "0.250");
        assertThat(lines[3].trim().split("\\s+"))
                .containsExactly("all", "0.2500", "0.3000", "0.5000", "+20.0%", "0.60");
        assertThat(lines[4]).startsWith("list: the titles most played in the user's territory");
    }
}
