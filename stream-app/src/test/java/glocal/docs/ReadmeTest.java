package glocal.docs;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.stream.Topics;
import glocal.stream.config.GlocalStreamsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README.md stays true: its set-up commands are CI's, and it documents every key and topic. */
class ReadmeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static String readme() throws IOException {
        return Files.readString(ROOT.resolve("README.md"));
    }

    @Test
    void testCommandIsExactlyWhatCiRuns() throws IOException {
        assertThat(readme())
                .contains("```\nmvn -B verify\n```")
                .contains("```\n./glocal demo\n```");
        assertThat(Files.readString(ROOT.resolve(".ci/run")))
                .containsPattern("(?m)^mvn -B verify$");
    }

    @Test
    void everyConfigurationKeyIsDocumentedWithItsEnvironmentVariable() throws IOException {
        String readme = readme();
        for (String key : GlocalStreamsConfig.configDef().names()) {
            assertThat(readme)
                    .as("README documents " + key)
                    .contains("`" + key + "`")
                    .contains("`" + GlocalStreamsConfig.keyToEnv(key) + "`");
        }
    }

    @Test
    void theConfigurationTableIsTheOneGlocalConfigMarkdownPrints() throws IOException {
        // Defaults and valid values as the code has them, not as they were when the table was
        // last pasted.
        String table = GlocalStreamsConfig.markdownTable().strip();
        assertThat(readme()).contains(table);
        assertThat(table).doesNotContain("$$Lambda");
    }

    @Test
    void everyTopicIsDocumented() throws IOException {
        String readme = readme();
        for (String topic : Topics.ALL) {
            assertThat(readme)
                    .as("README documents topic " + topic)
                    .contains("| `" + topic + "` |");
        }
    }
}
