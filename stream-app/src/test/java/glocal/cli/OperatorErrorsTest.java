package glocal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.registry.MockSchemaRegistry;
import glocal.schemas.registry.server.EmbeddedRegistry;
import glocal.schemas.registry.server.RegistryServerConfig;
import glocal.stream.BlackHole;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What an operator sees when the start goes wrong: one line on stderr naming the address, port, key
 * or file (and its environment variable), exit code 1, no banner, and quickly. Every command runs
 * in process through {@link GlocalCommand#commandLine()}, as {@code ./glocal} runs it.
 */
class OperatorErrorsTest {

    private static final String SCOPE = OperatorErrorsTest.class.getSimpleName();
    private static final String SERVICE_BOOTSTRAP =
            "glocal.bootstrap.servers / --bootstrap / GLOCAL_BOOTSTRAP_SERVERS";

    private static EmbeddedRegistry registry;
    private static EmbeddedKafkaBroker broker;

    @TempDir static Path dataDir;

    @BeforeAll
    static void start() {
        registry = EmbeddedRegistry.start(SCOPE, RegistryServerConfig.defaults());
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(TopicSpec.glocalTopics(1));
    }

    @AfterAll
    static void stop() {
        broker.close();
        registry.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "streams                  | glocal.bootstrap.servers / --bootstrap / GLOCAL_BOOTSTRAP_SERVERS",
                "trainer                  | glocal.bootstrap.servers / --bootstrap / GLOCAL_BOOTSTRAP_SERVERS",
                "run                      | glocal.bootstrap.servers / --bootstrap / GLOCAL_BOOTSTRAP_SERVERS",
                "produce --synthetic      | (--bootstrap)",
                "embeddings --user u1     | (--bootstrap)"
            })
    void aBrokerNobodyListensOnIsOneLineNamingTheAddress(String command, String setBy)
            throws IOException {
        String bootstrap = "127.0.0.1:" + BlackHole.unusedPort();
        Run run = run(command, "--bootstrap", bootstrap, "--registry", registry.httpUrl());

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith(
                        "glocal "
                                + command.split(" ")[0]
                                + ": cannot reach Kafka at "
                                + bootstrap
                                + " ("
                                + bootstrap
                                + ": connection refused)")
                .contains(setBy)
                .endsWith(
                        "is the broker running and the address right? (./glocal broker starts one)");
        assertThat(run.out).doesNotContain("running");
    }

    /** One address refuses, the other accepts connections and never answers. */
    @Test
    void aPortThatAcceptsButIsNoBrokerFailsWithinTheCheckTimeout() throws Exception {
        try (BlackHole hole = new BlackHole()) {
            String bootstrap = "127.0.0.1:" + BlackHole.unusedPort() + ",127.0.0.1:" + hole.port();
            Run run =
                    run(
                            "streams",
                            "--bootstrap",
                            bootstrap,
                            "--registry",
                            registry.httpUrl(),
                            "--set",
                            "glocal.startup.check.timeout.ms=1500");

            assertThat(run.exit).isEqualTo(1);
            assertThat(run.errLines())
                    .singleElement()
                    .asString()
                    .isEqualTo(
                            "glocal streams: cannot reach Kafka at "
                                    + bootstrap
                                    + " within 1500 ms: a TCP port answered, "
                                    + "but no Kafka broker did (or its advertised listeners are not reachable from here) ("
                                    + SERVICE_BOOTSTRAP
                                    + "): is the broker running and the address right? (./glocal broker starts one)");
            assertThat(hole.connections()).as("the check did talk to the port").isPositive();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "streams                  | glocal.schema.registry.url / --registry / GLOCAL_SCHEMA_REGISTRY_URL",
                "trainer                  | glocal.schema.registry.url / --registry / GLOCAL_SCHEMA_REGISTRY_URL",
                "run                      | glocal.schema.registry.url / --registry / GLOCAL_SCHEMA_REGISTRY_URL",
                "produce --synthetic      | (--registry)",
                "embeddings --user u1     | (--registry)"
            })
    void aRegistryNobodyListensOnIsOneLineNamingTheUrl(String command, String setBy)
            throws IOException {
        String url = "http://127.0.0.1:" + BlackHole.unusedPort();
        Run run = run(command, "--bootstrap", broker.bootstrapServers(), "--registry", url);

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith(
                        "glocal "
                                + command.split(" ")[0]
                                + ": cannot reach the schema registry at "
                                + url
                                + " (connection refused)")
                .contains(setBy)
                .contains("is it running and the URL right?");
    }

    @Test
    void aRegistryThatNeverAnswersFailsWithinTheCheckTimeout() throws Exception {
        try (BlackHole hole = new BlackHole()) {
            String url = "http://127.0.0.1:" + hole.port();
            Run run =
                    run(
                            "trainer",
                            "--bootstrap",
                            broker.bootstrapServers(),
                            "--registry",
                            url,
                            "--set",
                            "glocal.startup.check.timeout.ms=1000");

            assertThat(run.exit).isEqualTo(1);
            assertThat(run.errLines())
                    .singleElement()
                    .asString()
                    .startsWith(
                            "glocal trainer: cannot reach the schema registry at "
                                    + url
                                    + " (no answer within 1 s)");
        }
    }

    @Test
    void aMisspelledKeyNamesTheClosestKnownKeyAndWhereItCameFrom(@TempDir Path dir)
            throws IOException {
        Run set = run("config", "--set", "glocal.batchsize=512");
        assertThat(set.exit).isEqualTo(1);
        assertThat(set.errLines())
                .containsExactly(
                        "glocal config: unknown configuration key glocal.batchsize (from --set):"
                                + " did you mean glocal.batch.size? ./glocal config --markdown lists every key");

        Path file =
                Files.writeString(
                        dir.resolve("glocal.properties"),
                        "glocal.batch.size=512\nglocal.quer.port=7071\n");
        Run fromFile =
                run(
                        "streams",
                        "--config",
                        file.toString(),
                        "--bootstrap",
                        broker.bootstrapServers(),
                        "--registry",
                        registry.httpUrl());
        assertThat(fromFile.exit).isEqualTo(1);
        assertThat(fromFile.errLines())
                .singleElement()
                .asString()
                .contains(
                        "unknown configuration key glocal.quer.port (from config file "
                                + file
                                + ")")
                .contains("did you mean glocal.query.port?");
    }

    @Test
    void keysOutsideGlocalAreStillAccepted() {
        Run run = run("config", "--set", "some.tool.key=1", "--set", "glocal.batch.size=512");
        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out).contains("glocal.batch.size=512");
    }

    @Test
    void aMissingOrUnreadableConfigFileIsOneLineNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        Run run =
                run(
                        "streams",
                        "--config",
                        missing.toString(),
                        "--bootstrap",
                        broker.bootstrapServers());
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.errLines())
                .containsExactly(
                        "glocal streams: config file "
                                + missing
                                + " does not exist (--config):"
                                + " give the path of a properties file of glocal.* keys, e.g. glocal.batch.size=512");

        Run directory =
                run(
                        "trainer",
                        "--config",
                        dir.toString(),
                        "--bootstrap",
                        broker.bootstrapServers());
        assertThat(directory.exit).isEqualTo(1);
        assertThat(directory.errLines())
                .singleElement()
                .asString()
                .startsWith("glocal trainer: config file " + dir + " is a directory (--config)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "streams | glocal.query.port         | localhost | the query endpoint",
                "streams | glocal.metrics.port       | 0.0.0.0   | the Prometheus endpoint",
                "trainer | glocal.metrics.port       | 0.0.0.0   | the Prometheus endpoint"
            })
    void aPortInUseIsOneLineNamingThePortTheKeyAndItsVariable(
            String command, String key, String host, String what) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            int port = taken.getLocalPort();
            Run run =
                    run(
                            command,
                            "--bootstrap",
                            broker.bootstrapServers(),
                            "--registry",
                            registry.httpUrl(),
                            "--set",
                            key + "=" + port);

            assertThat(run.exit).isEqualTo(1);
            String env = key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
            assertThat(run.errLines())
                    .containsExactly(
                            "glocal "
                                    + command
                                    + ": port "
                                    + port
                                    + " on "
                                    + host
                                    + " is already in use, so "
                                    + what
                                    + " cannot start ("
                                    + key
                                    + " / "
                                    + env
                                    + "): stop the process that holds it or choose another port (0 picks a free one)");
            assertThat(run.out).doesNotContain("running");
        }
    }

    @Test
    void theEmbeddedRegistrysPortInUseIsOneLineNamingItsKey() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Run run =
                    run(
                            "run",
                            "--bootstrap",
                            broker.bootstrapServers(),
                            "--registry",
                            "mock://" + SCOPE + "-run",
                            "--set",
                            "glocal.registry.http.port=" + port);

            assertThat(run.exit).isEqualTo(1);
            assertThat(run.errLines())
                    .containsExactly(
                            "glocal run: port "
                                    + port
                                    + " on 127.0.0.1 is already in use, so"
                                    + " the embedded schema registry cannot start (glocal.registry.http.port / GLOCAL_REGISTRY_HTTP_PORT):"
                                    + " stop the process that holds it or choose another port (0 picks a free one)");
        } finally {
            MockSchemaRegistry.dropScope(SCOPE + "-run");
        }
    }

    @Test
    void theRegistryCommandsPortInUseIsAUsageErrorNamingTheOption() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Run run = run("registry", "--port", Integer.toString(port), "--in-memory");

            assertThat(run.exit).isEqualTo(2);
            assertThat(run.err)
                    .contains("--port " + port + ": 127.0.0.1:" + port + " is already in use");
        }
    }

    private record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    /**
     * Runs {@code ./glocal <command> <args>} in process; places on disk go to the test's directory.
     */
    private static Run run(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command.split(" ")));
        all.addAll(List.of(args));
        if (List.of("streams", "trainer", "run").contains(all.get(0))) {
            all.addAll(
                    List.of(
                            "--set",
                            "glocal.data.dir=" + dataDir.resolve("data"),
                            "--set",
                            "glocal.state.dir=" + dataDir.resolve("state"),
                            "--set",
                            "glocal.trainer.checkpoint.dir=" + dataDir.resolve("checkpoints")));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit =
                GlocalCommand.commandLine()
                        .setOut(new PrintWriter(out, true))
                        .setErr(new PrintWriter(err, true))
                        .execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }
}
