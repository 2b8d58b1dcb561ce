package glocal.stream.examples;

import glocal.stream.state.WriteMostlyStores;
import java.util.List;

/** The write-mostly stores of the example and batch processors. */
public final class ExampleStores implements WriteMostlyStores {

    @Override
    public List<String> storeNames() {
        return List.of(
                ExampleBuilderProcessor.PENDING_STORE,
                BatchProcessor.BUFFER_STORE,
                BatchProcessor.SEQUENCE_STORE);
    }
}
