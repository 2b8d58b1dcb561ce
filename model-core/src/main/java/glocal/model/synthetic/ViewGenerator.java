package glocal.model.synthetic;

import glocal.model.data.View;
import glocal.model.data.ViewType;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Generates a world's events one at a time: a user drawn ∝ activity, an impression drawn by the
 * popularity-biased candidate sampler, then with probability = true affinity a play of the same
 * title as the very next event. Holds only its random state and at most one pending play.
 */
final class ViewGenerator implements Iterator<View> {

    /**
     * Separates the event stream's random numbers from the world-building ones of the same seed.
     */
    // 0x5DEECE66DL * 0x9E3779B97F4A7C15L, wrapped to 64 bits (written out: Error Prone rejects the
    // overflow).
    private static final long EVENT_STREAM_SALT = 0xC4D3D905B78DB2F1L;

    private final SyntheticWorld world;
    private final SplittableRandom rng;
    private final String idPrefix;
    private final double meanExtraGapMs;
    private final long limit;
    private long emitted;
    private long clockMs;
    private View pendingPlay;

    ViewGenerator(SyntheticWorld world, long limit) {
        this.world = world;
        this.limit = limit;
        rng = new SplittableRandom(world.seed() ^ EVENT_STREAM_SALT);
        idPrefix = "syn-" + Long.toHexString(world.seed()) + "-";
        meanExtraGapMs = world.config().meanEventGapMs() - 1;
        // The first gap is added before the first event, so start one gap early.
        clockMs = world.config().startTimeMs() - 1;
    }

    @Override
    public boolean hasNext() {
        return emitted < limit;
    }

    @Override
    public View next() {
        if (emitted >= limit) {
            throw new NoSuchElementException("all " + limit + " events were generated");
        }
        View out;
        if (pendingPlay != null) {
            out = pendingPlay;
            pendingPlay = null;
        } else {
            out = impressionAndMaybePlay();
        }
        emitted++;
        return out;
    }

    private View impressionAndMaybePlay() {
        int u = world.drawUser(rng);
        int t = world.drawCandidate(u, rng);
        String userId = UserPopulation.id(u);
        String titleId = world.titleId(t);
        String territory = world.homeCode(u);
        long seq = emitted;
        View impression = View.impression(idPrefix + seq, userId, titleId, territory, tick());
        double affinity = world.affinity(u, t);
        if (rng.nextDouble() < affinity) {
            float ratio = WatchBehaviour.watchRatio(affinity, rng);
            pendingPlay =
                    new View(
                            idPrefix + (seq + 1),
                            userId,
                            titleId,
                            territory,
                            tick(),
                            ViewType.PLAY,
                            ratio,
                            ratio >= WatchBehaviour.FINISH_THRESHOLD,
                            ratio < WatchBehaviour.SKIP_THRESHOLD);
        }
        return impression;
    }

    /**
     * Advances the clock by a gap of at least 1 ms (1 + exponential), so times strictly increase.
     */
    private long tick() {
        long extra =
                meanExtraGapMs == 0 ? 0 : (long) (-Math.log(1 - rng.nextDouble()) * meanExtraGapMs);
        clockMs += 1 + extra;
        return clockMs;
    }
}
