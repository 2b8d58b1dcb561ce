package glocal.stream.broker;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.stream.Waits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void servesOnLoopbackWithAFormattedCluster() {
        assertThat(broker.startupTime()).isPositive();
        assertThat(broker.dataDir().resolve("logs/meta.properties")).exists();
        assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
        assertThat(broker.clusterId()).isNotBlank();
    }

    @Test
    void everyProducedRecordIsConsumed() throws Exception {
        broker.createTopics(TopicSpec.of("numbers", 3));
        try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
            for (int i = 0; i < 1000; i++) {
                producer.send(new ProducerRecord<>("numbers", "k" + i, "v" + i));
            }
            producer.flush();
        }

        List<ConsumerRecord<String, String>> records = consume(broker, "numbers", 1000, Map.of());

        assertThat(records).hasSize(1000);
        assertThat(records.stream().map(r -> r.key() + "=" + r.value()).collect(Collectors.toSet()))
                .isEqualTo(
                        IntStream.range(0, 1000)
                                .mapToObj(i -> "k" + i + "=v" + i)
                                .collect(Collectors.toSet()));
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() throws Exception {
        broker.createTopics(TopicSpec.of("tx", 1));
        try (KafkaProducer<String, String> producer =
                producer(
                        broker, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "glocal-test-tx"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", "a", "aborted-1"));
            producer.send(new ProducerRecord<>("tx", "a", "aborted-2"));
            producer.abortTransaction();
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("tx", "c", "committed-" + i));
            }
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> records =
                consume(
                        broker,
                        "tx",
                        10,
                        Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));

        assertThat(records)
                .extracting(ConsumerRecord::value)
                .containsExactly(
                        IntStream.range(0, 10)
                                .mapToObj(i -> "committed-" + i)
                                .toArray(String[]::new));
    }

    @Test
    void createTopicsMakesCompactedTopicsAndSkipsExistingOnes() throws Exception {
        List<String> created =
                broker.createTopics(TopicSpec.compacted("table", 2), TopicSpec.of("stream", 2));
        List<String> again =
                broker.createTopics(TopicSpec.compacted("table", 2), TopicSpec.of("stream", 2));

        assertThat(created).containsExactly("table", "stream");
        assertThat(again).isEmpty();
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                broker.bootstrapServers()))) {
            ConfigResource table = new ConfigResource(ConfigResource.Type.TOPIC, "table");
            ConfigResource stream = new ConfigResource(ConfigResource.Type.TOPIC, "stream");
            var configs =
                    admin.describeConfigs(List.of(table, stream)).all().get(30, TimeUnit.SECONDS);
            assertThat(configs.get(table).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo("compact");
            assertThat(configs.get(stream).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo("delete");
            assertThat(
                            admin.describeTopics(List.of("table"))
                                    .allTopicNames()
                                    .get(30, TimeUnit.SECONDS)
                                    .get("table")
                                    .partitions())
                    .hasSize(2);
        }
    }

    @Test
    void restartOnTheSameDataDirectoryKeepsClusterIdAndRecords(@TempDir Path dir) throws Exception {
        String clusterId;
        try (EmbeddedKafkaBroker first =
                EmbeddedKafkaBroker.start(BrokerSettings.defaults().withDataDir(dir))) {
            clusterId = first.clusterId();
            first.createTopics(TopicSpec.of("kept", 1));
            try (KafkaProducer<String, String> producer = producer(first, Map.of())) {
                for (int i = 0; i < 50; i++) {
                    producer.send(new ProducerRecord<>("kept", "k" + i, "v" + i));
                }
            }
        }

        try (EmbeddedKafkaBroker second =
                EmbeddedKafkaBroker.start(BrokerSettings.defaults().withDataDir(dir))) {
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(second.createTopics(TopicSpec.of("kept", 1))).isEmpty();
            assertThat(consume(second, "kept", 50, Map.of()))
                    .extracting(ConsumerRecord::value)
                    .containsExactly(
                            IntStream.range(0, 50).mapToObj(i -> "v" + i).toArray(String[]::new));
        }
        assertThat(dir.resolve("logs/meta.properties")).exists();
    }

    @Test
    void closeReleasesPortsDeletesTemporaryDataAndLeavesNoServerThreads() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        EmbeddedKafkaBroker own = EmbeddedKafkaBroker.start();
        own.createTopics(TopicSpec.of("closing", 1));
        Path data = own.dataDir();

        own.close();

        assertThat(data).doesNotExist();
        assertCanBind(own.port());
        assertCanBind(own.controllerPort());
        List<String> leftover = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.isAlive() && !t.isDaemon()) {
                leftover.add(t.getName());
            }
        }
        assertThat(leftover)
                .as("non-daemon threads started by the broker and still alive")
                .isEmpty();
    }

    private static void assertCanBind(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    private static KafkaProducer<String, String> producer(
            EmbeddedKafkaBroker target, Map<String, Object> extra) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putAll(extra);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> consume(
            EmbeddedKafkaBroker target, String topic, int expected, Map<String, Object> extra) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putAll(extra);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Waits.blockingPolls(expected + " records on " + topic, DEADLINE)
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                                return records.size() >= expected;
                            });
            // One more poll: a record beyond the expected count (e.g. an aborted one) would show
            // here.
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}
