package glocal.model.batch;

import java.util.Objects;

/**
 * A columnar mini-batch of training examples, mirroring the Avro {@code TrainingBatch}: one array per
 * field, all of length {@code size}. Arrays are not copied (a 4,096-example batch must stay cheap to
 * build); callers must not mutate them after construction.
 *
 * <p>{@code exampleKinds}: {@link #KIND_PLAY}, {@link #KIND_IMPRESSION}, {@link #KIND_NEGATIVE}.
 * {@code sampleSources}: {@link #SOURCE_RANDOM}, {@link #SOURCE_ACTIVE}. Activity groups: 0 new, 1 low,
 * 2 high.
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

    public static final int KIND_PLAY = 0;
    public static final int KIND_IMPRESSION = 1;
    public static final int KIND_NEGATIVE = 2;
    public static final int SOURCE_RANDOM = 0;
    public static final int SOURCE_ACTIVE = 1;

    public ExampleBatch {
        Objects.requireNonNull(batchId, "batchId");
        if (size <= 0) {
            throw new IllegalArgumentException("batch " + batchId + ": size must be > 0, was " + size);
        }
        check(batchId, size, "userIds", userIds == null ? -1 : userIds.length);
        check(batchId, size, "titleIds", titleIds == null ? -1 : titleIds.length);
        check(batchId, size, "territories", territories == null ? -1 : territories.length);
        check(batchId, size, "territoryGroups", territoryGroups == null ? -1 : territoryGroups.length);
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
                throw new IllegalArgumentException("batch " + batchId + ": example " + i + " has a null user or title id");
            }
            if (territoryGroups[i] < 0 || activityGroups[i] < 0) {
                throw new IllegalArgumentException("batch " + batchId + ": example " + i
                        + " has a negative territory group (" + territoryGroups[i] + ") or activity group ("
                        + activityGroups[i] + ")");
            }
        }
    }

    private static void check(String batchId, int size, String field, int length) {
        if (length != size) {
            throw new IllegalArgumentException("batch " + batchId + ": column " + field + " has "
                    + (length < 0 ? "no array" : length + " values") + " but size is " + size);
        }
    }

    /** Starts a row-by-row builder, handy for tests and generators; the stream side fills arrays directly. */
    public static Builder builder(String batchId) {
        return new Builder(batchId);
    }

    /** Appends examples one at a time and produces a validated batch. */
    public static final class Builder {
        private final String batchId;
        private int groupingVersion;
        private final java.util.List<Object[]> rows = new java.util.ArrayList<>();

        private Builder(String batchId) {
            this.batchId = batchId;
        }

        public Builder groupingVersion(int version) {
            this.groupingVersion = version;
            return this;
        }

        /** Adds a play / non-play example with default behaviour labels (finished 0, skipped 0, ratio = play). */
        public Builder add(String userId, String titleId, String territory, int territoryGroup, int activityGroup,
                           int kind, float play, float weight, long eventTime) {
            return add(userId, titleId, territory, territoryGroup, activityGroup, kind, SOURCE_RANDOM, play, 0f, 0f,
                    play, weight, eventTime);
        }

        public Builder add(String userId, String titleId, String territory, int territoryGroup, int activityGroup,
                           int kind, int source, float play, float finished, float skipped, float watchRatio,
                           float weight, long eventTime) {
            rows.add(new Object[] {userId, titleId, territory, territoryGroup, activityGroup, kind, source, play,
                finished, skipped, watchRatio, weight, eventTime});
            return this;
        }

        public ExampleBatch build() {
            int n = rows.size();
            String[] u = new String[n];
            String[] t = new String[n];
            String[] terr = new String[n];
            int[] tg = new int[n];
            int[] ag = new int[n];
            int[] kind = new int[n];
            int[] src = new int[n];
            float[] play = new float[n];
            float[] fin = new float[n];
            float[] skip = new float[n];
            float[] ratio = new float[n];
            float[] w = new float[n];
            long[] time = new long[n];
            for (int i = 0; i < n; i++) {
                Object[] r = rows.get(i);
                u[i] = (String) r[0];
                t[i] = (String) r[1];
                terr[i] = (String) r[2];
                tg[i] = (Integer) r[3];
                ag[i] = (Integer) r[4];
                kind[i] = (Integer) r[5];
                src[i] = (Integer) r[6];
                play[i] = (Float) r[7];
                fin[i] = (Float) r[8];
                skip[i] = (Float) r[9];
                ratio[i] = (Float) r[10];
                w[i] = (Float) r[11];
                time[i] = (Long) r[12];
            }
            return new ExampleBatch(batchId, n, groupingVersion, u, t, terr, tg, ag, kind, src, play, fin, skip, ratio,
                    w, time);
        }
    }
}
