package glocal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        int code =
                cli.execute(
                        "evaluate",
                        "--preset",
                        "tiny",
                        "--events",
                        "6000",
                        "--seeds",
                        "1,2",
                        "--models",
                        "baseline,mtl,tall",
                        "--tall",
                        "tall.epochs=3,tall.warmup.epochs=1",
                        "--test-users",
                        "40",
                        "--out",
                        dir.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains(
                        "group",
                        "baseline",
                        "mtl",
                        "tall",
                        "territory=EMEA",
                        "user=niche",
                        "ndcg@20",
                        "test_users",
                        "ndcg@20_vs_best_ref",
                        "split: time (the first 80% of views by event time train",
                        "local title: world",
                        "NDCG@20 against the best reference of each group");
        // The references, above the models in every group.
        String table = out.toString();
        for (String reference :
                List.of(
                        "most-popular",
                        "most-popular-territory",
                        "recent-popular",
                        "recent-popular-territory",
                        "ease",
                        "play-rates")) {
            assertThat(table).contains("all              " + reference + " ");
        }
        assertThat(table.indexOf("all              play-rates "))
                .isLessThan(table.indexOf("all              baseline "));
        assertThat(err.toString()).contains("batches");
        String csv = Files.readString(dir.resolve("results.csv"));
        assertThat(csv)
                .startsWith(
                        "model,group,metric,mean,sd,seeds,relative_to_baseline,relative_to_best_reference")
                .contains("most-popular-territory,all,ndcg@20,")
                .contains("ease,size=minor,test_users,")
                .contains("mtl,user=mainstream,ndcg@20,")
                .contains("tall,user=niche,ndcg@20,");
        assertThat(dir.resolve("results.md")).exists();
        assertThat(dir.resolve("ndcg_by_user_group.png")).exists();
        assertThat(dir.resolve("test_pr_auc_by_group.png")).exists();
        assertThat(dir.resolve("score_distribution_baseline.png")).exists();
        assertThat(dir.resolve("score_distribution_mtl.png")).exists();
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new GlocalCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    /**
     * A views file of 250 users in three territories, 12 views each; {@code impressions}: every
     * third view one.
     */
    private static Path viewsFile(Path dir, boolean impressions) throws Exception {
        List<String> lines =
                new ArrayList<>(
                        List.of("user_id,title_id,territory,event_time,event_type,watch_ratio"));
        for (int i = 0; i < 12; i++) {
            for (int u = 0; u < 250; u++) {
                boolean impression = impressions && (i + u) % 3 == 0;
                lines.add(
                        "u"
                                + u
                                + ",t"
                                + (u * 7 + i * 3) % 60
                                + ","
                                + List.of("DE", "FR", "IT").get(u % 3)
                                + ","
                                + (1_700_000_000_000L + 1000L * (i * 250 + u))
                                + ","
                                + (impression ? "IMPRESSION,0.4" : "PLAY,0.9"));
            }
        }
        Path file = dir.resolve("views.csv");
        Files.write(file, lines);
        return file;
    }

    @Test
    void
            aFileWithWatchRatiosOnImpressionsIsReadWithTheCountAndTheReferencesRankedAloneOnTheUserTimeSplit(
                    @TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        String[] r =
                run(
                        "evaluate",
                        "--file",
                        viewsFile(dir, true).toString(),
                        "--models",
                        "none",
                        "--seeds",
                        "1",
                        "--split",
                        "user-time",
                        "--out",
                        out.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[2])
                .contains(
                        "1000 impressions carried a watch ratio, finished or skipped: read as impressions");
        assertThat(r[1])
                .contains(
                        "split: user-time (each user's first 80% of views by event time train",
                        "local title: over-representation",
                        "all              recent-popular-territory ")
                .doesNotContain("baseline");
        assertThat(Files.readString(out.resolve("results.md"))).contains("- split: user-time");
    }

    @Test
    void aSplitWithoutNegativesIsSaidInTheTerminalAndTheMarkdown(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("out");
        String[] r =
                run(
                        "evaluate",
                        "--file",
                        viewsFile(dir, false).toString(),
                        "--models",
                        "none",
                        "--seeds",
                        "1",
                        "--out",
                        out.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("WARNING: the test split has no negatives");
        assertThat(Files.readString(out.resolve("results.md")))
                .contains("> **Warning:** the test split has no negatives");
        assertThat(Files.readString(out.resolve("results.csv")))
                .contains("most-popular,all,test_pr_auc,NaN");
    }

    @Test
    void coPlayContentModelsRunOnTheValidationSliceAndABadDimensionIsRejected(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("out");
        String[] r =
                run(
                        "evaluate",
                        "--file",
                        viewsFile(dir, false).toString(),
                        "--models",
                        "mtl:title.coplay=8,coplay-knn:title.coplay=4",
                        "--seeds",
                        "1",
                        "--validation",
                        "--out",
                        out.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        String csv = Files.readString(out.resolve("results.csv"));
        assertThat(csv)
                .contains(
                        "mtl:title.coplay=8,all,ndcg@20", "coplay-knn:title.coplay=4,all,ndcg@20");
        String[] bad =
                run(
                        "evaluate",
                        "--preset",
                        "tiny",
                        "--models",
                        "mtl:title.coplay=0",
                        "--seeds",
                        "1");
        assertThat(bad[0]).isNotEqualTo("0");
        assertThat(bad[2]).contains("title.coplay", "1..256");
    }

    @Test
    void anUnknownSplitAndTheWorldRuleOnAFileAreRejected(@TempDir Path dir) throws Exception {
        String[] split = run("evaluate", "--preset", "tiny", "--split", "random");
        assertThat(split[0]).isNotEqualTo("0");
        assertThat(split[2]).contains("--split random: unknown split", "user-time");
        String[] world =
                run("evaluate", "--file", viewsFile(dir, true).toString(), "--local-rule", "world");
        assertThat(world[0]).isNotEqualTo("0");
        assertThat(world[2]).contains("--local-rule world needs a synthetic preset");
    }

    @Test
    void anUnknownAdaptiveWeightsKeyIsRejectedNamingTheKeys() {
        String[] r =
                run(
                        "evaluate",
                        "--preset",
                        "tiny",
                        "--models",
                        "adaptive",
                        "--adaptive",
                        "alpha=0.2,tau=3");
        assertThat(r[0]).isNotEqualTo("0");
        assertThat(r[2]).contains("unknown key 'tau'", "window");
    }

    @Test
    void anUnknownModelIsRejectedNamingTheChoices() {
        String[] r = run("evaluate", "--preset", "tiny", "--models", "baseline,tallest");
        assertThat(r[0]).isNotEqualTo("0");
        assertThat(r[2]).contains("unknown model 'tallest'", "mtl", "tall");
    }

    @Test
    void aBadTallSettingIsRejectedNamingTheKey() {
        String[] r =
                run("evaluate", "--preset", "tiny", "--models", "tall", "--tall", "tall.experts=0");
        assertThat(r[0]).isNotEqualTo("0");
        assertThat(r[2]).contains("--tall", "tall.experts must be >= 1");
    }

    @Test
    void aGroupsValueThatIsNeitherAStrategyNorAFileIsRejectedNamingTheChoices() {
        String[] r = run("evaluate", "--preset", "tiny", "--groups", "continents");
        assertThat(r[0]).isNotEqualTo("0");
        assertThat(r[2]).contains("--groups continents", "region", "volume", "viewership");
    }
}
