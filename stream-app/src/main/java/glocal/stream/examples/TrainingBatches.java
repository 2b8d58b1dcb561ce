package glocal.stream.examples;

import glocal.model.batch.ExampleBatch;
import glocal.schemas.avro.TrainingBatch;
import java.time.Instant;
import java.util.Arrays;

/**
 * The one mapping between the wire record {@link TrainingBatch} and model-core's columnar {@link
 * ExampleBatch}, both ways: array copies only. The batcher writes through it, the trainer reads
 * through it.
 */
public final class TrainingBatches {

    private TrainingBatches() {}

    public static ExampleBatch toExampleBatch(TrainingBatch b) {
        return new ExampleBatch(
                b.getBatchId(),
                b.getSize(),
                b.getGroupingVersion(),
                b.getUserIds().toArray(String[]::new),
                b.getTitleIds().toArray(String[]::new),
                b.getTerritories().toArray(String[]::new),
                PackedColumns.toInts(b.getTerritoryGroups()),
                PackedColumns.toInts(b.getActivityGroups()),
                PackedColumns.toInts(b.getExampleKinds()),
                PackedColumns.toInts(b.getSampleSources()),
                PackedColumns.toFloats(b.getPlay()),
                PackedColumns.toFloats(b.getFinished()),
                PackedColumns.toFloats(b.getSkipped()),
                PackedColumns.toFloats(b.getWatchRatio()),
                PackedColumns.toFloats(b.getWeights()),
                PackedColumns.toLongs(b.getEventTimes()));
    }

    /**
     * The wire record of a batch, stamped with its creation time and no application id (as before
     * v2).
     */
    public static TrainingBatch toAvro(ExampleBatch b, long createdAtMs) {
        return toAvro(b, createdAtMs, null);
    }

    /**
     * The wire record of a batch, stamped with its creation time and the {@code
     * glocal.application.id} of the stream application that wrote it (null: none, as batches
     * written before the field).
     */
    public static TrainingBatch toAvro(ExampleBatch b, long createdAtMs, String applicationId) {
        return TrainingBatch.newBuilder()
                .setBatchId(b.batchId())
                .setSize(b.size())
                .setGroupingVersion(b.groupingVersion())
                .setCreatedAt(Instant.ofEpochMilli(createdAtMs))
                .setUserIds(Arrays.asList(b.userIds()))
                .setTitleIds(Arrays.asList(b.titleIds()))
                .setTerritories(Arrays.asList(b.territories()))
                .setTerritoryGroups(PackedColumns.ints(b.territoryGroups()))
                .setActivityGroups(PackedColumns.ints(b.activityGroups()))
                .setExampleKinds(PackedColumns.ints(b.exampleKinds()))
                .setSampleSources(PackedColumns.ints(b.sampleSources()))
                .setPlay(PackedColumns.floats(b.play()))
                .setFinished(PackedColumns.floats(b.finished()))
                .setSkipped(PackedColumns.floats(b.skipped()))
                .setWatchRatio(PackedColumns.floats(b.watchRatio()))
                .setWeights(PackedColumns.floats(b.weights()))
                .setEventTimes(PackedColumns.longs(b.eventTimes()))
                .setApplicationId(applicationId)
                .build();
    }
}
