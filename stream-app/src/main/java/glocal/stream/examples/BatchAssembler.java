package glocal.stream.examples;

import glocal.model.batch.ExampleBatch;
import glocal.schemas.avro.TrainingBatch;
import java.util.List;

/** Packs examples into a columnar {@link TrainingBatch}. */
public final class BatchAssembler {

  private BatchAssembler() {}

  /** The batch of {@code examples} (at least one), in their order. */
  public static TrainingBatch assemble(String batchId, List<Example> examples, long createdAtMs) {
    int n = examples.size();
    String[] users = new String[n];
    String[] titles = new String[n];
    String[] territories = new String[n];
    int[] groups = new int[n];
    int[] activity = new int[n];
    int[] kinds = new int[n];
    int[] sources = new int[n];
    float[] play = new float[n];
    float[] finished = new float[n];
    float[] skipped = new float[n];
    float[] ratio = new float[n];
    float[] weights = new float[n];
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      Example e = examples.get(i);
      users[i] = e.userId();
      titles[i] = e.titleId();
      territories[i] = e.territory();
      groups[i] = e.territoryGroup();
      activity[i] = e.activityGroup();
      kinds[i] = e.kind();
      sources[i] = e.sampleSource();
      play[i] = e.play();
      finished[i] = e.finished();
      skipped[i] = e.skipped();
      ratio[i] = e.watchRatio();
      weights[i] = e.weight();
      times[i] = e.eventTime();
    }
    ExampleBatch batch = new ExampleBatch(batchId, n, examples.get(0).groupingVersion(), users, titles,
        territories, groups, activity, kinds, sources, play, finished, skipped, ratio, weights, times);
    return TrainingBatches.toAvro(batch, createdAtMs);
  }
}
