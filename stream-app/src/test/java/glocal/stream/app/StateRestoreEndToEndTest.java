package glocal.stream.app;

import static glocal.stream.config.GlocalStreamsConfig.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import glocal.model.batch.ExampleKind;
import glocal.schemas.avro.EventType;
import glocal.schemas.avro.TrainingBatch;
import glocal.schemas.avro.ViewEvent;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.stream.Topics;
import glocal.stream.Waits;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.examples.PackedColumns;
import glocal.stream.runtime.Directories;
import glocal.stream.serde.GlocalSerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processors keep their state in memory between commits and write it from commit hooks ({@code
 * TaskLocal}). This proves, on a real broker under exactly_once_v2, that what they wrote reached
 * the changelogs inside the committed transactions: the application is stopped, its local state
 * deleted, and a new instance restored only from the changelogs carries on exactly where the first
 * stopped — user activity, territory counts, the pending impression, the half-full batch buffer and
 * the batch sequence.
 */
class StateRestoreEndToEndTest {

    private static final String SCOPE = "StateRestoreEndToEndTest";
    private static final String APP = "glocal-restore-test";

    @Test
    void anInstanceRestoredFromTheChangelogsAloneCarriesOnWhereTheFirstStopped(@TempDir Path dir)
            throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(TopicSpec.glocalTopics(1));
            GlocalSerdes serdes = GlocalSerdes.forUrl(MockSchemaRegistry.SCHEME + SCOPE);
            long t0 = System.currentTimeMillis();
            List<TrainingBatch> batches = new ArrayList<>();
            try (KafkaConsumer<String, TrainingBatch> batchReader = batchReader(broker, serdes)) {
                Path firstState = Files.createDirectory(dir.resolve("first"));
                try (GlocalStreamsApp app = app(broker, serdes, firstState)) {
                    app.start(Duration.ofSeconds(60));
                    produce(
                            broker,
                            serdes,
                            play("e1", "u1", "t1", "US", t0 + 1),
                            play("e2", "u1", "t2", "US", t0 + 2),
                            play("e3", "u1", "t3", "US", t0 + 3), // fills batch 0-0-0
                            view(
                                    "e4",
                                    "u3",
                                    "t9",
                                    "US",
                                    t0 + 4,
                                    EventType.IMPRESSION), // pending for 2 s of event time
                            play("e5", "u2", "t5", "BR", t0 + 5)); // waits in the batch buffer
                    awaitCommitted(broker, 5);
                    readBatches(batchReader, batches, 1);
                    assertThat(batches)
                            .extracting(TrainingBatch::getBatchId)
                            .containsExactly("0-0-0");
                }
                Directories.deleteTree(
                        firstState); // nothing local survives: the next instance has only the
                // changelogs

                try (GlocalStreamsApp app =
                        app(broker, serdes, Files.createDirectory(dir.resolve("second")))) {
                    app.start(Duration.ofSeconds(60));
                    assertThat(get(app, "/users/u1"))
                            .contains("\"totalViews\":3")
                            .contains("\"recentTitles\":[\"t3\",\"t2\",\"t1\"]");
                    assertThat(get(app, "/territories/US/top?k=3"))
                            .contains("{\"titleId\":\"t1\",\"count\":1}")
                            .contains("{\"titleId\":\"t3\",\"count\":1}");
                    produce(
                            broker,
                            serdes,
                            play("e6", "u2", "t6", "BR", t0 + 6),
                            // 10 s later in event time: the impression's window has passed, so it
                            // becomes a negative.
                            play("e7", "u4", "t7", "US", t0 + 10_000),
                            play("e8", "u4", "t8", "US", t0 + 10_001),
                            play("e9", "u4", "t10", "US", t0 + 10_002));
                    readBatches(batchReader, batches, 3);
                    assertThat(app.failure()).isNull();
                    assertThat(get(app, "/users/u2")).contains("\"totalViews\":2");
                }
            }
            assertThat(batches)
                    .extracting(TrainingBatch::getBatchId)
                    .containsExactly("0-0-0", "0-0-1", "0-0-2");
            assertThat(batches.get(1).getTitleIds()).containsExactly("t5", "t6", "t7");
            // The restored impression leaves right after t7, the view whose event time takes the
            // clock past
            // its window, and opens the last batch.
            TrainingBatch last = batches.get(2);
            assertThat(last.getTitleIds()).containsExactly("t9", "t8", "t10");
            int[] kinds = PackedColumns.toInts(last.getExampleKinds());
            for (int i = 0; i < last.getSize(); i++) {
                assertThat(kinds[i])
                        .as(last.getTitleIds().get(i))
                        .isEqualTo(
                                last.getTitleIds().get(i).equals("t9")
                                        ? ExampleKind.IMPRESSION.code()
                                        : ExampleKind.PLAY.code());
            }
        } finally {
            MockSchemaRegistry.dropScope(SCOPE);
        }
    }

    private static GlocalStreamsApp app(
            EmbeddedKafkaBroker broker, GlocalSerdes serdes, Path stateDir) throws Exception {
        Map<String, Object> props = TestApps.props(broker, SCOPE, APP, stateDir);
        props.put(BATCH_SIZE_CONFIG, 3);
        props.put(
                BATCH_LINGER_MS_CONFIG,
                600_000L); // only full batches leave: the buffer must survive the restart
        props.put(NEGATIVES_PER_POSITIVE_CONFIG, 0);
        props.put(RANDOM_USER_RATE_CONFIG, 1.0);
        props.put(IMPRESSION_WINDOW_MS_CONFIG, 2_000L);
        props.put(TERRITORY_GROUPS_CONFIG, "US:0,BR:1");
        return TestApps.app(props, broker, serdes);
    }

    private static ViewEvent play(
            String id, String user, String title, String territory, long time) {
        return view(id, user, title, territory, time, EventType.PLAY);
    }

    private static ViewEvent view(
            String id, String user, String title, String territory, long time, EventType type) {
        return ViewEvent.newBuilder()
                .setEventId(id)
                .setUserId(user)
                .setTitleId(title)
                .setTerritory(territory)
                .setEventTime(Instant.ofEpochMilli(time))
                .setEventType(type)
                .setWatchRatio(type == EventType.PLAY ? 0.5f : null)
                .setFinished(false)
                .setSkipped(false)
                .build();
    }

    private static void produce(
            EmbeddedKafkaBroker broker, GlocalSerdes serdes, ViewEvent... views) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, ViewEvent> producer =
                new KafkaProducer<>(p, new StringSerializer(), serdes.viewEvent().serializer())) {
            for (ViewEvent v : views) {
                producer.send(
                        new ProducerRecord<>(
                                Topics.VIEWS,
                                null,
                                v.getEventTime().toEpochMilli(),
                                v.getUserId(),
                                v));
            }
            producer.flush();
        }
    }

    /** Waits until the application has committed {@code offset} on the views partition. */
    private static void awaitCommitted(EmbeddedKafkaBroker broker, long offset) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            await("the application committed offset " + offset + " of views")
                    .atMost(Duration.ofSeconds(60))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)) // polling the group's committed offset
                    .until(
                            () -> {
                                OffsetAndMetadata committed =
                                        admin.listConsumerGroupOffsets(APP)
                                                .partitionsToOffsetAndMetadata()
                                                .get()
                                                .get(new TopicPartition(Topics.VIEWS, 0));
                                return committed != null && committed.offset() >= offset;
                            });
        }
    }

    private static KafkaConsumer<String, TrainingBatch> batchReader(
            EmbeddedKafkaBroker broker, GlocalSerdes serdes) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "restore-test-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, TrainingBatch> c =
                new KafkaConsumer<>(
                        p, new StringDeserializer(), serdes.trainingBatch().deserializer());
        c.subscribe(List.of(Topics.TRAINING_BATCHES));
        return c;
    }

    private static void readBatches(
            KafkaConsumer<String, TrainingBatch> c, List<TrainingBatch> into, int total) {
        Waits.blockingPolls("training batches read", Duration.ofSeconds(60))
                .until(
                        () -> {
                            c.poll(Duration.ofMillis(200)).forEach(r -> into.add(r.value()));
                            return into.size() >= total;
                        });
        assertThat(into).as("training batches read").hasSize(total);
    }

    private static String get(GlocalStreamsApp app, String path) throws Exception {
        return TestApps.httpGet(app.queryPort(), path);
    }
}
