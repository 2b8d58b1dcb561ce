package glocal.stream.query;

import static glocal.stream.config.GlocalStreamsConfig.*;
import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.TerritoryGroups;
import glocal.schemas.avro.TrainingBatch;
import glocal.schemas.avro.ViewEvent;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.stream.Topics;
import glocal.stream.activity.ActivityProcessor;
import glocal.stream.app.GlocalStreamsApp;
import glocal.stream.app.TestApps;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.serde.GlocalSerdes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stream-side instances of one application on the embedded broker, one views partition each: a
 * user's state is asked of the instance that does not host the user's partition and comes back
 * forwarded from the one that does, a territory's top-K adds the partial counts of both, and the
 * territory grouping computed from viewership is the same in both instances' training batches.
 */
class QueryAcrossInstancesEndToEndTest {

    private static final String SCOPE = "QueryAcrossInstancesEndToEndTest";
    private static final int USERS = 20;

    @Test
    void eitherInstanceAnswersForTheOthersUsersAndCountsAndBothUseOneGrouping(@TempDir Path dir)
            throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(TopicSpec.glocalTopics(2));
            GlocalSerdes serdes = GlocalSerdes.forUrl(MockSchemaRegistry.SCHEME + SCOPE);
            try (GlocalStreamsApp a = app(broker, serdes, dir.resolve("a"));
                    GlocalStreamsApp b = app(broker, serdes, dir.resolve("b"))) {
                a.start(Duration.ofSeconds(60));
                b.start(Duration.ofSeconds(60));
                TestApps.awaitOneViewsPartitionEach(a.streams(), b.streams());
                produce(broker, serdes);

                // Every user played t1 in US once and their own title: US/t1 is counted on both
                // instances.
                String top =
                        awaitBody(
                                a,
                                "/territories/US/top?k=1",
                                body -> body.contains("\"count\":" + USERS));
                assertThat(top)
                        .isEqualTo(
                                "{\"territory\":\"US\",\"top\":[{\"titleId\":\"t1\",\"count\":"
                                        + USERS
                                        + "}]}");
                assertThat(
                                awaitBody(
                                        b,
                                        "/titles/t1/popularity",
                                        body -> body.contains("\"total\":" + USERS)))
                        .contains("\"byTerritory\":{\"US\":" + USERS + "}");

                int remoteUsersAskedOfA = 0;
                for (int u = 0; u < USERS; u++) {
                    String user = "u" + u;
                    GlocalStreamsApp host = hostOf(a, b, user);
                    GlocalStreamsApp other = host == a ? b : a;
                    String body =
                            awaitBody(other, "/users/" + user, s -> s.contains("\"totalViews\":2"));
                    assertThat(body)
                            .contains("\"userId\":\"" + user + "\"")
                            .contains("\"recentTitles\":[\"own" + u + "\",\"t1\"]");
                    remoteUsersAskedOfA += other == a ? 1 : 0;
                }
                // Both directions of forwarding were exercised: users of each partition were asked
                // of the other instance.
                assertThat(remoteUsersAskedOfA).isBetween(1, USERS - 1);

                // The task of partition 0 published the grouping it computed; both tasks' later
                // batches use it.
                int published = publishedGroupingVersion(broker, serdes);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                Map<Integer, Integer> lastVersionByPartition = new HashMap<>();
                try (KafkaConsumer<String, TrainingBatch> batches =
                        consumer(
                                broker,
                                new StringDeserializer(),
                                serdes.trainingBatch().deserializer())) {
                    batches.subscribe(List.of(Topics.TRAINING_BATCHES));
                    while (System.nanoTime() < deadline
                            && !(published == lastVersionByPartition.getOrDefault(0, -1)
                                    && published == lastVersionByPartition.getOrDefault(1, -1))) {
                        produce(
                                broker,
                                serdes); // more views: their examples are built after the grouping
                        // arrived
                        for (var r : batches.poll(Duration.ofMillis(1_000))) {
                            lastVersionByPartition.put(
                                    glocal.stream.examples.BatchIds.partition(r.key()),
                                    r.value().getGroupingVersion());
                        }
                    }
                }
                assertThat(lastVersionByPartition)
                        .containsEntry(0, published)
                        .containsEntry(1, published);
                assertThat(a.failure()).isNull();
                assertThat(b.failure()).isNull();
            }
        } finally {
            MockSchemaRegistry.dropScope(SCOPE);
        }
    }

    private static GlocalStreamsApp app(
            EmbeddedKafkaBroker broker, GlocalSerdes serdes, Path stateDir) throws Exception {
        Map<String, Object> props = TestApps.props(broker, SCOPE, "glocal-two-instances", stateDir);
        props.put(NEGATIVES_PER_POSITIVE_CONFIG, 0);
        props.put(BATCH_LINGER_MS_CONFIG, 300L);
        return TestApps.app(props, broker, serdes);
    }

    private static GlocalStreamsApp hostOf(GlocalStreamsApp a, GlocalStreamsApp b, String user) {
        HostInfo host =
                a.streams()
                        .queryMetadataForKey(
                                ActivityProcessor.STORE, user, Serdes.String().serializer())
                        .activeHost();
        return host.port() == a.queryPort() ? a : b;
    }

    /** The version of the grouping on territory-groups (waits for it). */
    private static int publishedGroupingVersion(EmbeddedKafkaBroker broker, GlocalSerdes serdes) {
        try (KafkaConsumer<String, TerritoryGroups> c =
                consumer(
                        broker,
                        new StringDeserializer(),
                        serdes.territoryGroups().deserializer())) {
            c.subscribe(List.of(Topics.TERRITORY_GROUPS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    assertThat(r.key()).isEqualTo("grouping");
                    assertThat(r.value().getGroups()).containsKey("US");
                    return r.value().getVersion();
                }
            }
            throw new AssertionError(
                    "no grouping was published on " + Topics.TERRITORY_GROUPS + " within 60 s");
        }
    }

    private static <V> KafkaConsumer<String, V> consumer(
            EmbeddedKafkaBroker broker,
            StringDeserializer keys,
            org.apache.kafka.common.serialization.Deserializer<V> values) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, keys, values);
    }

    private static int wave;
    private static final String[] FIRST_PARTITION_TERRITORIES = {"BR", "DE", "FR"};
    private static final String[] SECOND_PARTITION_TERRITORIES = {"JP", "KR", "IN"};

    /** The views partition the producer's default partitioner picks for a user id key (of two). */
    private static int partitionOf(String user) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                        org.apache.kafka.common.utils.Utils.murmur2(
                                user.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                % 2;
    }

    private static void produce(EmbeddedKafkaBroker broker, GlocalSerdes serdes) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        long now = System.currentTimeMillis();
        int w = wave++;
        try (KafkaProducer<String, ViewEvent> producer =
                new KafkaProducer<>(p, new StringSerializer(), serdes.viewEvent().serializer())) {
            for (int u = 0; u < USERS; u++) {
                for (String title : List.of("t1", "own" + u)) {
                    long time = now + u * 10L + (title.equals("t1") ? 0 : 1);
                    // t1 in US for everyone; the user's own title in a territory of the user's
                    // partition's
                    // own set, so the two partitions count different territories (and would compute
                    // different groupings on their own).
                    String[] own =
                            partitionOf("u" + u) == 0
                                    ? FIRST_PARTITION_TERRITORIES
                                    : SECOND_PARTITION_TERRITORIES;
                    String territory = title.equals("t1") ? "US" : own[u % own.length];
                    ViewEvent v =
                            ViewEvent.newBuilder()
                                    .setEventId("e-" + w + "-" + u + "-" + title)
                                    .setUserId("u" + u)
                                    .setTitleId(title)
                                    .setTerritory(territory)
                                    .setEventTime(Instant.ofEpochMilli(time))
                                    .setEventType(EventType.PLAY)
                                    .setWatchRatio(0.5f)
                                    .setFinished(false)
                                    .setSkipped(false)
                                    .build();
                    producer.send(new ProducerRecord<>(Topics.VIEWS, null, time, v.getUserId(), v));
                }
            }
            producer.flush();
        }
    }

    /**
     * GETs {@code path} until a 200 whose body passes {@code done} (the stores answer from the last
     * commit).
     */
    private static String awaitBody(
            GlocalStreamsApp app, String path, java.util.function.Predicate<String> done)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:" + app.queryPort() + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200 && done.test(r.body())) {
                return r.body();
            }
            Thread.sleep(200); // polling until the views are committed
        }
        throw new AssertionError(path + " never answered as expected; last: " + last);
    }
}
