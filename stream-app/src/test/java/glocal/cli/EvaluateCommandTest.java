package glocal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateCommandTest {

  @Test
  void tinyPresetPrintsTheTableAndWritesCsvMarkdownAndCharts(@TempDir Path dir) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new GlocalCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("evaluate", "--preset", "tiny", "--events", "6000", "--seeds", "1,2",
        "--models", "baseline,mtl,tall", "--tall", "tall.epochs=3,tall.warmup.epochs=1", "--test-users", "40",
        "--out", dir.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("group", "baseline", "mtl", "tall", "territory=EMEA", "user=niche",
        "ndcg@20");
    assertThat(err.toString()).contains("batches");
    String csv = Files.readString(dir.resolve("results.csv"));
    assertThat(csv).startsWith("model,group,metric,mean,sd,seeds,relative_to_baseline")
        .contains("mtl,user=mainstream,ndcg@20,").contains("tall,user=niche,ndcg@20,");
    assertThat(dir.resolve("results.md")).exists();
    assertThat(dir.resolve("ndcg_by_user_group.png")).exists();
    assertThat(dir.resolve("test_pr_auc_by_group.png")).exists();
    assertThat(dir.resolve("score_distribution_baseline.png")).exists();
    assertThat(dir.resolve("score_distribution_mtl.png")).exists();
  }

  @Test
  void anUnknownAdaptiveWeightsKeyIsRejectedNamingTheKeys() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new GlocalCommand());
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("evaluate", "--preset", "tiny", "--models", "adaptive", "--adaptive", "alpha=0.2,tau=3");
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("unknown key 'tau'", "window");
  }

  @Test
  void anUnknownModelIsRejectedNamingTheChoices() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new GlocalCommand());
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("evaluate", "--preset", "tiny", "--models", "baseline,tallest");
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("unknown model 'tallest'", "mtl", "tall");
  }

  @Test
  void aBadTallSettingIsRejectedNamingTheKey() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new GlocalCommand());
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("evaluate", "--preset", "tiny", "--models", "tall", "--tall", "tall.experts=0");
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("--tall", "tall.experts must be >= 1");
  }

  @Test
  void aGroupsValueThatIsNeitherAStrategyNorAFileIsRejectedNamingTheChoices() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new GlocalCommand());
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("evaluate", "--preset", "tiny", "--groups", "continents");
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("--groups continents", "region", "volume", "viewership");
  }
}
