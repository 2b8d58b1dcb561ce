package glocal.stream.examples;

import glocal.model.batch.ExampleBatch;
import glocal.schemas.avro.TrainingBatch;
import java.util.List;

/** Packs examples into a columnar {@link TrainingBatch}. */
public final class BatchAssembler {

  private BatchAssembler() {}

  /** The batch of {@code examples} (at least one), in their order, written by application {@code applicationId}. */
  public static TrainingBatch assemble(String batchId, List<Example> examples, long createdAtMs, String applicationId) {
    ExampleBatch.Builder batch = ExampleBatch.builder(batchId, examples.size())
        .groupingVersion(examples.get(0).groupingVersion());
    for (Example e : examples) {
      batch.add(e.userId(), e.titleId(), e.territory(), e.territoryGroup(), e.activityGroup(), e.kind(),
          e.sampleSource(), e.play(), e.finished(), e.skipped(), e.watchRatio(), e.weight(), e.eventTime());
    }
    return TrainingBatches.toAvro(batch.build(), createdAtMs, applicationId);
  }
}
