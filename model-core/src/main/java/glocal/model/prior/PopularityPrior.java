package glocal.model.prior;

import glocal.model.batch.ExampleBatch;
import glocal.model.embedding.RowStore;
import glocal.model.optim.AdamConfig;
import glocal.model.sampling.PlayFrequencies;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Popularity as an input of the score, as a recently-popular-in-my-territory list knows it: for an
 * example of territory {@code r} and title {@code t} the features are {@code f = [log(1 + ĉ_r(t)),
 * log(1 + ĉ(t))]}, ĉ the title's plays in that territory and everywhere, decayed in event time with
 * a half-life, counted from the plays the trainer has seen before the example's batch (so a play
 * never predicts itself). The score gains {@code w_g · f} with a learned pair of weights per task
 * group {@code g}.
 *
 * <p>Why features and not only learned bias rows: a bias row of a title is learned from the
 * examples of that title, and most titles have a handful (on XMarket, a title's row is touched a
 * few times in a pass), so its bias stays where it started while the counts know it from the first
 * play. The weights are a few numbers touched by every batch, so they settle within a pass; per
 * territory, the counts are the territory's own, which is what lets a small territory's local hits
 * reach its users when its group also holds a big territory. Not thread-safe.
 */
public final class PopularityPrior {

    /** Features per example: territory count, global count. */
    public static final int FEATURES = 2;

    private final int groups;
    private final long halfLifeMs;
    private PlayFrequencies counts;
    private RowStore weights;
    private long clock;

    /**
     * @param groups weight rows (task groups: territory groups, 1 for baseline)
     * @param halfLifeMs event-time milliseconds after which a play counts half
     */
    public PopularityPrior(int groups, long halfLifeMs) {
        if (groups < 1 || halfLifeMs < 1) {
            throw new IllegalArgumentException(
                    "popularity prior needs >= 1 group and a half-life >= 1 ms, got "
                            + groups
                            + " and "
                            + halfLifeMs);
        }
        this.groups = groups;
        this.halfLifeMs = halfLifeMs;
        this.counts = new PlayFrequencies(0, halfLifeMs);
        this.weights = new RowStore(FEATURES);
        for (int g = 0; g < groups; g++) {
            weights.initRow(g, 0L, 0f);
        }
    }

    public int groups() {
        return groups;
    }

    /**
     * Row-major {@code (n, FEATURES)} features of the examples, from the counts as they are now.
     */
    public float[] features(String[] territories, String[] titles, int n) {
        float[] out = new float[n * FEATURES];
        for (int i = 0; i < n; i++) {
            out[i * FEATURES] = (float) counts.logCount(territories[i], titles[i]);
            out[i * FEATURES + 1] = (float) counts.logCount(titles[i]);
        }
        return out;
    }

    /** The features of one title in one territory. */
    public float[] features(String territory, String title) {
        return new float[] {
            (float) counts.logCount(territory, title), (float) counts.logCount(title)
        };
    }

    /** The key of {@link #titleFeatures} under which the title's count everywhere is. */
    public static final String EVERYWHERE = "*";

    /**
     * A title's features as a ranking service needs them from the published title: {@code log(1 +
     * ĉ_r(t))} under each territory code {@code r} where it was played (0 elsewhere) and {@code
     * log(1 + ĉ(t))} under {@link #EVERYWHERE}; with the user's territory and group weights, {@code
     * w · [f_r, f_*]} is the prior's term of the score.
     */
    public Map<String, Float> titleFeatures(String title) {
        Map<String, Float> out = new LinkedHashMap<>();
        counts.logCounts(title).forEach((territory, v) -> out.put(territory, v.floatValue()));
        out.put(EVERYWHERE, (float) counts.logCount(title));
        return out;
    }

    /** Row-major {@code (groups, FEATURES)} weights. */
    public float[] weights() {
        float[] out = new float[groups * FEATURES];
        for (int g = 0; g < groups; g++) {
            weights.copyRow(g, out, g * FEATURES);
        }
        return out;
    }

    /** The weights of one group. */
    public float[] weights(int group) {
        return weights.row(group);
    }

    /**
     * One Adam step on the weight rows whose gradient (row-major, like {@link #weights()}) is not
     * all zero.
     */
    public void apply(float[] grads, AdamConfig config) {
        for (int g = 0; g < groups; g++) {
            boolean any = false;
            for (int f = 0; f < FEATURES; f++) {
                any |= grads[g * FEATURES + f] != 0f;
            }
            if (any) {
                weights.applyAdam(g, grads, g * FEATURES, config);
            }
        }
    }

    /**
     * Counts the batch's plays at the batch's latest event time (the clock never goes back: batches
     * of several partitions may arrive slightly out of order).
     */
    public void observe(ExampleBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            clock = Math.max(clock, batch.eventTimes()[i]);
        }
        counts.at(clock);
        for (int i = 0; i < batch.size(); i++) {
            if (batch.play()[i] > 0.5f) {
                counts.play(batch.territories()[i], batch.titleIds()[i]);
            }
        }
    }

    /**
     * Forgets the counts (the weights stay): a replay of the same period starts its counts again,
     * so that in a second pass an example's features are again those of the plays before it.
     */
    public void restartCounts() {
        counts = new PlayFrequencies(0, halfLifeMs);
        clock = 0;
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(groups);
        out.writeLong(halfLifeMs);
        out.writeLong(clock);
        weights.write(out, groups);
        counts.write(out);
    }

    /** Restores what {@link #write} wrote into this prior, which must have the same shape. */
    public void read(DataInputStream in) throws IOException {
        int savedGroups = in.readInt();
        long savedHalfLife = in.readLong();
        if (savedGroups != groups || savedHalfLife != halfLifeMs) {
            throw new IOException(
                    "popularity prior: checkpoint has "
                            + savedGroups
                            + " groups and a half-life of "
                            + savedHalfLife
                            + " ms but the model spec says "
                            + groups
                            + " and "
                            + halfLifeMs
                            + "; restore with the spec it was saved with");
        }
        clock = in.readLong();
        weights = RowStore.read(in);
        counts = PlayFrequencies.read(in);
    }
}
