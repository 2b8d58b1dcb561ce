package glocal.stream.app;

import static glocal.stream.config.GlocalStreamsConfig.*;
import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.TrainingBatch;
import glocal.schemas.avro.ViewEvent;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.stream.GlocalMetrics;
import glocal.stream.Topics;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.examples.BatchIds;
import glocal.stream.serde.GlocalSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker with three partitions: the batches of views partition p are written to
 * training-batches partition p, so every example of a user is on the partition of the user's views.
 */
class BatchPartitionsEndToEndTest {

    private static final String SCOPE = "BatchPartitionsEndToEndTest";
    private static final int PARTITIONS = 3;
    private static final int USERS = 12;
    private static final int PLAYS_PER_USER = 4;

    @Test
    void everyExampleOfAUserIsOnThePartitionOfTheUsersViews(@TempDir Path stateDir)
            throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(TopicSpec.glocalTopics(PARTITIONS));
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
                                    3,
                                    BATCH_LINGER_MS_CONFIG,
                                    200L,
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

                Map<String, Set<Integer>> partitionsOfUser = new HashMap<>();
                Set<Integer> batchPartitions = new HashSet<>();
                int examples = 0;
                try (KafkaConsumer<String, TrainingBatch> c = consumer(broker, serdes)) {
                    c.subscribe(List.of(Topics.TRAINING_BATCHES));
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (examples < USERS * PLAYS_PER_USER && System.nanoTime() < deadline) {
                        for (ConsumerRecord<String, TrainingBatch> r :
                                c.poll(Duration.ofMillis(200))) {
                            assertThat(r.partition())
                                    .as("partition of batch %s", r.key())
                                    .isEqualTo(BatchIds.partition(r.key()));
                            batchPartitions.add(r.partition());
                            for (CharSequence user : r.value().getUserIds()) {
                                partitionsOfUser
                                        .computeIfAbsent(user.toString(), u -> new HashSet<>())
                                        .add(r.partition());
                            }
                            examples += r.value().getSize();
                        }
                    }
                }
                assertThat(app.failure()).isNull();
                assertThat(examples).isEqualTo(USERS * PLAYS_PER_USER);
                assertThat(partitionsOfUser).hasSize(USERS);
                partitionsOfUser.forEach(
                        (user, partitions) ->
                                assertThat(partitions)
                                        .as("partitions holding the examples of %s", user)
                                        .containsExactly(viewsPartition(user)));
                assertThat(batchPartitions).hasSizeGreaterThan(1);
            }
        } finally {
            MockSchemaRegistry.dropScope(SCOPE);
        }
    }

    /** The partition the producer's default partitioner gives a view keyed by {@code user}. */
    private static int viewsPartition(String user) {
        return Utils.toPositive(Utils.murmur2(user.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static void produce(EmbeddedKafkaBroker broker, GlocalSerdes serdes) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, ViewEvent> producer =
                new KafkaProducer<>(p, new StringSerializer(), serdes.viewEvent().serializer())) {
            int i = 0;
            for (int round = 0; round < PLAYS_PER_USER; round++) {
                for (int u = 0; u < USERS; u++) {
                    ViewEvent v =
                            ViewEvent.newBuilder()
                                    .setEventId("e" + i)
                                    .setUserId("u" + u)
                                    .setTitleId("t" + (i % 7))
                                    .setTerritory("US")
                                    .setEventTime(Instant.ofEpochMilli(now + i))
                                    .setEventType(EventType.PLAY)
                                    .setWatchRatio(0.9f)
                                    .setFinished(true)
                                    .setSkipped(false)
                                    .build();
                    producer.send(
                            new ProducerRecord<>(Topics.VIEWS, null, now + i, v.getUserId(), v));
                    i++;
                }
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<String, TrainingBatch> consumer(
            EmbeddedKafkaBroker broker, GlocalSerdes serdes) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "partitions-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(
                p, new StringDeserializer(), serdes.trainingBatch().deserializer());
    }
}
