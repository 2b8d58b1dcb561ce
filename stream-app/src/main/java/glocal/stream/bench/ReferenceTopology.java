package glocal.stream.bench;

import glocal.schemas.avro.ViewEvent;
import glocal.stream.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * The yardstick of {@code glocal bench streams}: the smallest stateful topology a per-user
 * application on the views topic can be. It decodes each view (as Glocal must), counts it in a
 * key-value store keyed by user (views are keyed by user, so nothing is repartitioned) and keeps
 * the count's changelog, under the same processing guarantee, store type, partitions and threads as
 * the Glocal topology it is compared with. What Glocal costs beyond this is its own work:
 * validation, deduplication, activity windows, labelling, territory counters and batching.
 */
public final class ReferenceTopology {

    /** The store of per-user counts (and the name of its changelog). */
    public static final String STORE = "reference-view-counts";

    private ReferenceTopology() {}

    /**
     * The topology: views decoded, counted per user key, the count kept in {@link #STORE}.
     *
     * @param views decodes the views topic's values (Confluent wire format)
     * @param inMemory an in-memory store instead of RocksDB, as the Glocal topology's {@code
     *     --store}
     */
    public static Topology build(Serde<ViewEvent> views, boolean inMemory) {
        KeyValueBytesStoreSupplier store =
                inMemory
                        ? Stores.inMemoryKeyValueStore(STORE)
                        : Stores.persistentKeyValueStore(STORE);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.VIEWS, Consumed.with(Serdes.String(), views))
                .groupByKey(Grouped.with(Serdes.String(), views))
                .count(
                        Materialized.<String, Long>as(store)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Serdes.Long()));
        return builder.build();
    }
}
