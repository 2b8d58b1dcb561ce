package glocal.stream.examples;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;

/**
 * One training example, a row of a {@code TrainingBatch}.
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
    long eventTime) {}
