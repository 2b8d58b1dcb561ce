package glocal.model.labelling;

import glocal.model.batch.ExampleKind;
import glocal.model.sampling.Hashing;
import glocal.model.sampling.PopularitySampler;
import glocal.model.sampling.UserSampler;
import glocal.model.territory.TerritoryGrouping;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The labelling rules, applied to one view at a time in the order views arrive, after the user's
 * activity state and the play counts have taken the view in. The stream's example builder and the
 * offline {@link Labeller} both call this class, so a view gets the same examples on either side.
 *
 * <ul>
 *   <li>Only sampled users produce examples ({@link UserSampler}: a random set by hash, plus
 *       upsampled users who are active at the view).
 *   <li>A PLAY is a positive, followed by k distinct negatives drawn from its territory's catalogue
 *       ∝ plays^β over the current and previous popularity window, excluding the user's recent
 *       titles; the draw is seeded by the event id, so a replay draws the same negatives.
 *   <li>An IMPRESSION waits for the impression window ({@link PendingImpressions}); a play of the
 *       same user and title cancels it, otherwise it leaves as an explicit negative once a later
 *       view takes the clock past its window. A play cancels a waiting impression whether or not
 *       its user is sampled.
 *   <li>Every example carries the user's weight ({@link UserWeights}), activity group and sample
 *       source, and the territory group and grouping version in use when it leaves: an impression
 *       that waited across a regrouping is regrouped as it leaves, so a batch (which holds one
 *       grouping) is not cut short by examples of an older one.
 * </ul>
 */
public final class ExampleRules {

    /** The adaptive weight of a user's examples. */
    public interface UserWeights {
        float weight(String userId);
    }

    /** Every user weighs 1 (no trainer feeding weights back). */
    public static final UserWeights UNIT_WEIGHTS = user -> 1f;

    private final int negatives;
    private final long seed;
    private final UserSampler users;
    private final PendingImpressions pending;
    private final UserWeights weights;
    private final Consumer<List<Example>> out;
    private long clock = Long.MIN_VALUE;

    /**
     * @param users who is sampled (the policy's {@link LabellingPolicy#userSampler()}, or another)
     * @param out gets each view's examples together (a play and its negatives), then each
     *     impression that leaves on its own
     */
    public ExampleRules(
            LabellingPolicy policy,
            UserSampler users,
            PendingImpressions pending,
            UserWeights weights,
            Consumer<List<Example>> out) {
        this.negatives = policy.negativesPerPositive();
        this.seed = policy.seed();
        this.users = users;
        this.pending = pending;
        this.weights = weights;
        this.out = out;
    }

    /**
     * Labels one view: {@code grouping} gives the territory group, {@code popularity} the negatives
     * (as of this view, which it has counted if it is a play). Then the impressions the view's
     * event time makes due leave.
     */
    public void view(ViewWithActivity v, TerritoryGrouping grouping, PopularitySampler popularity) {
        String key = PendingImpressions.key(v.userId(), v.titleId());
        int source = users.source(v.userId(), v.active());
        if (v.isPlay()) {
            pending.cancel(key);
            if (source != UserSampler.DROP) {
                play(v, source, grouping, popularity);
            }
        } else if (source != UserSampler.DROP) {
            pending.add(
                    key,
                    example(
                            v,
                            v.titleId(),
                            ExampleKind.IMPRESSION,
                            source,
                            0f,
                            0f,
                            0f,
                            0f,
                            weights.weight(v.userId()),
                            grouping));
        }
        clock = Math.max(clock, v.eventTimeMs());
        pending.expire(clock, impression -> out.accept(List.of(regrouped(impression, grouping))));
    }

    /** The impression in the grouping in use (itself when it already is). */
    private static Example regrouped(Example e, TerritoryGrouping grouping) {
        if (e.groupingVersion() == grouping.version()) {
            return e;
        }
        return new Example(
                e.userId(),
                e.titleId(),
                e.territory(),
                grouping.group(e.territory()),
                grouping.version(),
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

    private void play(
            ViewWithActivity v,
            int source,
            TerritoryGrouping grouping,
            PopularitySampler popularity) {
        float weight = weights.weight(v.userId());
        List<Example> examples = new ArrayList<>(1 + negatives);
        examples.add(
                example(
                        v,
                        v.titleId(),
                        ExampleKind.PLAY,
                        source,
                        1f,
                        v.finished() ? 1f : 0f,
                        v.skipped() ? 1f : 0f,
                        v.watchRatio(),
                        weight,
                        grouping));
        if (negatives > 0) {
            List<String> exclude =
                    v.activity() == null ? List.of(v.titleId()) : v.activity().recentTitles();
            SplittableRandom random = new SplittableRandom(seed ^ Hashing.hash(v.eventId(), 0));
            for (String title : popularity.sample(v.territory(), negatives, exclude, random)) {
                examples.add(
                        example(
                                v,
                                title,
                                ExampleKind.NEGATIVE,
                                source,
                                0f,
                                0f,
                                0f,
                                0f,
                                weight,
                                grouping));
            }
        }
        out.accept(examples);
    }

    private static Example example(
            ViewWithActivity v,
            String titleId,
            ExampleKind kind,
            int source,
            float play,
            float finished,
            float skipped,
            float ratio,
            float weight,
            TerritoryGrouping grouping) {
        return new Example(
                v.userId(),
                titleId,
                v.territory(),
                grouping.group(v.territory()),
                grouping.version(),
                v.group().ordinal(),
                kind,
                source,
                play,
                finished,
                skipped,
                ratio,
                weight,
                v.eventTimeMs());
    }
}
