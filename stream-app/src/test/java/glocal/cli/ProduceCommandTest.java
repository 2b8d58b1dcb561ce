package glocal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.data.TitleInfo;
import glocal.model.data.View;
import glocal.model.synthetic.SyntheticConfig;
import glocal.model.synthetic.SyntheticWorld;
import glocal.schemas.avro.Title;
import glocal.schemas.avro.ViewEvent;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.registry.SchemaRegistryClients;
import glocal.schemas.serde.AvroSerdes;
import glocal.stream.Topics;
import glocal.stream.Waits;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.produce.AvroMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProduceCommandTest {

    private static final String SCOPE = ProduceCommandTest.class.getSimpleName();
    private static final String REGISTRY = "mock://" + SCOPE;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static EmbeddedKafkaBroker broker;
    private static SchemaRegistryClient registry;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(TopicSpec.glocalTopics(3));
        registry = SchemaRegistryClients.create(REGISTRY);
    }

    @AfterAll
    static void stopBroker() {
        registry.close();
        MockSchemaRegistry.dropScope(SCOPE);
        broker.close();
    }

    @Test
    void syntheticTitlesAndViewsArriveAsAvroKeyedByIdAndEqualTheGenerator() {
        int events = 3000;
        long seed = 7;
        Run run =
                run(
                        "--synthetic",
                        "--events",
                        Integer.toString(events),
                        "--seed",
                        Long.toString(seed),
                        "--start",
                        Instant.ofEpochMilli(SyntheticConfig.DEFAULT_START_TIME_MS).toString());

        assertThat(run.exit).as(run.err).isZero();
        SyntheticWorld world = new SyntheticWorld(SyntheticConfig.defaults(), seed);
        List<View> expected = world.viewStream(events).toList();
        List<ConsumerRecord<String, ViewEvent>> views =
                consume(
                        Topics.VIEWS,
                        ViewEvent.class,
                        events,
                        r -> r.value().getEventId().startsWith("syn-"));
        assertThat(views).hasSize(events);
        assertThat(views).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getUserId()));
        // Same records, and each user's views in generator order (one user = one partition).
        assertThat(byUser(views.stream().map(r -> AvroMapper.fromAvro(r.value())).toList()))
                .isEqualTo(byUser(expected));

        List<TitleInfo> expectedTitles = world.titleInfos();
        List<ConsumerRecord<String, Title>> titles =
                consume(Topics.TITLES, Title.class, expectedTitles.size(), r -> true);
        assertThat(titles).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getTitleId()));
        assertThat(titles.stream().map(r -> AvroMapper.fromAvro(r.value())).toList())
                .containsExactlyInAnyOrderElementsOf(expectedTitles);

        assertThat(run.out)
                .contains(String.format("Sent %,d view events", events))
                .contains(String.format("and %,d titles before them", expectedTitles.size()))
                .contains("territories; top: US ");
    }

    @Test
    void fileViewsAreSentAndBadLinesReportedWithLineNumbers(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("views.csv");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "user_id,title_id,territory,event_time,event_type,watch_ratio,finished,skipped,event_id",
                        "file-u1,t1,FR,1767225600000,PLAY,0.9,true,false,file-e1",
                        "file-u2,t2,DE,not-a-time,PLAY,0.5,false,false,file-e2",
                        "file-u2,t3,DE,1767225601000,IMPRESSION,0,false,false,file-e3",
                        "file-u3,t1,FR,1767225602000,PLAY,1.7,true,false,file-e4",
                        "file-u3,t4,fr,1767225603000,PLAY,0.1,false,true,file-e5",
                        ""));

        Run run = run("--file", file.toString(), "--format", "csv");

        assertThat(run.exit).as("exit code flags the bad lines").isEqualTo(1);
        assertThat(run.out)
                .contains("3 views read, 2 bad lines")
                .contains("views.csv:3:")
                .contains("views.csv:5:");
        List<ConsumerRecord<String, ViewEvent>> views =
                consume(Topics.VIEWS, ViewEvent.class, 3, r -> r.key().startsWith("file-"));
        assertThat(views)
                .extracting(r -> r.value().getEventId())
                .containsExactlyInAnyOrder("file-e1", "file-e3", "file-e5");
        assertThat(views).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getUserId()));
    }

    @Test
    void missingBrokerFailsFastNamingTheAddress() {
        Run run = run("--synthetic", "--events", "10", "--bootstrap", "127.0.0.1:1");

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err)
                .contains("cannot reach Kafka at 127.0.0.1:1")
                .contains("./glocal broker");
    }

    private static Map<String, List<View>> byUser(List<View> views) {
        return views.stream()
                .collect(
                        Collectors.groupingBy(
                                View::userId, LinkedHashMap::new, Collectors.toList()))
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--bootstrap")) {
            all.addAll(List.of("--bootstrap", broker.bootstrapServers()));
        }
        all.addAll(List.of("--registry", REGISTRY));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit =
                new CommandLine(new ProduceCommand())
                        .setExecutionExceptionHandler(CliErrors.HANDLER)
                        .setOut(new PrintWriter(out, true))
                        .setErr(new PrintWriter(err, true))
                        .execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static <T extends org.apache.avro.specific.SpecificRecord>
            List<ConsumerRecord<String, T>> consume(
                    String topic,
                    Class<T> type,
                    int expected,
                    Predicate<ConsumerRecord<String, T>> wanted) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "produce-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Deserializer<T> values = AvroSerdes.specific(type, registry, false).deserializer();
        List<ConsumerRecord<String, T>> records = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            Waits.blockingPolls(expected + " records on " + topic, DEADLINE)
                    .until(
                            () -> {
                                for (ConsumerRecord<String, T> r :
                                        consumer.poll(Duration.ofMillis(200))) {
                                    if (wanted.test(r)) {
                                        records.add(r);
                                    }
                                }
                                return records.size() >= expected;
                            });
        }
        return records;
    }
}
