package glocal.stream.examples;

import glocal.model.labelling.Example;
import glocal.schemas.avro.TrainingBatch;
import java.util.List;

/** Packs examples into a columnar {@link TrainingBatch}. */
public final class BatchAssembler {

    private BatchAssembler() {}

    /**
     * The batch of {@code examples} (at least one), in their order, written by application {@code
     * applicationId}.
     */
    public static TrainingBatch assemble(
            String batchId, List<Example> examples, long createdAtMs, String applicationId) {
        return TrainingBatches.toAvro(Example.batch(batchId, examples), createdAtMs, applicationId);
    }
}
