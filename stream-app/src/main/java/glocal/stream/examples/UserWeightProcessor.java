package glocal.stream.examples;

import glocal.schemas.avro.UserWeight;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global {@value ExampleBuilderProcessor#USER_WEIGHTS_STORE}: user id → latest weight.
 */
public final class UserWeightProcessor implements Processor<String, UserWeight, Void, Void> {

    private KeyValueStore<String, Float> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(ExampleBuilderProcessor.USER_WEIGHTS_STORE);
    }

    @Override
    public void process(Record<String, UserWeight> record) {
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value().getWeight());
        }
    }
}
