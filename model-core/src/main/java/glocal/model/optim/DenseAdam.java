package glocal.model.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam for the dense parameters (towers, heads, experts, gates), with its state in JVM arrays.
 * DJL's {@code Adam} keeps its moments in private maps that cannot be saved, so a checkpoint could
 * not resume exactly; this one writes its state as plain arrays. A parameter whose gradient is
 * exactly zero in a step (a group head with no examples in the batch) is not touched at all, so
 * momentum from earlier batches does not move a block that received no gradient, matching the
 * row-wise embedding update.
 */
public final class DenseAdam {

    private final AdamConfig base;
    private AdamConfig config;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<float[]> means = new ArrayList<>();
    private final List<float[]> variances = new ArrayList<>();
    private final long[] steps;

    public DenseAdam(ParameterList params, AdamConfig config) {
        this.base = config;
        this.config = config;
        for (Pair<String, Parameter> p : params) {
            if (p.getValue().requiresGradient()) {
                parameters.add(p.getValue());
                int n = (int) p.getValue().getArray().size();
                means.add(new float[n]);
                variances.add(new float[n]);
            }
        }
        steps = new long[parameters.size()];
    }

    /** Scales the configured learning rate (a schedule over passes); the moments are kept. */
    public void scaleLearningRate(float scale) {
        config = AdamConfig.scaled(base, scale);
    }

    /** Applies the accumulated gradients and zeroes them. */
    public void step() {
        apply(takeGradients());
    }

    /**
     * Reads the accumulated gradients, one array per parameter in {@link #apply}'s order, and
     * zeroes them: a caller can check them (see {@link #allFinite}) before applying, or drop them.
     */
    public float[][] takeGradients() {
        float[][] grads = new float[parameters.size()][];
        for (int i = 0; i < parameters.size(); i++) {
            try (NDArray g = parameters.get(i).getArray().getGradient()) {
                grads[i] = g.toFloatArray();
                if (allFinite(grads[i])) {
                    g.subi(g);
                } else {
                    // g - g keeps a NaN or infinity (NaN - NaN, inf - inf are NaN), and the next
                    // backward pass adds to it: every later step would be refused.
                    g.set(new float[grads[i].length]);
                }
            }
        }
        return grads;
    }

    /**
     * One Adam step with gradients from {@link #takeGradients}; all-zero ones leave their parameter
     * alone.
     */
    public void apply(float[][] grads) {
        for (int i = 0; i < parameters.size(); i++) {
            float[] grad = grads[i];
            if (allZero(grad)) {
                continue;
            }
            NDArray weight = parameters.get(i).getArray();
            float[] w = weight.toFloatArray();
            Adam.update(
                    w, means.get(i), variances.get(i), 0, grad, 0, w.length, ++steps[i], config);
            weight.set(w);
        }
    }

    /** True when no value of any of the arrays is NaN or infinite. */
    public static boolean allFinite(float[]... arrays) {
        for (float[] a : arrays) {
            for (float v : a) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean allZero(float[] a) {
        for (float v : a) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            out.writeUTF(parameters.get(i).getName());
            out.writeLong(steps[i]);
            writeFloats(out, means.get(i));
            writeFloats(out, variances.get(i));
        }
    }

    public void read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n != parameters.size()) {
            throw new IOException(
                    "dense optimizer state has "
                            + n
                            + " parameters but the model has "
                            + parameters.size()
                            + "; restore with the model spec the checkpoint was saved with");
        }
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            steps[i] = in.readLong();
            readFloats(in, means.get(i), name);
            readFloats(in, variances.get(i), name);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float v : a) {
            out.writeFloat(v);
        }
    }

    private static void readFloats(DataInputStream in, float[] into, String name)
            throws IOException {
        int n = in.readInt();
        if (n != into.length) {
            throw new IOException(
                    "dense optimizer state of parameter "
                            + name
                            + " has "
                            + n
                            + " values but the parameter has "
                            + into.length);
        }
        for (int i = 0; i < n; i++) {
            into[i] = in.readFloat();
        }
    }
}
