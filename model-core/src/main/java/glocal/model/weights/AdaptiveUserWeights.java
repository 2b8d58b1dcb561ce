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
 * with inherently high loss are not favoured) gives the raw weight {@code exp(-r / alpha)}. Raw
 * weights of the users seen in the window are normalised to mean 1, then clipped. During the first
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

    /** Ends the current window and recomputes the weights of the users seen in it. */
    public void closeWindow() {
        boolean inGap = windowsClosed < config.gapWindows();
        Map<String, Double> raw = new LinkedHashMap<>();
        for (Map.Entry<String, UserLoss> e : users.entrySet()) {
            UserLoss u = e.getValue();
            if (u.count == 0) {
                continue;
            }
            double current = u.sum / u.count;
            if (!inGap && u.previous > 0) {
                double change = (u.previous - current) / u.previous;
                raw.put(e.getKey(), Math.exp(-change / config.alpha()));
            }
            u.previous = current;
            u.sum = 0;
            u.count = 0;
        }
        windowsClosed++;
        if (raw.isEmpty()) {
            return;
        }
        double mean = raw.values().stream().mapToDouble(Double::doubleValue).sum() / raw.size();
        for (Map.Entry<String, Double> e : raw.entrySet()) {
            float w = (float) Math.min(config.maxWeight(), Math.max(config.minWeight(), e.getValue() / mean));
            UserLoss u = users.get(e.getKey());
            if (u.weight != w) {
                u.weight = w;
                changed.put(e.getKey(), w);
            }
        }
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
