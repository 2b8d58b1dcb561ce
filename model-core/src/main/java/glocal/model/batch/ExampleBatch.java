package glocal.model.batch;

import java.util.Arrays;
import java.util.Objects;

/**
 * A columnar mini-batch of training examples, mirroring the Avro {@code TrainingBatch}: one array
 * per field, all of length {@code size}. Arrays are not copied (a 4,096-example batch must stay
 * cheap to build); callers must not mutate them after construction.
 *
 * <p>{@code exampleKinds}: {@link ExampleKind#code()}s. {@code sampleSources}: {@link
 * #SOURCE_RANDOM}, {@link #SOURCE_ACTIVE}. Activity groups: 0 new, 1 low, 2 high.
 */
public record ExampleBatch(
        String batchId,
        int size,
        int groupingVersion,
        String[] userIds,
        String[] titleIds,
        String[] territories,
        int[] territoryGroups,
        int[] activityGroups,
        int[] exampleKinds,
        int[] sampleSources,
        float[] play,
        float[] finished,
        float[] skipped,
        float[] watchRatio,
        float[] weights,
        long[] eventTimes) {

    public static final int SOURCE_RANDOM = 0;
    public static final int SOURCE_ACTIVE = 1;

    public ExampleBatch {
        Objects.requireNonNull(batchId, "batchId");
        if (size <= 0) {
            throw new IllegalArgumentException(
                    "batch " + batchId + ": size must be > 0, was " + size);
        }
        check(batchId, size, "userIds", userIds == null ? -1 : userIds.length);
        check(batchId, size, "titleIds", titleIds == null ? -1 : titleIds.length);
        check(batchId, size, "territories", territories == null ? -1 : territories.length);
        check(
                batchId,
                size,
                "territoryGroups",
                territoryGroups == null ? -1 : territoryGroups.length);
        check(batchId, size, "activityGroups", activityGroups == null ? -1 : activityGroups.length);
        check(batchId, size, "exampleKinds", exampleKinds == null ? -1 : exampleKinds.length);
        check(batchId, size, "sampleSources", sampleSources == null ? -1 : sampleSources.length);
        check(batchId, size, "play", play == null ? -1 : play.length);
        check(batchId, size, "finished", finished == null ? -1 : finished.length);
        check(batchId, size, "skipped", skipped == null ? -1 : skipped.length);
        check(batchId, size, "watchRatio", watchRatio == null ? -1 : watchRatio.length);
        check(batchId, size, "weights", weights == null ? -1 : weights.length);
        check(batchId, size, "eventTimes", eventTimes == null ? -1 : eventTimes.length);
        for (int i = 0; i < size; i++) {
            if (userIds[i] == null || titleIds[i] == null) {
                throw new IllegalArgumentException(
                        "batch " + batchId + ": example " + i + " has a null user or title id");
            }
            if (territoryGroups[i] < 0 || activityGroups[i] < 0) {
                throw new IllegalArgumentException(
                        "batch "
                                + batchId
                                + ": example "
                                + i
                                + " has a negative territory group ("
                                + territoryGroups[i]
                                + ") or activity group ("
                                + activityGroups[i]
                                + ")");
            }
        }
    }

    private static void check(String batchId, int size, String field, int length) {
        if (length != size) {
            throw new IllegalArgumentException(
                    "batch "
                            + batchId
                            + ": column "
                            + field
                            + " has "
                            + (length < 0 ? "no array" : length + " values")
                            + " but size is "
                            + size);
        }
    }

    /** This batch with another weights column (the other columns are shared, not copied). */
    public ExampleBatch withWeights(float[] newWeights) {
        return new ExampleBatch(
                batchId,
                size,
                groupingVersion,
                userIds,
                titleIds,
                territories,
                territoryGroups,
                activityGroups,
                exampleKinds,
                sampleSources,
                play,
                finished,
                skipped,
                watchRatio,
                newWeights,
                eventTimes);
    }

    /** Starts a row-by-row builder for generators, tests and the stream side's batcher. */
    public static Builder builder(String batchId) {
        return new Builder(batchId, 16);
    }

    /**
     * Starts a builder with room for {@code expectedSize} examples (it grows past that if needed).
     */
    public static Builder builder(String batchId, int expectedSize) {
        return new Builder(batchId, Math.max(1, expectedSize));
    }

    /**
     * Appends examples one at a time straight into primitive columns (no boxing per example) and
     * produces a validated batch.
     */
    public static final class Builder {
        private final String batchId;
        private int groupingVersion;
        private int n;
        private String[] users;
        private String[] titles;
        private String[] territories;
        private int[] territoryGroups;
        private int[] activityGroups;
        private int[] kinds;
        private int[] sources;
        private float[] play;
        private float[] finished;
        private float[] skipped;
        private float[] watchRatio;
        private float[] weights;
        private long[] eventTimes;

        private Builder(String batchId, int capacity) {
            this.batchId = batchId;
            users = new String[capacity];
            titles = new String[capacity];
            territories = new String[capacity];
            territoryGroups = new int[capacity];
            activityGroups = new int[capacity];
            kinds = new int[capacity];
            sources = new int[capacity];
            play = new float[capacity];
            finished = new float[capacity];
            skipped = new float[capacity];
            watchRatio = new float[capacity];
            weights = new float[capacity];
            eventTimes = new long[capacity];
        }

        public Builder groupingVersion(int version) {
            this.groupingVersion = version;
            return this;
        }

        /**
         * Adds a play / non-play example with default behaviour labels (finished 0, skipped 0,
         * ratio = play).
         */
        public Builder add(
                String userId,
                String titleId,
                String territory,
                int territoryGroup,
                int activityGroup,
                ExampleKind kind,
                float play,
                float weight,
                long eventTime) {
            return add(
                    userId,
                    titleId,
                    territory,
                    territoryGroup,
                    activityGroup,
                    kind,
                    SOURCE_RANDOM,
                    play,
                    0f,
                    0f,
                    play,
                    weight,
                    eventTime);
        }

        public Builder add(
                String userId,
                String titleId,
                String territory,
                int territoryGroup,
                int activityGroup,
                ExampleKind kind,
                int source,
                float playLabel,
                float finishedLabel,
                float skippedLabel,
                float ratio,
                float weight,
                long eventTime) {
            if (n == users.length) {
                grow();
            }
            users[n] = userId;
            titles[n] = titleId;
            territories[n] = territory;
            territoryGroups[n] = territoryGroup;
            activityGroups[n] = activityGroup;
            kinds[n] = kind.code();
            sources[n] = source;
            play[n] = playLabel;
            finished[n] = finishedLabel;
            skipped[n] = skippedLabel;
            watchRatio[n] = ratio;
            weights[n] = weight;
            eventTimes[n] = eventTime;
            n++;
            return this;
        }

        /** Examples added so far. */
        public int size() {
            return n;
        }

        public ExampleBatch build() {
            return new ExampleBatch(
                    batchId,
                    n,
                    groupingVersion,
                    Arrays.copyOf(users, n),
                    Arrays.copyOf(titles, n),
                    Arrays.copyOf(territories, n),
                    Arrays.copyOf(territoryGroups, n),
                    Arrays.copyOf(activityGroups, n),
                    Arrays.copyOf(kinds, n),
                    Arrays.copyOf(sources, n),
                    Arrays.copyOf(play, n),
                    Arrays.copyOf(finished, n),
                    Arrays.copyOf(skipped, n),
                    Arrays.copyOf(watchRatio, n),
                    Arrays.copyOf(weights, n),
                    Arrays.copyOf(eventTimes, n));
        }

        private void grow() {
            int c = users.length * 2;
            users = Arrays.copyOf(users, c);
            titles = Arrays.copyOf(titles, c);
            territories = Arrays.copyOf(territories, c);
            territoryGroups = Arrays.copyOf(territoryGroups, c);
            activityGroups = Arrays.copyOf(activityGroups, c);
            kinds = Arrays.copyOf(kinds, c);
            sources = Arrays.copyOf(sources, c);
            play = Arrays.copyOf(play, c);
            finished = Arrays.copyOf(finished, c);
            skipped = Arrays.copyOf(skipped, c);
            watchRatio = Arrays.copyOf(watchRatio, c);
            weights = Arrays.copyOf(weights, c);
            eventTimes = Arrays.copyOf(eventTimes, c);
        }
    }
}
