package glocal.stream.topology;

import static glocal.stream.config.GlocalStreamsConfig.*;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.TrainingBatch;
import glocal.schemas.avro.UserWeight;
import glocal.schemas.avro.ViewEvent;
import glocal.stream.GlocalMetrics;
import glocal.stream.TestSerdes;
import glocal.stream.Topics;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.runtime.Directories;
import glocal.stream.serde.GlocalSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** A TopologyTestDriver over {@link GlocalTopology} with the app's serdes and small windows. */
final class TopologyFixture implements AutoCloseable {

    static final long T0 = 1_700_000_000_000L;

    final String scope;
    final GlocalSerdes serdes;
    final GlocalMetrics metrics = new GlocalMetrics(new SimpleMeterRegistry());
    final TopologyTestDriver driver;
    final TestInputTopic<String, ViewEvent> views;
    final TestInputTopic<byte[], byte[]> rawViews;
    final TestInputTopic<String, UserWeight> weights;
    final TestOutputTopic<byte[], byte[]> dlq;
    final TestOutputTopic<String, TrainingBatch> batches;
    private final Path stateDir;

    /** Defaults for tests: batches of one example, no sampled negatives, everyone sampled. */
    static Map<String, Object> baseConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put(BATCH_SIZE_CONFIG, 1);
        c.put(NEGATIVES_PER_POSITIVE_CONFIG, 0);
        c.put(RANDOM_USER_RATE_CONFIG, 1.0);
        c.put(DEDUP_WINDOW_MS_CONFIG, 60_000L);
        c.put(IMPRESSION_WINDOW_MS_CONFIG, 10_000L);
        c.put(ACTIVITY_WINDOW_MS_CONFIG, 16_000L);
        c.put(ACTIVITY_THRESHOLD_CONFIG, 3);
        c.put(ACTIVITY_NEW_BELOW_CONFIG, 2);
        c.put(ACTIVITY_HIGH_FROM_CONFIG, 4);
        c.put(POPULARITY_WINDOW_MS_CONFIG, 3_600_000L);
        c.put(BATCH_LINGER_MS_CONFIG, 1_000L);
        c.put(TERRITORY_GROUPS_CONFIG, "US:0,CA:0,BR:1");
        return c;
    }

    TopologyFixture(String scope, Map<String, Object> overrides) throws Exception {
        this.scope = scope;
        Map<String, Object> props = baseConfig();
        props.putAll(overrides);
        GlocalStreamsConfig config = new GlocalStreamsConfig(props);
        serdes = TestSerdes.create(scope);
        stateDir = Files.createTempDirectory("glocal-ttd");
        Properties p = config.streamsProperties("dummy:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver =
                new TopologyTestDriver(
                        GlocalTopology.build(config, serdes, metrics), p, Instant.ofEpochMilli(T0));
        views =
                driver.createInputTopic(
                        Topics.VIEWS, new StringSerializer(), serdes.viewEvent().serializer());
        rawViews =
                driver.createInputTopic(
                        Topics.VIEWS, new ByteArraySerializer(), new ByteArraySerializer());
        weights =
                driver.createInputTopic(
                        Topics.USER_WEIGHTS,
                        new StringSerializer(),
                        serdes.userWeight().serializer());
        dlq =
                driver.createOutputTopic(
                        Topics.VIEWS_DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        batches =
                driver.createOutputTopic(
                        Topics.TRAINING_BATCHES,
                        new StringDeserializer(),
                        serdes.trainingBatch().deserializer());
    }

    static ViewEvent play(String id, String user, String title, String territory, long time) {
        return view(id, user, title, territory, time, EventType.PLAY, 0.5f);
    }

    static ViewEvent impression(String id, String user, String title, String territory, long time) {
        return view(id, user, title, territory, time, EventType.IMPRESSION, null);
    }

    static ViewEvent view(
            String id,
            String user,
            String title,
            String territory,
            long time,
            EventType type,
            Float ratio) {
        return ViewEvent.newBuilder()
                .setEventId(id)
                .setUserId(user)
                .setTitleId(title)
                .setTerritory(territory)
                .setEventTime(Instant.ofEpochMilli(time))
                .setEventType(type)
                .setWatchRatio(ratio)
                .setFinished(false)
                .setSkipped(false)
                .build();
    }

    void pipe(ViewEvent v) {
        views.pipeInput(v.getUserId(), v, v.getEventTime().toEpochMilli());
    }

    List<TrainingBatch> drainBatches() {
        return batches.readValuesToList();
    }

    double counter(String name, String tagKey, String tagValue) {
        var search = metrics.registry().find(name);
        if (tagKey != null) {
            search = search.tag(tagKey, tagValue);
        }
        return search.counter().count();
    }

    @Override
    public void close() throws IOException {
        driver.close();
        TestSerdes.dropScope(scope);
        Directories.deleteTree(stateDir);
    }
}
