package glocal.model.weights;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TALL's adaptive weight module (arXiv 2404.08887): each user's weight in the training loss grows
 * with how slowly the user's loss is falling. Per window the user's mean loss is tracked; at the end
 * of a window the relative change {@code r = (previous - current) / previous} (scale-free, so users
 * with inherently high loss are not favoured) gives the raw weight {@code exp(-r / alpha)}, computed
 * in log space so no loss jump overflows it. A user counts in a window only with at least
 * {@code minExamples} examples in it; with fewer, the losses carry over to the next window. The raw
 * weights of the users counted in a window are clipped and scaled together so that, clipped, they
 * have mean 1: normalising before clipping would, with a small alpha, let a few outliers push every
 * other weight down to the lower clip (measured: mean weight 0.21 at alpha 0.2). During the first
 * {@code gapWindows} windows every weight stays 1. Users are kept in insertion order, so a restored
 * state sums in the same order and reproduces weights bit for bit. Not thread-safe: the trainer owns it.
 */
public final class AdaptiveUserWeights {

    private final AdaptiveWeightsConfig config;
    private final Map<String, UserLoss> users = new LinkedHashMap<>();
    private final Map<String, Float> changed = new LinkedHashMap<>();
    private long windowsClosed;

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

    /** Adds per-example (unweighted) losses to the current window. */
    public void record(String[] userIds, float[] losses, int n) {
        for (int i = 0; i < n; i++) {
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
        double maxLog = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, UserLoss> e : users.entrySet()) {
            UserLoss u = e.getValue();
            if (u.count < config.minExamples()) { // minExamples >= 1: users not seen in the window too
                continue;
            }
            double current = u.sum / u.count;
            if (!inGap && u.previous > 0) {
                double log = -((u.previous - current) / u.previous) / config.alpha();
                logRaw.put(e.getKey(), log);
                maxLog = Math.max(maxLog, log);
            }
            u.previous = current;
            u.sum = 0;
            u.count = 0;
        }
        windowsClosed++;
        if (logRaw.isEmpty()) {
            return;
        }
        double[] raw = new double[logRaw.size()];
        int i = 0;
        for (double log : logRaw.values()) {
            raw[i++] = Math.exp(log - maxLog); // in (0, 1]: the largest is 1
        }
        double scale = scaleToMeanOne(raw);
        i = 0;
        for (String user : logRaw.keySet()) {
            float w = (float) clip(raw[i++] * scale);
            UserLoss u = users.get(user);
            if (u.weight != w) {
                u.weight = w;
                changed.put(user, w);
            }
        }
    }

    private double clip(double w) {
        return Math.min(config.maxWeight(), Math.max(config.minWeight(), w));
    }

    /**
     * The factor s with mean(clip(raw * s)) = 1. That mean grows continuously from the lower clip (at
     * s near 0) to the upper one, and 1 lies between them, so bisection on log s finds it.
     */
    private double scaleToMeanOne(double[] raw) {
        double lo = Math.log(config.minWeight()) - 1; // every raw <= 1: all at the lower clip
        double hi = Math.log(config.maxWeight()) - Math.log(min(raw)) + 1; // all at the upper clip
        for (int it = 0; it < 100; it++) {
            double mid = (lo + hi) / 2;
            if (meanClipped(raw, Math.exp(mid)) < 1) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    private double meanClipped(double[] raw, double scale) {
        double sum = 0;
        for (double r : raw) {
            sum += clip(r * scale);
        }
        return sum / raw.length;
    }

    private static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, Math.max(v, Double.MIN_NORMAL));
        }
        return m;
    }

    /** Weights that changed since the last call, for the user-weights topic. */
    public Map<String, Float> drainChanged() {
        Map<String, Float> out = new LinkedHashMap<>(changed);
        changed.clear();
        return out;
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

    public static AdaptiveUserWeights read(AdaptiveWeightsConfig config, DataInputStream in) throws IOException {
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
            w.users.put(id, u);
        }
        int c = in.readInt();
        for (int i = 0; i < c; i++) {
            w.changed.put(in.readUTF(), in.readFloat());
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
