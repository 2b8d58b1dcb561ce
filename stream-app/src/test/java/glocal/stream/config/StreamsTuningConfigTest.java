package glocal.stream.config;

import static glocal.stream.config.GlocalStreamsConfig.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsTuningConfigTest {

    @Test
    void producerBatchDefaultReachesKafkaStreamsAndTheRecordCacheIsOff() {
        Properties p = new GlocalStreamsConfig(Map.of()).streamsProperties("localhost:9092");
        assertThat(p.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(0L);
        assertThat(p.get(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG)))
                .isEqualTo(256 << 10);
        // Kafka Streams itself accepts them.
        StreamsConfig streams = new StreamsConfig(p);
        assertThat(streams.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(0L);
        assertThat(streams.getProducerConfigs("c").get(ProducerConfig.BATCH_SIZE_CONFIG))
                .isEqualTo(256 << 10);
    }

    @Test
    void configuredBatchSizeOverridesTheDefault() {
        Properties p =
                new GlocalStreamsConfig(Map.of(PRODUCER_BATCH_BYTES_CONFIG, "32768"))
                        .streamsProperties("localhost:9092");
        assertThat(p.get(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG)))
                .isEqualTo(32_768);
    }

    @Test
    void tooSmallProducerBatchIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> new GlocalStreamsConfig(Map.of(PRODUCER_BATCH_BYTES_CONFIG, "10")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(PRODUCER_BATCH_BYTES_CONFIG);
    }

    @Test
    void staticMembershipGivesTheStreamThreadsAnInstanceIdStableForOneStateDirectory() {
        Map<String, String> settings =
                Map.of(APPLICATION_ID_CONFIG, "app-x", STATE_DIR_CONFIG, "data/streams");
        Properties p = new GlocalStreamsConfig(settings).streamsProperties("localhost:9092");
        Object id =
                p.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        assertThat(id).asString().startsWith("app-x-");
        assertThat(new GlocalStreamsConfig(settings).instanceId())
                .as("the same across restarts")
                .isEqualTo(id);
        assertThat(
                        new GlocalStreamsConfig(
                                        Map.of(
                                                APPLICATION_ID_CONFIG,
                                                "app-x",
                                                STATE_DIR_CONFIG,
                                                "other/streams"))
                                .instanceId())
                .as("another state directory is another instance")
                .isNotEqualTo(id);
        // Kafka Streams gives each stream thread's consumer the id with a thread suffix; its other
        // consumers none.
        StreamsConfig streams = new StreamsConfig(p);
        assertThat(
                        streams.getMainConsumerConfigs("g", "c", 1)
                                .get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
                .isEqualTo(id + "-1");
        assertThat(streams.getRestoreConsumerConfigs("c"))
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    @Test
    void membershipAndStandbyKeysReachKafkaStreams() {
        Properties p =
                new GlocalStreamsConfig(
                                Map.of(
                                        INSTANCE_ID_CONFIG,
                                        "eu-1",
                                        SESSION_TIMEOUT_MS_CONFIG,
                                        "10000",
                                        STANDBY_REPLICAS_CONFIG,
                                        "1",
                                        CHANGELOG_ADDITIONAL_RETENTION_MS_CONFIG,
                                        "600000"))
                        .streamsProperties("localhost:9092");
        StreamsConfig streams = new StreamsConfig(p);
        assertThat(streams.getMainConsumerConfigs("g", "c", 0))
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "eu-1-0")
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10000);
        assertThat(streams.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        assertThat(
                        streams.getLong(
                                StreamsConfig
                                        .WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG))
                .isEqualTo(600_000L);
        assertThat(streams.originalsWithPrefix(StreamsConfig.TOPIC_PREFIX))
                .as("changelog segments, default 16 MiB")
                .containsEntry(TopicConfig.SEGMENT_BYTES_CONFIG, 16 << 20);

        Properties dynamic =
                new GlocalStreamsConfig(Map.of(STATIC_MEMBERSHIP_CONFIG, "false"))
                        .streamsProperties("b:9092");
        assertThat(new StreamsConfig(dynamic).getMainConsumerConfigs("g", "c", 0))
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    @Test
    void anInstanceIdTheBrokerWouldRefuseOrASessionOutsideItsRangeIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> new GlocalStreamsConfig(Map.of(INSTANCE_ID_CONFIG, "eu 1/a")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(INSTANCE_ID_CONFIG)
                .hasMessageContaining("A-Z");
        assertThatThrownBy(() -> new GlocalStreamsConfig(Map.of(SESSION_TIMEOUT_MS_CONFIG, "1000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SESSION_TIMEOUT_MS_CONFIG);
        assertThat(new GlocalStreamsConfig(Map.of(INSTANCE_ID_CONFIG, "eu-1.host_a")).instanceId())
                .isEqualTo("eu-1.host_a");
        assertThat(new GlocalStreamsConfig(Map.of()).instanceId())
                .as("derived ids are legal too")
                .matches("[A-Za-z0-9._-]{1,240}");
    }
}
