package glocal.stream.examples;

import glocal.schemas.avro.TrainingBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Packs examples into a columnar {@link TrainingBatch}. */
public final class BatchAssembler {

  private BatchAssembler() {}

  public static TrainingBatch assemble(String batchId, List<Example> examples, long createdAtMs) {
    int n = examples.size();
    List<String> users = new ArrayList<>(n);
    List<String> titles = new ArrayList<>(n);
    List<String> territories = new ArrayList<>(n);
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
      users.add(e.userId());
      titles.add(e.titleId());
      territories.add(e.territory());
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
    return TrainingBatch.newBuilder()
        .setBatchId(batchId)
        .setSize(n)
        .setGroupingVersion(n == 0 ? 0 : examples.get(0).groupingVersion())
        .setCreatedAt(Instant.ofEpochMilli(createdAtMs))
        .setUserIds(users)
        .setTitleIds(titles)
        .setTerritories(territories)
        .setTerritoryGroups(PackedColumns.ints(groups))
        .setActivityGroups(PackedColumns.ints(activity))
        .setExampleKinds(PackedColumns.ints(kinds))
        .setSampleSources(PackedColumns.ints(sources))
        .setPlay(PackedColumns.floats(play))
        .setFinished(PackedColumns.floats(finished))
        .setSkipped(PackedColumns.floats(skipped))
        .setWatchRatio(PackedColumns.floats(ratio))
        .setWeights(PackedColumns.floats(weights))
        .setEventTimes(PackedColumns.longs(times))
        .build();
  }
}
