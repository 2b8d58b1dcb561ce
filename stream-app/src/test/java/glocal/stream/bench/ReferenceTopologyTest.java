package glocal.stream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.ViewEvent;
import glocal.stream.TestSerdes;
import glocal.stream.Topics;
import glocal.stream.serde.GlocalSerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** The bench's yardstick counts every view once, per user, in its store. */
class ReferenceTopologyTest {

    @Test
    void countsEachViewOfEachUserOnce() throws Exception {
        String scope = "reference-topology-test";
        GlocalSerdes serdes = TestSerdes.create(scope);
        Path stateDir = Files.createTempDirectory("glocal-reference-ttd");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "reference-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        SyntheticViews source = new SyntheticViews(7, 20, 100, 1_700_000_000_000L);
        Map<String, Long> expected = new HashMap<>();
        try (TopologyTestDriver driver =
                new TopologyTestDriver(ReferenceTopology.build(serdes.viewEvent(), false), p)) {
            TestInputTopic<String, ViewEvent> views =
                    driver.createInputTopic(
                            Topics.VIEWS, new StringSerializer(), serdes.viewEvent().serializer());
            for (int i = 0; i < 300; i++) {
                ViewEvent v = source.next();
                views.pipeInput(v.getUserId(), v);
                expected.merge(v.getUserId(), 1L, Long::sum);
            }
            KeyValueStore<String, Long> counts = driver.getKeyValueStore(ReferenceTopology.STORE);
            Map<String, Long> actual = new HashMap<>();
            try (var all = counts.all()) {
                all.forEachRemaining(kv -> actual.put(kv.key, kv.value));
            }
            assertThat(expected).hasSizeGreaterThan(5);
            assertThat(actual).isEqualTo(expected);
            assertThat(driver.producedTopicNames())
                    .contains("reference-test-" + ReferenceTopology.STORE + "-changelog");
        } finally {
            TestSerdes.dropScope(scope);
            try (var files = Files.walk(stateDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
