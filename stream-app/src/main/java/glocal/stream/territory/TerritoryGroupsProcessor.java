package glocal.stream.territory;

import glocal.model.territory.TerritoryGrouping;
import glocal.schemas.avro.TerritoryGroups;
import java.time.Instant;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global {@value #STORE}: the territory grouping published on {@code territory-groups},
 * which every stream task adopts (see {@code ExampleBuilderProcessor}).
 */
public final class TerritoryGroupsProcessor
        implements Processor<String, TerritoryGroups, Void, Void> {

    public static final String STORE = "territory-groups-store";

    /** The one key of {@code territory-groups}. */
    public static final String KEY = "grouping";

    private KeyValueStore<String, TerritoryGrouping> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, TerritoryGroups> record) {
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), grouping(record.value()));
        }
    }

    /** The grouping a record describes (its version recomputed from the content). */
    public static TerritoryGrouping grouping(TerritoryGroups groups) {
        return TerritoryGrouping.of(groups.getGroups(), groups.getGroupCount());
    }

    /** The record that publishes {@code grouping}. */
    public static TerritoryGroups record(TerritoryGrouping grouping, long computedAtMs) {
        return TerritoryGroups.newBuilder()
                .setVersion(grouping.version())
                .setGroupCount(grouping.groups())
                .setGroups(new TreeMap<>(grouping.assignment()))
                .setComputedAt(Instant.ofEpochMilli(computedAtMs))
                .build();
    }
}
