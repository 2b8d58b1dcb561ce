package glocal.stream.topology;

import static glocal.stream.config.GlocalStreamsConfig.*;

import glocal.model.labelling.ActivityPolicy;
import glocal.model.labelling.LabellingPolicy;
import glocal.stream.GlocalMetrics;
import glocal.stream.Topics;
import glocal.stream.activity.ActivityProcessor;
import glocal.stream.activity.UserActivityCodec;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.examples.BatchPartitioner;
import glocal.stream.examples.BatchProcessor;
import glocal.stream.examples.ExampleBuilderProcessor;
import glocal.stream.examples.ExampleCodec;
import glocal.stream.examples.ExampleListCodec;
import glocal.stream.examples.ExamplePolicy;
import glocal.stream.examples.UserWeightProcessor;
import glocal.stream.serde.GlocalSerdes;
import glocal.stream.state.TaskLocal;
import glocal.stream.territory.TerritoryCountProcessor;
import glocal.stream.territory.TerritoryGroupingCodec;
import glocal.stream.territory.TerritoryGroupsProcessor;
import glocal.stream.territory.TitleCatalogueProcessor;
import glocal.stream.validate.DedupProcessor;
import glocal.stream.validate.ValidateProcessor;
import glocal.stream.validate.ViewValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

/**
 * The Glocal topology, read top to bottom as the data flows: views (bytes) → validate (→ views.dlq)
 * → dedup → activity → territory-counts → example-builder → batcher → training-batches; the example
 * builder of views partition 0 also publishes a computed territory grouping to territory-groups;
 * user-weights, titles and territory-groups feed global stores. Every processor and store has a
 * fixed name; every task store is changelogged. No store has Kafka's record cache: the processors
 * keep typed state in memory and write what changed once per commit, from hooks of the task's
 * {@link TaskLocal} store (a key changed many times between two commits costs one RocksDB write and
 * one changelog record). Kafka's record cache is a TreeMap of byte keys with an encode per put;
 * profiled, it and per-record store writes were most of the stream thread's time.
 */
public final class GlocalTopology {

    public static final String VIEWS_SOURCE = "views-source";
    public static final String VALIDATE = "validate";
    public static final String DLQ_SINK = "views-dlq-sink";
    public static final String DEDUP = "dedup";
    public static final String ACTIVITY = "activity";
    public static final String TERRITORY_COUNTS = "territory-counts";
    public static final String EXAMPLE_BUILDER = "example-builder";
    public static final String BATCHER = "batcher";
    public static final String BATCHES_SINK = "training-batches-sink";
    public static final String USER_WEIGHTS_SOURCE = "user-weights-source";
    public static final String USER_WEIGHTS_UPDATER = "user-weights-updater";
    public static final String TITLES_SOURCE = "titles-source";
    public static final String TITLES_UPDATER = "titles-updater";
    public static final String GROUPINGS_SINK = "territory-groups-sink";
    public static final String GROUPINGS_SOURCE = "territory-groups-source";
    public static final String GROUPINGS_UPDATER = "territory-groups-updater";

    private GlocalTopology() {}

    public static Topology build(GlocalStreamsConfig config, GlocalSerdes serdes) {
        return build(config, serdes, new GlocalMetrics(new SimpleMeterRegistry()));
    }

    public static Topology build(
            GlocalStreamsConfig config, GlocalSerdes serdes, GlocalMetrics metrics) {
        Topology t = new Topology();
        boolean rocks = ROCKSDB.equals(config.getString(STATE_STORE_TYPE_CONFIG));
        ViewValidator validator =
                new ViewValidator(
                        config.territoryCodes(),
                        config.getLong(MAX_FUTURE_SKEW_MS_CONFIG),
                        config.getLong(MAX_EVENT_AGE_MS_CONFIG));
        long dedupMs = config.getLong(DEDUP_WINDOW_MS_CONFIG);
        ExamplePolicy examples = config.examplePolicy();
        LabellingPolicy labelling = examples.labelling();
        ActivityPolicy activity = labelling.activity();

        t.addSource(
                VIEWS_SOURCE,
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer(),
                Topics.VIEWS);
        t.addProcessor(
                VALIDATE,
                () ->
                        new ValidateProcessor(
                                serdes.viewEvent().deserializer(),
                                validator,
                                metrics,
                                DEDUP,
                                DLQ_SINK),
                VIEWS_SOURCE);
        t.addSink(
                DLQ_SINK,
                Topics.VIEWS_DLQ,
                new ByteArraySerializer(),
                new ByteArraySerializer(),
                VALIDATE);

        long dedupIndexIds = config.getLong(DEDUP_INDEX_IDS_CONFIG);
        t.addProcessor(DEDUP, () -> new DedupProcessor(dedupMs, dedupIndexIds, metrics), VALIDATE);
        t.addStateStore(
                Stores.windowStoreBuilder(
                        windowStore(
                                rocks,
                                DedupProcessor.STORE,
                                Duration.ofMillis(3 * dedupMs),
                                Duration.ofMillis(dedupMs),
                                false),
                        Serdes.String(),
                        Serdes.Long()),
                DEDUP);

        int cachedUsers = config.getInt(ACTIVITY_CACHE_USERS_CONFIG);
        t.addProcessor(ACTIVITY, () -> new ActivityProcessor(activity, cachedUsers), DEDUP);
        t.addStateStore(
                Stores.keyValueStoreBuilder(
                        kvStore(rocks, ActivityProcessor.STORE),
                        Serdes.String(),
                        new UserActivityCodec()),
                ACTIVITY);

        long popularityMs = labelling.popularityWindowMs();
        double beta = labelling.negativeExponent();
        t.addProcessor(
                TERRITORY_COUNTS, () -> new TerritoryCountProcessor(popularityMs, beta), ACTIVITY);
        for (String store :
                new String[] {
                    TerritoryCountProcessor.TERRITORY_TITLE_STORE,
                    TerritoryCountProcessor.TITLE_STORE
                }) {
            t.addStateStore(
                    Stores.windowStoreBuilder(
                            windowStore(
                                    rocks,
                                    store,
                                    Duration.ofMillis(2 * popularityMs),
                                    Duration.ofMillis(popularityMs),
                                    false),
                            Serdes.String(),
                            Serdes.Long()),
                    TERRITORY_COUNTS);
        }

        t.addProcessor(
                EXAMPLE_BUILDER,
                () -> new ExampleBuilderProcessor(examples, metrics, BATCHER, GROUPINGS_SINK),
                TERRITORY_COUNTS);
        t.addStateStore(
                Stores.keyValueStoreBuilder(
                        kvStore(rocks, ExampleBuilderProcessor.PENDING_STORE),
                        Serdes.String(),
                        new ExampleCodec()),
                EXAMPLE_BUILDER);
        t.connectProcessorAndStateStores(
                EXAMPLE_BUILDER,
                TerritoryCountProcessor.TERRITORY_TITLE_STORE,
                TerritoryCountProcessor.TITLE_STORE);

        int batchSize = config.getInt(BATCH_SIZE_CONFIG);
        long lingerMs = config.getLong(BATCH_LINGER_MS_CONFIG);
        t.addProcessor(
                BATCHER, () -> new BatchProcessor(batchSize, lingerMs, metrics), EXAMPLE_BUILDER);
        t.addStateStore(
                Stores.keyValueStoreBuilder(
                        kvStore(rocks, BatchProcessor.BUFFER_STORE),
                        Serdes.Integer(),
                        new ExampleListCodec()),
                BATCHER);
        t.addStateStore(
                Stores.keyValueStoreBuilder(
                        kvStore(rocks, BatchProcessor.SEQUENCE_STORE),
                        Serdes.String(),
                        Serdes.Long()),
                BATCHER);
        t.addStateStore(TaskLocal.builder(), ACTIVITY, TERRITORY_COUNTS, EXAMPLE_BUILDER, BATCHER);
        t.addSink(
                BATCHES_SINK,
                Topics.TRAINING_BATCHES,
                new StringSerializer(),
                serdes.trainingBatch().serializer(),
                new BatchPartitioner(),
                BATCHER);
        t.addSink(
                GROUPINGS_SINK,
                Topics.TERRITORY_GROUPS,
                new StringSerializer(),
                serdes.territoryGroups().serializer(),
                EXAMPLE_BUILDER);

        t.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                kvStore(rocks, ExampleBuilderProcessor.USER_WEIGHTS_STORE),
                                Serdes.String(),
                                Serdes.Float())
                        .withLoggingDisabled(),
                USER_WEIGHTS_SOURCE,
                new StringDeserializer(),
                serdes.userWeight().deserializer(),
                Topics.USER_WEIGHTS,
                USER_WEIGHTS_UPDATER,
                UserWeightProcessor::new);
        t.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                kvStore(rocks, TerritoryGroupsProcessor.STORE),
                                Serdes.String(),
                                new TerritoryGroupingCodec())
                        .withLoggingDisabled(),
                GROUPINGS_SOURCE,
                new StringDeserializer(),
                serdes.territoryGroups().deserializer(),
                Topics.TERRITORY_GROUPS,
                GROUPINGS_UPDATER,
                TerritoryGroupsProcessor::new);
        t.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                kvStore(rocks, TitleCatalogueProcessor.STORE),
                                Serdes.String(),
                                Serdes.String())
                        .withLoggingDisabled(),
                TITLES_SOURCE,
                new StringDeserializer(),
                serdes.title().deserializer(),
                Topics.TITLES,
                TITLES_UPDATER,
                TitleCatalogueProcessor::new);
        return t;
    }

    private static KeyValueBytesStoreSupplier kvStore(boolean rocks, String name) {
        return rocks ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }

    private static WindowBytesStoreSupplier windowStore(
            boolean rocks, String name, Duration retention, Duration size, boolean duplicates) {
        return rocks
                ? Stores.persistentWindowStore(name, retention, size, duplicates)
                : Stores.inMemoryWindowStore(name, retention, size, duplicates);
    }
}
