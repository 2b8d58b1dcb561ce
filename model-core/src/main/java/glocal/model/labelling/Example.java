package glocal.model.labelling;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import java.util.List;

/**
 * One training example, a row of a {@code TrainingBatch}, as {@link ExampleRules} labels it.
 *
 * @param sampleSource {@link ExampleBatch#SOURCE_RANDOM} or {@link ExampleBatch#SOURCE_ACTIVE}
 */
public record Example(
        String userId,
        String titleId,
        String territory,
        int territoryGroup,
        int groupingVersion,
        int activityGroup,
        ExampleKind kind,
        int sampleSource,
        float play,
        float finished,
        float skipped,
        float watchRatio,
        float weight,
        long eventTime) {

    /**
     * The columnar batch of {@code examples} (at least one), in their order, with the first one's
     * grouping version.
     */
    public static ExampleBatch batch(String batchId, List<Example> examples) {
        ExampleBatch.Builder batch =
                ExampleBatch.builder(batchId, examples.size())
                        .groupingVersion(examples.get(0).groupingVersion());
        for (Example e : examples) {
            batch.add(
                    e.userId(),
                    e.titleId(),
                    e.territory(),
                    e.territoryGroup(),
                    e.activityGroup(),
                    e.kind(),
                    e.sampleSource(),
                    e.play(),
                    e.finished(),
                    e.skipped(),
                    e.watchRatio(),
                    e.weight(),
                    e.eventTime());
        }
        return batch.build();
    }
}
