package glocal.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultTableTest {

  private static final List<MetricRow> ROWS = List.of(
      new MetricRow(1, "baseline", "all", Evaluator.NDCG, 0.10),
      new MetricRow(2, "baseline", "all", Evaluator.NDCG, 0.30),
      new MetricRow(1, "mtl", "all", Evaluator.NDCG, 0.30),
      new MetricRow(2, "mtl", "all", Evaluator.NDCG, 0.30),
      new MetricRow(1, "mtl", "user=niche", Evaluator.NDCG, 0.05),
      new MetricRow(1, "baseline", "user=niche", Evaluator.NDCG, 0.04));

  @Test
  void foldsSeedsIntoMeanSpreadAndRelativeChangeAgainstTheBaseline() {
    ResultTable table = new ResultTable(ROWS, List.of("baseline", "mtl"), List.of("all", "user=niche"));
    ResultTable.Cell base = table.cell("baseline", "all", Evaluator.NDCG);
    assertThat(base.mean()).isCloseTo(0.20, within(1e-9));
    assertThat(base.sd()).isCloseTo(Math.sqrt(0.02), within(1e-9));
    assertThat(base.seeds()).isEqualTo(2);
    assertThat(table.cell("mtl", "all", Evaluator.NDCG).relativeToBaseline()).isCloseTo(0.5, within(1e-9));
    assertThat(table.terminal()).contains("0.300±0.000 (+50%)").contains("user=niche");
    assertThat(table.markdown()).startsWith("| group | model |");
    assertThat(table.csv()).contains("mtl,all,ndcg@20,0.300000,0.000000,2,0.500000");
  }

  @Test
  void writesTablesAndCharts(@TempDir Path dir) throws Exception {
    ResultTable table = new ResultTable(ROWS, List.of("baseline", "mtl"), List.of("all", "user=niche"));
    List<Path> files = table.write(dir, List.of("user=niche"));
    assertThat(files).contains(dir.resolve("results.csv"), dir.resolve("results.md"),
        dir.resolve("ndcg_by_user_group.png"), dir.resolve("ndcg_20_by_group.png"));
    for (Path f : files) {
      assertThat(Files.size(f)).isPositive();
    }
    assertThat(Files.readString(dir.resolve("results.md"))).contains("| all | mtl |");
  }
}
