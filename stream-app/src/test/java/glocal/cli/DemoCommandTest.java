package glocal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.stream.config.GlocalStreamsConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's main command, small: everything in one process, ending with the comparison table.
 */
class DemoCommandTest {

    @Test
    void theDemoKeepsAStateDirectoryTheUserSetAndOtherwiseUsesItsScratchFolder(@TempDir Path work) {
        String state = GlocalStreamsConfig.STATE_DIR_CONFIG;

        assertThat(
                        DemoCommand.demoConfig(Map.of(state, "/srv/glocal/state"), work)
                                .getString(state))
                .isEqualTo("/srv/glocal/state");
        assertThat(DemoCommand.demoConfig(Map.of(), work).getString(state))
                .isEqualTo(work.resolve("streams").toString());
    }

    @Test
    void demoRunsTheWholeSystemAndPrintsTheComparisonAndPublishedEmbeddings(@TempDir Path out)
            throws Exception {
        StringWriter text = new StringWriter();
        CommandLine cli = new CommandLine(new GlocalCommand());
        cli.setOut(new PrintWriter(text, true));
        int exit =
                cli.execute(
                        "demo",
                        "--events",
                        "20000",
                        "--users",
                        "1000",
                        "--out",
                        out.toString(),
                        "--set",
                        "glocal.batch.size=256",
                        "--set",
                        "glocal.model.embedding.dim=16",
                        "--set",
                        "glocal.model.output.dim=16",
                        "--set",
                        "glocal.model.tower.hidden=16",
                        "--set",
                        "glocal.registry.http.port=0",
                        "--set",
                        "glocal.metrics.port=-1");

        String printed = text.toString();
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("baseline", "mtl", "list", "mtl / list", "local@20");
        Matcher all =
                Pattern.compile("(?m)^all\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)").matcher(printed);
        assertThat(all.find()).as("a row over all examples in:%n%s", printed).isTrue();
        // PR-AUC of both models over the last window, computed on examples scored before training:
        // finite and above zero means real predictions were compared with real labels.
        assertThat(Double.parseDouble(all.group(1))).isBetween(0.01, 1.0);
        assertThat(Double.parseDouble(all.group(2))).isBetween(0.01, 1.0);
        // and the territory list's, counted from the same batches and scored before each counts
        assertThat(Double.parseDouble(all.group(3))).isBetween(0.01, 1.0);
        Matcher vectors =
                Pattern.compile("user u\\d+\\s+group G\\d\\s+activity \\w+\\s+model v(\\d+)")
                        .matcher(printed);
        assertThat(vectors.find()).as("published embeddings printed in:%n%s", printed).isTrue();
        assertThat(Long.parseLong(vectors.group(1))).isPositive();
        assertThat(Files.readString(out.resolve("results.txt"))).contains("G0");
        for (String plot :
                new String[] {
                    "pr-auc-by-group.png",
                    "local-share-by-group.png",
                    "score-distribution-mtl.png",
                    "score-distribution-baseline.png",
                    "pr-curves-mtl.png",
                    "pr-curves-baseline.png"
                }) {
            assertThat(ImageIO.read(out.resolve(plot).toFile())).as(plot).isNotNull();
        }
    }
}
