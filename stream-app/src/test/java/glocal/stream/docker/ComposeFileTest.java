package glocal.stream.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import glocal.cli.GlocalCommand;
import glocal.stream.Topics;
import glocal.stream.config.GlocalStreamsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * This machine has no Docker engine, so the compose file is checked as data: the services and ports
 * README promises, health checks everywhere, and that every Glocal setting and command it uses is
 * one the application knows. SnakeYAML comes onto the test classpath with Kafka (through
 * jackson-dataformat-yaml, runtime scope), so the build needs no new dependency.
 */
class ComposeFileTest {

    private static Path repoRoot;
    private static Map<String, Object> services;

    @BeforeAll
    static void parseComposeFile() throws IOException {
        repoRoot = findRepoRoot();
        try (var in = Files.newInputStream(repoRoot.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            services = map(compose.get("services"));
        }
    }

    @Test
    void runsKafkaTheRegistryGlocalAProducerAndAnEmbeddingsWatcher() {
        assertThat(services)
                .containsKeys(
                        "kafka", "schema-registry", "glocal", "trainer", "producer", "embeddings");
        assertThat(service("kafka").get("image")).isEqualTo("apache/kafka:4.1.1");
        assertThat((String) service("schema-registry").get("image"))
                .startsWith("confluentinc/cp-schema-registry:7.9.");
        for (String glocal : List.of("glocal", "trainer", "producer", "embeddings")) {
            assertThat(service(glocal).get("build"))
                    .as(glocal + " is built from the Dockerfile")
                    .isEqualTo(".");
        }
    }

    @Test
    void hostClientsReachKafkaAndTheRegistryAtTheCliDefaults() {
        Map<String, Object> kafkaEnv = environment("kafka");
        assertThat(strings(service("kafka").get("ports"))).contains("9092:29092");
        assertThat(listeners(kafkaEnv.get("KAFKA_LISTENERS"))).containsEntry("HOST", "://:29092");
        assertThat(listeners(kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS")))
                .containsEntry("HOST", "://localhost:9092")
                .containsEntry("PLAINTEXT", "://kafka:9092");
        assertThat(strings(service("schema-registry").get("ports"))).contains("8081:8081");

        // `glocal embeddings` on the host works against the stack without options.
        CommandLine.Model.CommandSpec embeddings =
                new CommandLine(new GlocalCommand())
                        .getSubcommands()
                        .get("embeddings")
                        .getCommandSpec();
        assertThat(embeddings.findOption("--bootstrap").defaultValue()).isEqualTo("127.0.0.1:9092");
        assertThat(embeddings.findOption("--registry").defaultValue())
                .isEqualTo("http://127.0.0.1:8081");
    }

    @Test
    void everyServiceHasAHealthCheckAndStartsOnlyAfterItsDependencies() {
        for (String name : services.keySet()) {
            Map<String, Object> healthcheck = map(service(name).get("healthcheck"));
            assertThat(strings(healthcheck.get("test"))).as(name + " healthcheck").isNotEmpty();
            Object dependsOn = service(name).get("depends_on");
            if (dependsOn != null) {
                map(dependsOn)
                        .forEach(
                                (dependency, spec) -> {
                                    assertThat(services)
                                            .as(name + " depends on " + dependency)
                                            .containsKey(dependency);
                                    assertThat(map(spec).get("condition"))
                                            .as(name + " waits for " + dependency)
                                            .isIn(
                                                    "service_healthy",
                                                    "service_completed_successfully");
                                });
            }
        }
        for (String glocal : List.of("glocal", "trainer")) {
            assertThat(map(service(glocal).get("depends_on")))
                    .as(glocal)
                    .containsKeys("kafka", "schema-registry", "topics");
        }
    }

    @Test
    void everyGlocalEnvironmentKeyIsOneTheApplicationReads() {
        Set<String> known = GlocalStreamsConfig.configDef().names();
        List<String> glocalKeys = new ArrayList<>();
        for (String name : services.keySet()) {
            Object env = service(name).get("environment");
            if (env == null) {
                continue;
            }
            for (String key : map(env).keySet()) {
                if (key.startsWith(GlocalStreamsConfig.ENV_PREFIX)) {
                    glocalKeys.add(key);
                    assertThat(known)
                            .as(name + ": " + key + " -> " + GlocalStreamsConfig.envToKey(key))
                            .contains(GlocalStreamsConfig.envToKey(key));
                }
            }
        }
        assertThat(glocalKeys)
                .contains(
                        "GLOCAL_BOOTSTRAP_SERVERS",
                        "GLOCAL_SCHEMA_REGISTRY_URL",
                        "GLOCAL_STATE_DIR",
                        "GLOCAL_TRAINER_CHECKPOINT_DIR");
    }

    @Test
    void glocalTalksToTheComposeServicesAndKeepsItsDataOnTheVolume() {
        for (String glocal : List.of("glocal", "trainer")) {
            Map<String, Object> env = environment(glocal);
            assertThat(env.get("GLOCAL_BOOTSTRAP_SERVERS")).as(glocal).isEqualTo("kafka:9092");
            assertThat(env.get("GLOCAL_SCHEMA_REGISTRY_URL"))
                    .as(glocal)
                    .isEqualTo("http://schema-registry:8081");
            assertThat(strings(service(glocal).get("volumes")))
                    .as(glocal)
                    .contains("glocal-data:/data");
        }
        assertThat(map(readCompose().get("volumes"))).containsKey("glocal-data");
        assertThat((String) environment("glocal").get("GLOCAL_STATE_DIR")).startsWith("/data/");
        assertThat((String) environment("trainer").get("GLOCAL_TRAINER_CHECKPOINT_DIR"))
                .startsWith("/data/");
        for (String client : List.of("producer", "embeddings")) {
            List<String> command = strings(service(client).get("command"));
            assertThat(optionValue(command, "--bootstrap")).as(client).isEqualTo("kafka:9092");
            assertThat(optionValue(command, "--registry"))
                    .as(client)
                    .isEqualTo("http://schema-registry:8081");
        }
    }

    @Test
    void glocalIsHealthyWhenThePrometheusEndpointItConfiguresAnswers() {
        String port = (String) environment("glocal").get("GLOCAL_METRICS_PORT");
        assertThat(Integer.parseInt(port)).isPositive();
        assertThat(strings(service("glocal").get("ports"))).contains(port + ":" + port);
        String probe =
                String.join(" ", strings(map(service("glocal").get("healthcheck")).get("test")));
        assertThat(probe)
                .contains("/dev/tcp/127.0.0.1/" + port)
                .contains("GET /metrics ")
                .contains(" 200");
    }

    @Test
    void everyCommandTheComposeFileRunsIsAGlocalSubcommandWithThoseOptions() {
        Map<String, CommandLine> subcommands =
                new CommandLine(new GlocalCommand()).getSubcommands();
        for (String name : List.of("glocal", "trainer", "producer", "embeddings")) {
            List<String> command = strings(service(name).get("command"));
            String subcommand = command.get(0);
            assertThat(subcommands)
                    .as(name + " runs `glocal " + subcommand + "`")
                    .containsKey(subcommand);
            CommandLine.Model.CommandSpec spec = subcommands.get(subcommand).getCommandSpec();
            for (String token : command.subList(1, command.size())) {
                if (token.startsWith("--")) {
                    assertThat(spec.findOption(token))
                            .as(name + ": `glocal " + subcommand + " " + token + "`")
                            .isNotNull();
                }
            }
            // picocli accepts the whole command line (types, required options, exclusive groups).
            assertThatCode(
                            () ->
                                    new CommandLine(new GlocalCommand())
                                            .parseArgs(command.toArray(String[]::new)))
                    .as(name)
                    .doesNotThrowAnyException();
        }
        assertThat(strings(service("glocal").get("command"))).containsExactly("streams");
        assertThat(strings(service("trainer").get("command"))).containsExactly("trainer");
        assertThat(strings(service("producer").get("command")))
                .startsWith("produce", "--synthetic");
        assertThat(strings(service("embeddings").get("command")))
                .startsWith("embeddings", "--tail");
    }

    /**
     * {@code docker compose up --scale trainer=2}: nothing of the trainer service may clash between
     * replicas, and the group switch is there to turn on.
     */
    @Test
    void theTrainerScalesWithNoContainerNameNoPublishedPortAndTheGroupSwitch() {
        Map<String, Object> trainer = service("trainer");
        assertThat(trainer).doesNotContainKeys("container_name", "ports", "hostname");
        assertThat(environment("trainer").get("GLOCAL_TRAINER_GROUP_ENABLED"))
                .isEqualTo("${GLOCAL_TRAINER_GROUP_ENABLED:-false}");
        String probe = String.join(" ", strings(map(trainer.get("healthcheck")).get("test")));
        assertThat(probe)
                .contains(
                        "/dev/tcp/127.0.0.1/" + environment("trainer").get("GLOCAL_METRICS_PORT"));
    }

    @Test
    void topicsJobCreatesExactlyGlocalsTopicsWithTheirPolicies() {
        Map<String, Object> env = environment("topics");
        Set<String> plain = words(env.get("TOPICS"));
        Set<String> compacted = words(env.get("COMPACTED_TOPICS"));

        Set<String> all = new HashSet<>(plain);
        all.addAll(compacted);
        assertThat(all).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(plain.size() + compacted.size()).isEqualTo(Topics.ALL.size());
        assertThat(compacted).containsExactlyInAnyOrderElementsOf(Topics.COMPACTED);
        assertThat(plain).contains(Topics.TRAINING_BATCHES);
        assertThat(env).doesNotContainKey("SINGLE_PARTITION_TOPICS");
    }

    @Test
    void dockerfileCopiesTheShadedJarTheEntrypointRuns() throws IOException {
        String dockerfile = Files.readString(repoRoot.resolve("Dockerfile"));
        assertThat(dockerfile)
                .contains("FROM maven:3.9-eclipse-temurin-17 AS build")
                .contains("mvn -B -DskipTests package")
                .contains("FROM eclipse-temurin:17-jre")
                .contains("COPY --from=build /src/stream-app/target/glocal.jar /app/glocal.jar")
                .contains(
                        "ENTRYPOINT [\"java\", \"-XX:+UseParallelGC\", \"-Dai.djl.offline=true\", \"-jar\", \"/app/glocal.jar\"]");
        assertThat(Files.readString(repoRoot.resolve("stream-app/pom.xml")))
                .contains("<finalName>glocal</finalName>");
        assertThat(Files.readAllLines(repoRoot.resolve(".dockerignore")))
                .contains("**/target", ".git");
    }

    private static Path findRepoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        assertThat(dir)
                .as("a docker-compose.yml above " + Path.of("").toAbsolutePath())
                .isNotNull();
        return dir;
    }

    private static Map<String, Object> readCompose() {
        try (var in = Files.newInputStream(repoRoot.resolve("docker-compose.yml"))) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return map(services.get(name));
    }

    private static Map<String, Object> environment(String service) {
        return map(service(service).get("environment"));
    }

    /** {@code NAME://host:port,...} as NAME -> {@code ://host:port}. */
    private static Map<String, String> listeners(Object value) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String listener : ((String) value).split(",")) {
            int at = listener.indexOf("://");
            out.put(listener.substring(0, at), listener.substring(at));
        }
        return out;
    }

    private static String optionValue(List<String> command, String option) {
        int at = command.indexOf(option);
        assertThat(at).as(option + " in " + command).isNotNegative();
        return command.get(at + 1);
    }

    private static Set<String> words(Object value) {
        return new HashSet<>(Arrays.asList(((String) value).trim().split("\\s+")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return ((List<Object>) value).stream().map(String::valueOf).toList();
    }
}
