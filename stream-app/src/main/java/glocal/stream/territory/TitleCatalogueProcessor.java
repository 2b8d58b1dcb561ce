package glocal.stream.territory;

import glocal.schemas.avro.Title;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global {@value #STORE} (title id → origin territory) from the compacted titles topic.
 */
public final class TitleCatalogueProcessor implements Processor<String, Title, Void, Void> {

    public static final String STORE = "titles-store";

    private KeyValueStore<String, String> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Title> record) {
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value().getOriginTerritory());
        }
    }
}
