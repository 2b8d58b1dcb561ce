package glocal.stream.config;

import static glocal.stream.config.GlocalStreamsConfig.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsTuningConfigTest {

  @Test
  void producerBatchDefaultReachesKafkaStreamsAndTheRecordCacheIsOff() {
    Properties p = new GlocalStreamsConfig(Map.of()).streamsProperties("localhost:9092");
    assertThat(p.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(0L);
    assertThat(p.get(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG))).isEqualTo(256 << 10);
    // Kafka Streams itself accepts them.
    StreamsConfig streams = new StreamsConfig(p);
    assertThat(streams.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(0L);
    assertThat(streams.getProducerConfigs("c").get(ProducerConfig.BATCH_SIZE_CONFIG)).isEqualTo(256 << 10);
  }

  @Test
  void configuredBatchSizeOverridesTheDefault() {
    Properties p = new GlocalStreamsConfig(Map.of(PRODUCER_BATCH_BYTES_CONFIG, "32768")).streamsProperties("localhost:9092");
    assertThat(p.get(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG))).isEqualTo(32_768);
  }

  @Test
  void tooSmallProducerBatchIsRejectedNamingTheKey() {
    assertThatThrownBy(() -> new GlocalStreamsConfig(Map.of(PRODUCER_BATCH_BYTES_CONFIG, "10")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(PRODUCER_BATCH_BYTES_CONFIG);
  }
}
