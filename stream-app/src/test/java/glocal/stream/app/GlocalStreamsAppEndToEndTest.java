package glocal.stream.app;

import static glocal.stream.config.GlocalStreamsConfig.*;
import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.TrainingBatch;
import glocal.schemas.avro.ViewEvent;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.stream.GlocalMetrics;
import glocal.stream.Topics;
import glocal.stream.Waits;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.serde.GlocalSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlocalStreamsAppEndToEndTest {

    private static final String SCOPE = "GlocalStreamsAppEndToEndTest";

    @Test
    void viewsOnTheBrokerBecomeTrainingBatchesUnderExactlyOnce(@TempDir Path stateDir)
            throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(TopicSpec.glocalTopics(1));
            GlocalStreamsConfig config =
                    new GlocalStreamsConfig(
                            Map.of(
                                    BOOTSTRAP_SERVERS_CONFIG,
                                    broker.bootstrapServers(),
                                    SCHEMA_REGISTRY_URL_CONFIG,
                                    MockSchemaRegistry.SCHEME + SCOPE,
                                    STATE_DIR_CONFIG,
                                    stateDir.toString(),
                                    QUERY_PORT_CONFIG,
                                    0,
                                    QUERY_HOST_CONFIG,
                                    "127.0.0.1",
                                    BATCH_SIZE_CONFIG,
                                    5,
                                    NEGATIVES_PER_POSITIVE_CONFIG,
                                    0,
                                    RANDOM_USER_RATE_CONFIG,
                                    1.0));
            GlocalSerdes serdes = GlocalSerdes.forUrl(config.getString(SCHEMA_REGISTRY_URL_CONFIG));
            try (GlocalStreamsApp app =
                    new GlocalStreamsApp(
                            config,
                            broker.bootstrapServers(),
                            serdes,
                            new GlocalMetrics(new SimpleMeterRegistry()),
                            new Properties())) {
                app.start(Duration.ofSeconds(60));
                produce(broker, serdes);
                List<TrainingBatch> batches = new ArrayList<>();
                List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
                try (KafkaConsumer<String, TrainingBatch> c = consumer(broker, serdes);
                        KafkaConsumer<byte[], byte[]> d =
                                new KafkaConsumer<>(
                                        consumerProps(broker),
                                        new ByteArrayDeserializer(),
                                        new ByteArrayDeserializer())) {
                    c.subscribe(List.of(Topics.TRAINING_BATCHES));
                    d.subscribe(List.of(Topics.VIEWS_DLQ));
                    Waits.blockingPolls(
                                    "two training batches and a dead letter",
                                    Duration.ofSeconds(60))
                            .until(
                                    () -> {
                                        c.poll(Duration.ofMillis(200))
                                                .forEach(r -> batches.add(r.value()));
                                        d.poll(Duration.ofMillis(50)).forEach(dead::add);
                                        return batches.size() >= 2 && !dead.isEmpty();
                                    });
                }
                assertThat(batches)
                        .extracting(TrainingBatch::getBatchId)
                        .containsExactly("0-0-0", "0-0-1");
                assertThat(batches.get(0).getTitleIds())
                        .containsExactly("t0", "t1", "t2", "t3", "t4");
                assertThat(batches.get(1).getTitleIds())
                        .containsExactly("t5", "t6", "t7", "t8", "t9");
                assertThat(dead).hasSize(1);
                assertThat(
                                new String(
                                        dead.get(0)
                                                .headers()
                                                .lastHeader("glocal.dlq.reason")
                                                .value(),
                                        java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo("undecodable");
                assertThat(app.failure()).isNull();

                String user = httpGet(app.queryPort(), "/users/u3");
                assertThat(user)
                        .contains("\"userId\":\"u3\"")
                        .contains("\"totalViews\":1")
                        .contains("\"homeTerritory\":\"US\"")
                        .contains("\"recentTitles\":[\"t3\"]");
                assertThat(httpGet(app.queryPort(), "/territories/US/top?k=2"))
                        .isEqualTo(
                                "{\"territory\":\"US\",\"top\":[{\"titleId\":\"t0\",\"count\":1},{\"titleId\":\"t1\",\"count\":1}]}");
                assertThat(httpGet(app.queryPort(), "/titles/t7/popularity"))
                        .contains("\"byTerritory\":{\"US\":1}")
                        .contains("\"total\":1");
            }
        } finally {
            MockSchemaRegistry.dropScope(SCOPE);
        }
    }

    private static String httpGet(int port, String path) throws Exception {
        return TestApps.httpGet(port, path);
    }

    private static void produce(EmbeddedKafkaBroker broker, GlocalSerdes serdes) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, ViewEvent> producer =
                        new KafkaProducer<>(
                                p, new StringSerializer(), serdes.viewEvent().serializer());
                KafkaProducer<byte[], byte[]> raw =
                        new KafkaProducer<>(
                                p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 10; i++) {
                if (i == 3) {
                    raw.send(
                            new ProducerRecord<>(
                                    Topics.VIEWS,
                                    "u".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                    new byte[] {7, 7, 7, 7, 7, 7}));
                    raw.flush();
                }
                ViewEvent v =
                        ViewEvent.newBuilder()
                                .setEventId("e" + i)
                                .setUserId("u" + i)
                                .setTitleId("t" + i)
                                .setTerritory("US")
                                .setEventTime(Instant.ofEpochMilli(now + i))
                                .setEventType(EventType.PLAY)
                                .setWatchRatio(0.9f)
                                .setFinished(true)
                                .setSkipped(false)
                                .build();
                producer.send(new ProducerRecord<>(Topics.VIEWS, null, now + i, v.getUserId(), v));
                producer.flush();
            }
        }
    }

    private static Properties consumerProps(EmbeddedKafkaBroker broker) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    private static KafkaConsumer<String, TrainingBatch> consumer(
            EmbeddedKafkaBroker broker, GlocalSerdes serdes) {
        return new KafkaConsumer<>(
                consumerProps(broker),
                new StringDeserializer(),
                serdes.trainingBatch().deserializer());
    }
}
