package glocal.model.labelling;

import glocal.model.batch.ExampleBatch;
import glocal.model.data.View;
import glocal.model.sampling.UserSampler;
import glocal.model.territory.TerritoryGrouping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The stream's labelling without the stream: views, in the order given (event-time order for an
 * offline split), go through the steps the topology's processors take, with the same classes — the
 * user's activity state ({@link ActivityPolicy}), the play counts and negative sampler ({@link
 * PlayWindows}), then the {@link ExampleRules} — and the examples are cut into batches of B in
 * their order, as the stream's batcher cuts them (a view's examples may straddle two batches). The
 * offline evaluation trains on these batches and tests build realistic batches with it; {@code
 * StreamAndEvaluationLabelsTest} checks they equal the topology's, column by column.
 *
 * <p>The territory grouping is fixed for the labeller's life and no user weights come back (every
 * example weighs 1). Activity states and play counts carry over from one call to the next.
 * Impressions still waiting when a call's views run out are left out by {@link #batches} (their
 * label is not known yet: exactly what the stream would have emitted by then, e.g. at the end of a
 * training period) and leave as negatives with {@link #batchesToTheEnd} (the data ends, so no play
 * of them follows: e.g. a test period).
 */
public final class Labeller {

    private final LabellingPolicy policy;
    private final ActivityPolicy activity;
    private final TerritoryGrouping grouping;
    private final UserSampler users;
    private final Map<String, UserActivity> states;
    private final PlayWindows counts;

    /** A labeller with the policy's own user sampling. */
    public Labeller(LabellingPolicy policy, TerritoryGrouping grouping) {
        this(policy, grouping, policy.userSampler());
    }

    /**
     * @param users who is sampled: {@code policy.userSampler()}, or {@link UserSampler#everyone()}
     */
    public Labeller(LabellingPolicy policy, TerritoryGrouping grouping, UserSampler users) {
        this(
                policy,
                grouping,
                users,
                new HashMap<>(),
                new PlayWindows(
                        policy.popularityWindowMs(),
                        policy.negativeExponent(),
                        PlayWindows.NO_SINK));
    }

    private Labeller(
            LabellingPolicy policy,
            TerritoryGrouping grouping,
            UserSampler users,
            Map<String, UserActivity> states,
            PlayWindows counts) {
        this.policy = policy;
        this.activity = policy.activity();
        this.grouping = grouping;
        this.users = users;
        this.states = states;
        this.counts = counts;
    }

    /**
     * A labeller that goes on from this one's activity states and play counts (shared: it updates
     * them too) but draws no sampled negatives: for a test period, scored on plays and impressions.
     */
    public Labeller withoutNegatives() {
        return new Labeller(policy.withNegativesPerPositive(0), grouping, users, states, counts);
    }

    /**
     * The batches of {@code views}, ids {@code prefix-0}, {@code prefix-1}, ...; the last may be
     * partial. Impressions still waiting at the end are left out.
     */
    public List<ExampleBatch> batches(List<View> views, int batchSize, String prefix) {
        return batches(views.iterator(), batchSize, Integer.MAX_VALUE, prefix, false);
    }

    /**
     * As {@link #batches(List, int, String)} for the last views of the data: waiting impressions
     * leave as negatives.
     */
    public List<ExampleBatch> batchesToTheEnd(List<View> views, int batchSize, String prefix) {
        return batches(views.iterator(), batchSize, Integer.MAX_VALUE, prefix, true);
    }

    /**
     * As {@link #batches(List, int, String)}, reading views only until {@code maxBatches} full
     * batches are made (then exactly that many are returned).
     */
    public List<ExampleBatch> batches(
            Iterator<View> views, int batchSize, int maxBatches, String prefix) {
        return batches(views, batchSize, maxBatches, prefix, false);
    }

    private List<ExampleBatch> batches(
            Iterator<View> views, int batchSize, int maxBatches, String prefix, boolean dataEnds) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        List<ExampleBatch> out = new ArrayList<>();
        List<Example> buffer = new ArrayList<>(2 * batchSize);
        PendingImpressions pending =
                new PendingImpressions(policy.impressionWindowMs(), KeyedState.inMemory());
        ExampleRules rules =
                new ExampleRules(policy, users, pending, ExampleRules.UNIT_WEIGHTS, buffer::addAll);
        while (views.hasNext() && out.size() < maxBatches) {
            label(views.next(), rules);
            cut(buffer, batchSize, maxBatches, prefix, out);
        }
        if (dataEnds) {
            pending.expire(Long.MAX_VALUE, buffer::add);
            cut(buffer, batchSize, maxBatches, prefix, out);
        }
        if (!buffer.isEmpty() && out.size() < maxBatches) {
            out.add(Example.batch(prefix + "-" + out.size(), buffer));
        }
        return out;
    }

    /** Full batches off the front of the buffer, as the stream's batcher cuts them. */
    private static void cut(
            List<Example> buffer,
            int batchSize,
            int maxBatches,
            String prefix,
            List<ExampleBatch> out) {
        int from = 0;
        while (buffer.size() - from >= batchSize && out.size() < maxBatches) {
            out.add(
                    Example.batch(
                            prefix + "-" + out.size(), buffer.subList(from, from + batchSize)));
            from += batchSize;
        }
        buffer.subList(0, from).clear();
    }

    /** One view through the topology's steps: activity, play counts, example rules. */
    private void label(View v, ExampleRules rules) {
        long time = v.eventTimeMs();
        UserActivity state = states.get(v.userId());
        if (v.isPlay()) {
            state = activity.play(state, v.titleId(), v.territory(), time);
            states.put(v.userId(), state);
            counts.play(v.territory(), v.titleId(), time);
        }
        rules.view(
                new Seen(v, state, activity.isActive(state, time), activity.group(state, time)),
                grouping,
                counts.sampler());
    }

    /** A view and its user's activity after it. */
    private record Seen(View view, UserActivity activity, boolean active, ActivityGroup group)
            implements ViewWithActivity {

        @Override
        public String eventId() {
            return view.eventId();
        }

        @Override
        public String userId() {
            return view.userId();
        }

        @Override
        public String titleId() {
            return view.titleId();
        }

        @Override
        public String territory() {
            return view.territory();
        }

        @Override
        public long eventTimeMs() {
            return view.eventTimeMs();
        }

        @Override
        public boolean isPlay() {
            return view.isPlay();
        }

        @Override
        public float watchRatio() {
            return view.watchRatio();
        }

        @Override
        public boolean finished() {
            return view.finished();
        }

        @Override
        public boolean skipped() {
            return view.skipped();
        }
    }
}
