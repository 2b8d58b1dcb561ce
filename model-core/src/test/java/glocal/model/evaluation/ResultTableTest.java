package glocal.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultTableTest {

    private static final List<MetricRow> ROWS =
            List.of(
                    new MetricRow(1, "baseline", "all", Evaluator.NDCG, 0.10),
                    new MetricRow(2, "baseline", "all", Evaluator.NDCG, 0.30),
                    new MetricRow(1, "mtl", "all", Evaluator.NDCG, 0.30),
                    new MetricRow(2, "mtl", "all", Evaluator.NDCG, 0.30),
                    new MetricRow(1, "mtl", "user=niche", Evaluator.NDCG, 0.05),
                    new MetricRow(1, "baseline", "user=niche", Evaluator.NDCG, 0.04));

    @Test
    void foldsSeedsIntoMeanSpreadAndRelativeChangeAgainstTheBaseline() {
        ResultTable table =
                new ResultTable(ROWS, List.of("baseline", "mtl"), List.of("all", "user=niche"));
        ResultTable.Cell base = table.cell("baseline", "all", Evaluator.NDCG);
        assertThat(base.mean()).isCloseTo(0.20, within(1e-9));
        assertThat(base.sd()).isCloseTo(Math.sqrt(0.02), within(1e-9));
        assertThat(base.seeds()).isEqualTo(2);
        assertThat(table.cell("mtl", "all", Evaluator.NDCG).relativeToBaseline())
                .isCloseTo(0.5, within(1e-9));
        assertThat(table.terminal()).contains("0.300±0.000 (+50%)").contains("user=niche");
        assertThat(table.markdown()).startsWith("| group | model |");
        assertThat(table.csv()).contains("mtl,all,ndcg@20,0.300000,0.000000,2,0.500000,NaN,");
    }

    private static final List<MetricRow> WITH_REFERENCES =
            List.of(
                    new MetricRow(1, "most-popular", "all", Evaluator.NDCG, 0.20),
                    new MetricRow(1, "most-popular", "all", Evaluator.TEST_USERS, 300),
                    new MetricRow(1, "most-popular", "size=minor", Evaluator.NDCG, 0.10),
                    new MetricRow(1, "most-popular", "size=minor", Evaluator.TEST_USERS, 21),
                    new MetricRow(1, "recent-popular", "all", Evaluator.NDCG, 0.25),
                    new MetricRow(1, "recent-popular", "size=minor", Evaluator.NDCG, 0.05),
                    new MetricRow(1, "recent-popular", "all", Evaluator.PV_PR_AUC, Double.NaN),
                    new MetricRow(1, "baseline", "all", Evaluator.NDCG, 0.10),
                    new MetricRow(1, "baseline", "all", Evaluator.TEST_USERS, 300),
                    new MetricRow(1, "baseline", "size=minor", Evaluator.NDCG, 0.02),
                    new MetricRow(1, "baseline", "size=minor", Evaluator.TEST_USERS, 21),
                    new MetricRow(1, "mtl", "all", Evaluator.NDCG, 0.20),
                    new MetricRow(1, "mtl", "size=minor", Evaluator.NDCG, 0.04));

    private static ResultTable withReferences() {
        return new ResultTable(
                WITH_REFERENCES,
                List.of("most-popular", "recent-popular"),
                List.of("baseline", "mtl"),
                List.of("all", "size=minor"));
    }

    @Test
    void referencesComeFirstAndEveryModelIsComparedWithTheBestReferenceOfItsGroup() {
        ResultTable table = withReferences();
        assertThat(table.bestReference("all")).isEqualTo("recent-popular");
        assertThat(table.bestReference("size=minor")).isEqualTo("most-popular");
        assertThat(table.cell("mtl", "all", Evaluator.NDCG).relativeToBestReference())
                .isCloseTo(-0.2, within(1e-9));
        assertThat(table.cell("mtl", "size=minor", Evaluator.NDCG).relativeToBestReference())
                .isCloseTo(-0.6, within(1e-9));
        assertThat(table.cell("mtl", "all", Evaluator.NDCG).relativeToBaseline())
                .isCloseTo(1.0, within(1e-9));
        // A reference is not measured against the baseline.
        assertThat(table.cell("most-popular", "all", Evaluator.NDCG).relativeToBaseline()).isNaN();
        String terminal = table.terminal();
        List<String> lines = terminal.lines().toList();
        assertThat(lines.get(0)).contains("test_users", "held_out_plays", "ndcg@20_vs_best_ref");
        assertThat(lines.get(1)).startsWith("all ").contains("most-popular");
        assertThat(lines.get(2)).contains("recent-popular", "best ref");
        assertThat(lines.get(3)).contains("baseline", "-60%");
        assertThat(lines.get(4)).contains("mtl", "0.200 (+100%)", "-20%");
        assertThat(lines.get(2)).contains("n/a"); // pv_pr_auc of a reference
        assertThat(terminal).contains("21*");
        assertThat(table.markdown()).contains("21\\*");
        assertThat(table.isSmall("size=minor")).isTrue();
        assertThat(table.isSmall("all")).isFalse();
        assertThat(table.csv())
                .contains("mtl,all,ndcg@20,0.200000,0.000000,1,1.000000,-0.200000,recent-popular");
    }

    @Test
    void theSummarySaysWhereEachModelStandsAndWhichConclusionsRestOnFewUsers() {
        List<String> summary = ResultSummary.lines(withReferences());
        assertThat(summary)
                .containsExactly(
                        "all (300 test users): best reference recent-popular 0.250; baseline 0.100 (-60%), mtl 0.200 (-20%)",
                        "size=minor* (21 test users): best reference most-popular 0.100; baseline 0.020 (-80%), mtl 0.040 (-60%)",
                        "* these conclusions rest on fewer than 100 test users each, too few to tell recommenders apart by a few "
                                + "points: size=minor (21)");
    }

    @Test
    void writesTheReportTablesAndCharts(@TempDir Path dir) throws Exception {
        EvaluationReport report =
                new EvaluationReport(
                        List.of("split: time (...)"),
                        List.of("test base rate 0.87"),
                        withReferences());
        List<Path> files = report.write(dir, List.of("size=minor"));
        assertThat(files)
                .contains(
                        dir.resolve("results.csv"),
                        dir.resolve("results.md"),
                        dir.resolve("results.txt"),
                        dir.resolve("ndcg_by_user_group.png"),
                        dir.resolve("ndcg_20_by_group.png"));
        for (Path f : files) {
            assertThat(Files.size(f)).isPositive();
        }
        String md = Files.readString(dir.resolve("results.md"));
        assertThat(md)
                .contains(
                        "- split: time (...)",
                        "> **Warning:** test base rate 0.87",
                        "| all | mtl |",
                        "## NDCG@20 against the best reference of each group",
                        "size=minor\\* (21 test users)");
        assertThat(md.indexOf("| all | most-popular |"))
                .isLessThan(md.indexOf("| all | baseline |"));
        assertThat(Files.readString(dir.resolve("results.txt")))
                .startsWith("split: time (...)\nWARNING: test base rate");
    }
}
