package glocal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.TitleEmbedding;
import glocal.schemas.avro.UserEmbedding;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.stream.Topics;
import glocal.stream.Waits;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.serde.GlocalSerdes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EmbeddingsCommandTest {

    private static final String SCOPE = "EmbeddingsCommandTest";
    private static final String REGISTRY = MockSchemaRegistry.SCHEME + SCOPE;
    private static final Instant UPDATED = Instant.parse("2026-11-23T17:00:00Z");

    private static EmbeddedKafkaBroker broker;
    private static GlocalSerdes serdes;

    @BeforeAll
    static void writeEmbeddings() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(
                TopicSpec.compacted(Topics.USER_EMBEDDINGS, 2),
                TopicSpec.compacted(Topics.TITLE_EMBEDDINGS, 2));
        serdes = GlocalSerdes.forUrl(REGISTRY);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            user(producer, "u1", 1, 1, 0, 0);
            user(producer, "u2", 3, 0, 0, 1);
            user(producer, "u1", 2, 0, 1, 0); // the latest vector of u1 wins
            title(producer, "t2", 0, 2, 0); // would rank first, but is replaced below
            title(producer, "t1", 0.1f, 0.9f, 0);
            title(producer, "t2", 0.5f, 0.5f, 0);
            title(producer, "t3", 0, 0.2f, 5);
            title(producer, "t4", 1, 0, 0);
            title(producer, "t5", 0, 9); // another dimension: cannot be scored
            title(producer, "t6", 0, 3, 0);
            producer.send(new ProducerRecord<>(Topics.TITLE_EMBEDDINGS, "t6", null))
                    .get(); // deleted
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void showsTheLatestVectorOfTheUserAndTheTopTitlesByDotProduct() {
        StringWriter out = new StringWriter();
        int exit =
                cli(out, new StringWriter())
                        .execute(
                                "--user",
                                "u1",
                                "--k",
                                "3",
                                "--bootstrap",
                                broker.bootstrapServers(),
                                "--registry",
                                REGISTRY);

        assertThat(exit).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("user u1  territory group g1  activity high");
        assertThat(lines.get(1))
                .isEqualTo(
                        "model version 2  updated 2026-11-23T17:00:00Z  3 dimensions  norm 1.0000");
        assertThat(lines.get(2)).isEqualTo("vector [0.0000, 1.0000, 0.0000]");
        assertThat(lines.get(3))
                .isEqualTo(
                        "top 3 of 4 titles by dot product (1 titles skipped: vector size is not 3):");
        assertThat(lines.subList(4, lines.size()))
                .extracting(l -> Arrays.asList(l.trim().split("\\s+")))
                .containsExactly(
                        List.of("1", "t1", "0.9000", "LOCAL:BR"),
                        List.of("2", "t2", "0.5000", "GLOBAL"),
                        List.of("3", "t3", "0.2000", "GLOBAL"));
    }

    @Test
    void unknownUserExitsWithOneAndSaysWhatWasRead() {
        StringWriter err = new StringWriter();
        int exit =
                cli(new StringWriter(), err)
                        .execute(
                                "--user",
                                "nobody",
                                "--bootstrap",
                                broker.bootstrapServers(),
                                "--registry",
                                REGISTRY);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains(
                        "user nobody has no vector in user-embeddings on "
                                + broker.bootstrapServers()
                                + " (2 users there)");
    }

    @Test
    void tailFromTheBeginningPrintsOneLinePerUpdateUpToMax() {
        StringWriter out = new StringWriter();
        int exit =
                cli(out, new StringWriter())
                        .execute(
                                "--tail",
                                "--from-beginning",
                                "--max",
                                "3",
                                "--bootstrap",
                                broker.bootstrapServers(),
                                "--registry",
                                REGISTRY);

        assertThat(exit).isZero();
        List<String> lines = out.toString().lines().toList();
        String u1First = "u1  group=g1  version=1  norm=1.0000  [1.0000, 0.0000, 0.0000]";
        String u1Second = "u1  group=g1  version=2  norm=1.0000  [0.0000, 1.0000, 0.0000]";
        assertThat(lines)
                .containsExactlyInAnyOrder(
                        u1First,
                        u1Second,
                        "u2  group=g1  version=3  norm=1.0000  [0.0000, 0.0000, 1.0000]");
        assertThat(lines.indexOf(u1First)).isLessThan(lines.indexOf(u1Second));
    }

    @Test
    void tailStartsAtTheEndAndPrintsOnlyNewUpdates() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = cli(out, new StringWriter());
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            Future<Integer> exit =
                    runner.submit(
                            () ->
                                    cli.execute(
                                            "--tail",
                                            "--max",
                                            "1",
                                            "--bootstrap",
                                            broker.bootstrapServers(),
                                            "--registry",
                                            REGISTRY));
            // The tail may not be positioned yet when the first update is sent: keep sending a new
            // user
            // until it prints one.
            AtomicInteger version = new AtomicInteger(100);
            Integer code =
                    Waits.blockingPolls("the tail printed an update", Duration.ofSeconds(60))
                            .until(
                                    () -> {
                                        user(producer, "u3", version.getAndIncrement(), 0, 3, 4);
                                        try {
                                            return exit.get(500, TimeUnit.MILLISECONDS);
                                        } catch (TimeoutException stillWaiting) {
                                            return null; // no line yet: send another update
                                        }
                                    },
                                    Objects::nonNull);
            assertThat(code).isZero();
            assertThat(out.toString().lines().toList())
                    .singleElement()
                    .asString()
                    .startsWith("u3  group=g1  version=")
                    .endsWith("norm=5.0000  [0.0000, 3.0000, 4.0000]");
        } finally {
            runner.shutdownNow();
        }
    }

    @Test
    void recordsWrittenAgainstAnotherRegistryFailWithAMessageNamingTheRegistry() {
        String otherRegistry = MockSchemaRegistry.SCHEME + SCOPE + "-empty";
        StringWriter err = new StringWriter();
        try {
            int exit =
                    cli(new StringWriter(), err)
                            .execute(
                                    "--user",
                                    "u1",
                                    "--bootstrap",
                                    broker.bootstrapServers(),
                                    "--registry",
                                    otherRegistry);

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString())
                    .startsWith("glocal embeddings: could not decode user-embeddings-")
                    .contains("with the registry at " + otherRegistry)
                    .contains("Set --registry");
        } finally {
            MockSchemaRegistry.dropScope(SCOPE + "-empty");
        }
    }

    @Test
    void eitherUserOrTailIsRequired() {
        StringWriter err = new StringWriter();
        int exit = cli(new StringWriter(), err).execute("--bootstrap", broker.bootstrapServers());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("give --user U to show a user, or --tail to follow updates");
    }

    private static CommandLine cli(StringWriter out, StringWriter err) {
        return new CommandLine(new EmbeddingsCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private static void user(
            KafkaProducer<String, byte[]> producer, String id, long version, float... vector)
            throws Exception {
        UserEmbedding value =
                UserEmbedding.newBuilder()
                        .setUserId(id)
                        .setTerritoryGroup("g1")
                        .setVector(floats(vector))
                        .setModelVersion(version)
                        .setUpdatedAt(UPDATED)
                        .setActivityGroup("high")
                        .build();
        producer.send(
                        new ProducerRecord<>(
                                Topics.USER_EMBEDDINGS,
                                id,
                                serdes.userEmbedding()
                                        .serializer()
                                        .serialize(Topics.USER_EMBEDDINGS, value)))
                .get();
    }

    private static void title(KafkaProducer<String, byte[]> producer, String id, float... vector)
            throws Exception {
        TitleEmbedding value =
                TitleEmbedding.newBuilder()
                        .setTitleId(id)
                        .setVector(floats(vector))
                        .setModelVersion(2)
                        .setUpdatedAt(UPDATED)
                        .setTitleClass(id.equals("t1") ? "LOCAL:BR" : "GLOBAL")
                        .build();
        producer.send(
                        new ProducerRecord<>(
                                Topics.TITLE_EMBEDDINGS,
                                id,
                                serdes.titleEmbedding()
                                        .serializer()
                                        .serialize(Topics.TITLE_EMBEDDINGS, value)))
                .get();
    }

    private static List<Float> floats(float... values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return List.of(boxed);
    }
}
