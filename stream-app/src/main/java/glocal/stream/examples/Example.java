package glocal.stream.examples;

/**
 * One training example, a row of a {@code TrainingBatch}.
 *
 * @param kind {@link #PLAY}, {@link #IMPRESSION} (impression without play) or {@link #SAMPLED}
 * @param sampleSource {@link #RANDOM_USER} or {@link #ACTIVE_USER}
 */
public record Example(
    String userId,
    String titleId,
    String territory,
    int territoryGroup,
    int groupingVersion,
    int activityGroup,
    int kind,
    int sampleSource,
    float play,
    float finished,
    float skipped,
    float watchRatio,
    float weight,
    long eventTime) {

  public static final int PLAY = 0;
  public static final int IMPRESSION = 1;
  public static final int SAMPLED = 2;
  public static final int RANDOM_USER = glocal.model.batch.ExampleBatch.SOURCE_RANDOM;
  public static final int ACTIVE_USER = glocal.model.batch.ExampleBatch.SOURCE_ACTIVE;
}
