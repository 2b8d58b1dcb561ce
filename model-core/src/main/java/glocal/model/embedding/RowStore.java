package glocal.model.embedding;

import glocal.model.optim.Adam;
import glocal.model.optim.AdamConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Embedding rows and their Adam state in JVM arrays, chunked so the table grows without copying
 * millions of floats. A step touches only the rows of its batch (gather, then per-row Adam), so its
 * cost does not depend on the table size.
 */
public final class RowStore {

    private static final int CHUNK_SHIFT = 12;
    private static final int CHUNK_ROWS = 1 << CHUNK_SHIFT;

    private final int dim;
    private float[][] weights = new float[0][];
    private float[][] means = new float[0][];
    private float[][] variances = new float[0][];
    private int[] steps = new int[0];

    public RowStore(int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("embedding dimension must be >= 1, was " + dim);
        }
        this.dim = dim;
    }

    public int dim() {
        return dim;
    }

    /** Rows currently allocated (a multiple of the chunk size). */
    public int capacity() {
        return weights.length * CHUNK_ROWS;
    }

    public void ensureRows(int rows) {
        int chunks = (rows + CHUNK_ROWS - 1) >>> CHUNK_SHIFT;
        if (chunks <= weights.length) {
            return;
        }
        int old = weights.length;
        weights = Arrays.copyOf(weights, chunks);
        means = Arrays.copyOf(means, chunks);
        variances = Arrays.copyOf(variances, chunks);
        for (int c = old; c < chunks; c++) {
            weights[c] = new float[CHUNK_ROWS * dim];
            means[c] = new float[CHUNK_ROWS * dim];
            variances[c] = new float[CHUNK_ROWS * dim];
        }
        steps = Arrays.copyOf(steps, chunks * CHUNK_ROWS);
    }

    /** Fresh random row (normal, std {@code std}) from {@code seed}; clears its optimizer state. */
    public void initRow(int row, long seed, float std) {
        ensureRows(row + 1);
        SplittableRandom random = new SplittableRandom(seed);
        float[] w = weights[row >>> CHUNK_SHIFT];
        int off = (row & (CHUNK_ROWS - 1)) * dim;
        for (int i = 0; i < dim; i++) {
            w[off + i] = (float) (gaussian(random) * std);
        }
        Arrays.fill(means[row >>> CHUNK_SHIFT], off, off + dim, 0f);
        Arrays.fill(variances[row >>> CHUNK_SHIFT], off, off + dim, 0f);
        steps[row] = 0;
    }

    /** Sets row {@code row} to {@code values}; clears its optimizer state. */
    public void setRow(int row, float[] values) {
        if (values.length != dim) {
            throw new IllegalArgumentException(
                    "row has " + values.length + " values, the table " + dim);
        }
        ensureRows(row + 1);
        int off = (row & (CHUNK_ROWS - 1)) * dim;
        System.arraycopy(values, 0, weights[row >>> CHUNK_SHIFT], off, dim);
        Arrays.fill(means[row >>> CHUNK_SHIFT], off, off + dim, 0f);
        Arrays.fill(variances[row >>> CHUNK_SHIFT], off, off + dim, 0f);
        steps[row] = 0;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Copies row {@code row} into {@code dst[dstOff .. dstOff+dim)}. */
    public void copyRow(int row, float[] dst, int dstOff) {
        System.arraycopy(
                weights[row >>> CHUNK_SHIFT], (row & (CHUNK_ROWS - 1)) * dim, dst, dstOff, dim);
    }

    public float[] row(int row) {
        float[] out = new float[dim];
        copyRow(row, out, 0);
        return out;
    }

    /** True when the row's values and its Adam moments hold no NaN or infinity. */
    public boolean rowFinite(int row) {
        int chunk = row >>> CHUNK_SHIFT;
        int off = (row & (CHUNK_ROWS - 1)) * dim;
        for (int i = off; i < off + dim; i++) {
            if (!Float.isFinite(weights[chunk][i])
                    || !Float.isFinite(means[chunk][i])
                    || !Float.isFinite(variances[chunk][i])) {
                return false;
            }
        }
        return true;
    }

    /** One Adam step on one row with that row's own step count. */
    public void applyAdam(int row, float[] grad, int gradOff, AdamConfig config) {
        int chunk = row >>> CHUNK_SHIFT;
        int off = (row & (CHUNK_ROWS - 1)) * dim;
        int t = ++steps[row];
        Adam.update(
                weights[chunk], means[chunk], variances[chunk], off, grad, gradOff, dim, t, config);
    }

    /**
     * Row {@code row} with its Adam state: the values, first and second moments and the row's own
     * step count (what moves with a user from one trainer to another).
     */
    public RowState state(int row) {
        int chunk = row >>> CHUNK_SHIFT;
        int off = (row & (CHUNK_ROWS - 1)) * dim;
        return new RowState(
                Arrays.copyOfRange(weights[chunk], off, off + dim),
                Arrays.copyOfRange(means[chunk], off, off + dim),
                Arrays.copyOfRange(variances[chunk], off, off + dim),
                steps[row]);
    }

    /** Sets row {@code row} and its Adam state to {@code state} (as {@link #state} returned). */
    public void setState(int row, RowState state) {
        if (state.values().length != dim
                || state.mean().length != dim
                || state.variance().length != dim) {
            throw new IllegalArgumentException(
                    "row state has " + state.values().length + " values, the table " + dim);
        }
        ensureRows(row + 1);
        int chunk = row >>> CHUNK_SHIFT;
        int off = (row & (CHUNK_ROWS - 1)) * dim;
        System.arraycopy(state.values(), 0, weights[chunk], off, dim);
        System.arraycopy(state.mean(), 0, means[chunk], off, dim);
        System.arraycopy(state.variance(), 0, variances[chunk], off, dim);
        steps[row] = state.steps();
    }

    /**
     * One row and its Adam state.
     *
     * @param steps Adam steps the row has taken (one per batch whose loss reached it)
     */
    public record RowState(float[] values, float[] mean, float[] variance, int steps) {}

    /** Writes the first {@code rows} rows with their Adam state. */
    public void write(DataOutputStream out, int rows) throws IOException {
        out.writeInt(dim);
        out.writeInt(rows);
        for (int row = 0; row < rows; row++) {
            int chunk = row >>> CHUNK_SHIFT;
            int off = (row & (CHUNK_ROWS - 1)) * dim;
            for (int i = 0; i < dim; i++) {
                out.writeFloat(weights[chunk][off + i]);
            }
            for (int i = 0; i < dim; i++) {
                out.writeFloat(means[chunk][off + i]);
            }
            for (int i = 0; i < dim; i++) {
                out.writeFloat(variances[chunk][off + i]);
            }
            out.writeInt(steps[row]);
        }
    }

    /** Reads what {@link #write} wrote. */
    public static RowStore read(DataInputStream in) throws IOException {
        int dim = in.readInt();
        int rows = in.readInt();
        RowStore store = new RowStore(dim);
        store.ensureRows(Math.max(rows, 1));
        for (int row = 0; row < rows; row++) {
            int chunk = row >>> CHUNK_SHIFT;
            int off = (row & (CHUNK_ROWS - 1)) * dim;
            for (int i = 0; i < dim; i++) {
                store.weights[chunk][off + i] = in.readFloat();
            }
            for (int i = 0; i < dim; i++) {
                store.means[chunk][off + i] = in.readFloat();
            }
            for (int i = 0; i < dim; i++) {
                store.variances[chunk][off + i] = in.readFloat();
            }
            store.steps[row] = in.readInt();
        }
        return store;
    }
}
