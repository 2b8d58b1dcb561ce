package glocal.model.weights;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TALL's adaptive weight module (arXiv 2404.08887): each user's weight in the training loss grows
 * with how slowly the user's loss is falling. Per window the user's mean loss is tracked; at the
 * end of a window the relative change {@code r = (previous - current) / max(previous, current)}
 * (scale-free, so users with inherently high loss are not favoured) gives the raw weight {@code
 * exp(-r / alpha)}. For a falling loss r is TALL's {@code (previous - current) / previous}; a
 * rising one is divided by the larger loss, so r stays in [-1, 1]: a window mean that jumps from a
 * tiny loss (a run of impression-only batches, say) to a normal one gives r near -1, not -500, and
 * cannot take the whole weight mass. A user counts in a window only with at least {@code
 * minExamples} examples in it; with fewer, the losses carry over to the next window. The raw
 * weights of the users counted in a window are clipped and scaled together so that, clipped, they
 * have mean 1: normalising before clipping would, with a small alpha, let a few outliers push every
 * other weight down to the lower clip (measured: mean weight 0.21 at alpha 0.2). The scaling works
 * on log weights, clipped in log space, so no weight underflows to 0 or overflows to infinity on
 * the way (an underflowed 0 times an infinite scale was the NaN of issue 14). During the first
 * {@code gapWindows} windows every weight stays 1. Non-finite losses are left out of the windows
 * and counted. Users are kept in insertion order, so a restored state sums in the same order and
 * reproduces weights bit for bit. Not thread-safe: the trainer owns it.
 */
public final class AdaptiveUserWeights {

    private final AdaptiveWeightsConfig config;
    private final Map<String, UserLoss> users = new LinkedHashMap<>();
    private final Map<String, Float> changed = new LinkedHashMap<>();
    private long windowsClosed;
    private long nonFiniteLosses;
    private int repairedOnRead;
    private int weightedInLastWindow;

    public AdaptiveUserWeights(AdaptiveWeightsConfig config) {
        this.config = config;
    }

    public AdaptiveWeightsConfig config() {
        return config;
    }

    /** Windows closed so far. */
    public long windowsClosed() {
        return windowsClosed;
    }

    /**
     * Users whose weight was computed when the last window closed: 0 during the gap, and 0 on data
     * so sparse that no user has {@code minExamples} examples in two windows after it.
     */
    public int weightedInLastWindow() {
        return weightedInLastWindow;
    }

    /**
     * Losses left out of the windows because they were NaN or infinite, since this state was
     * created.
     */
    public long nonFiniteLosses() {
        return nonFiniteLosses;
    }

    /**
     * Users whose state read from a checkpoint held a non-finite number and was reset (weight 1).
     */
    public int repairedOnRead() {
        return repairedOnRead;
    }

    /**
     * Adds per-example (unweighted) losses to the current window; non-finite ones are counted, not
     * added.
     */
    public void record(String[] userIds, float[] losses, int n) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(losses[i])) {
                nonFiniteLosses++;
                continue;
            }
            UserLoss u = users.computeIfAbsent(userIds[i], k -> new UserLoss());
            u.sum += losses[i];
            u.count++;
        }
    }

    /** Closes the window when {@code version} (steps taken) is a multiple of the window length. */
    public void onStep(long version) {
        if (version % config.windowSteps() == 0) {
            closeWindow();
        }
    }

    /** The user's current weight (1 for users never weighted). */
    public float weight(String userId) {
        UserLoss u = users.get(userId);
        return u == null ? 1f : u.weight;
    }

    /** Current weights for a column of user ids, ready for a batch's weights column. */
    public float[] weights(String[] userIds, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = weight(userIds[i]);
        }
        return out;
    }

    /** Ends the current window and recomputes the weights of the users counted in it. */
    public void closeWindow() {
        boolean inGap = windowsClosed < config.gapWindows();
        Map<String, Double> logRaw = new LinkedHashMap<>();
        for (Map.Entry<String, UserLoss> e : users.entrySet()) {
            UserLoss u = e.getValue();
            if (u.count
                    < config.minExamples()) { // minExamples >= 1: users not seen in the window too
                continue;
            }
            double current = u.sum / u.count;
            if (!inGap && u.previous > 0) {
                logRaw.put(e.getKey(), -relativeChange(u.previous, current) / config.alpha());
            }
            u.previous = current;
            u.sum = 0;
            u.count = 0;
        }
        windowsClosed++;
        weightedInLastWindow = logRaw.size();
        if (logRaw.isEmpty()) {
            return;
        }
        double shift = logShiftToMeanOne(logRaw.values());
        for (Map.Entry<String, Double> e : logRaw.entrySet()) {
            float w = (float) clippedWeight(e.getValue() + shift);
            UserLoss u = users.get(e.getKey());
            if (u.weight != w) {
                u.weight = w;
                changed.put(e.getKey(), w);
            }
        }
    }

    /**
     * {@code (previous - current) / max(previous, current)}, in [-1, 1] for non-negative losses:
     * TALL's relative change when the loss falls, bounded when it rises.
     */
    static double relativeChange(double previous, double current) {
        return (previous - current) / Math.max(previous, current);
    }

    /** exp of the log weight clipped to [log minWeight, log maxWeight]: never 0, never infinite. */
    private double clippedWeight(double logWeight) {
        double lo = Math.log(config.minWeight());
        double hi = Math.log(config.maxWeight());
        return Math.exp(Math.min(hi, Math.max(lo, logWeight)));
    }

    /**
     * The shift t with mean(clippedWeight(log + t)) = 1. At t = log minWeight - max(log) every
     * weight is at the lower clip (mean minWeight <= 1), at t = log maxWeight - min(log) every one
     * is at the upper clip (mean maxWeight >= 1; the config guarantees both), and the mean is
     * continuous and non-decreasing in t between them, so bisection on t finds it.
     */
    private double logShiftToMeanOne(Collection<Double> logs) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double log : logs) {
            min = Math.min(min, log);
            max = Math.max(max, log);
        }
        double lo = Math.log(config.minWeight()) - max;
        double hi = Math.log(config.maxWeight()) - min;
        for (int it = 0; it < 100; it++) {
            double mid = (lo + hi) / 2;
            if (meanClipped(logs, mid) < 1) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private double meanClipped(Collection<Double> logs, double shift) {
        double sum = 0;
        for (double log : logs) {
            sum += clippedWeight(log + shift);
        }
        return sum / logs.size();
    }

    /** Weights that changed since the last call, for the user-weights topic. */
    public Map<String, Float> drainChanged() {
        Map<String, Float> out = new LinkedHashMap<>(changed);
        changed.clear();
        return out;
    }

    /**
     * One user's adaptive-weight state: the open window's loss sum and count, the last closed
     * window's mean loss and the weight.
     */
    public record UserState(double sum, int count, double previous, float weight) {

        public void write(DataOutputStream out) throws IOException {
            out.writeDouble(sum);
            out.writeInt(count);
            out.writeDouble(previous);
            out.writeFloat(weight);
        }

        public static UserState read(DataInputStream in) throws IOException {
            return new UserState(in.readDouble(), in.readInt(), in.readDouble(), in.readFloat());
        }
    }

    /** The user's state, or null for a user never recorded. */
    public UserState exportUser(String userId) {
        UserLoss u = users.get(userId);
        return u == null ? null : new UserState(u.sum, u.count, u.previous, u.weight);
    }

    /**
     * Takes over a user's state from another trainer (null: the user starts over, weight 1). A
     * state holding a non-finite number starts over too.
     */
    public void importUser(String userId, UserState state) {
        if (state == null) {
            users.remove(userId);
            return;
        }
        UserLoss u = new UserLoss();
        if (Double.isFinite(state.sum())
                && Double.isFinite(state.previous())
                && Float.isFinite(state.weight())) {
            u.sum = state.sum();
            u.count = state.count();
            u.previous = state.previous();
            u.weight = state.weight();
        } else {
            repairedOnRead++;
        }
        users.put(userId, u);
    }

    /** Lets users go (their partition moved to another trainer). */
    public void drop(Collection<String> userIds) {
        for (String id : userIds) {
            users.remove(id);
            changed.remove(id);
        }
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeLong(windowsClosed);
        out.writeInt(users.size());
        for (Map.Entry<String, UserLoss> e : users.entrySet()) {
            UserLoss u = e.getValue();
            out.writeUTF(e.getKey());
            out.writeDouble(u.sum);
            out.writeInt(u.count);
            out.writeDouble(u.previous);
            out.writeFloat(u.weight);
        }
        out.writeInt(changed.size());
        for (Map.Entry<String, Float> e : changed.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeFloat(e.getValue());
        }
    }

    /**
     * Reads a state written by {@link #write}. A user whose numbers are not finite (a checkpoint of
     * a build before issue 14's fix could hold NaN) starts over at weight 1 and is marked changed,
     * so the trainer publishes the repaired weight over the bad one in the compacted topic.
     */
    public static AdaptiveUserWeights read(AdaptiveWeightsConfig config, DataInputStream in)
            throws IOException {
        AdaptiveUserWeights w = new AdaptiveUserWeights(config);
        w.windowsClosed = in.readLong();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            UserLoss u = new UserLoss();
            String id = in.readUTF();
            u.sum = in.readDouble();
            u.count = in.readInt();
            u.previous = in.readDouble();
            u.weight = in.readFloat();
            if (!Double.isFinite(u.sum)
                    || !Double.isFinite(u.previous)
                    || !Float.isFinite(u.weight)) {
                u = new UserLoss();
                w.repairedOnRead++;
                w.changed.put(id, u.weight);
            }
            w.users.put(id, u);
        }
        int c = in.readInt();
        for (int i = 0; i < c; i++) {
            String id = in.readUTF();
            float weight = in.readFloat();
            if (Float.isFinite(weight)) {
                w.changed.putIfAbsent(id, weight);
            }
        }
        return w;
    }

    private static final class UserLoss {
        double sum;
        int count;
        double previous;
        float weight = 1f;
    }
}
