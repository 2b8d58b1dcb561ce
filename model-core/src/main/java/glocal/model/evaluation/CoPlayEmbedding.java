package glocal.model.evaluation;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An item-item representation of titles learned from co-plays: titles played by the same user in
 * the training period co-occur; the positive pointwise mutual information (PPMI) of each pair,
 * {@code max(0, log(C_ij · C / (C_i · C_j)))} over the co-play counts, is factored by a truncated
 * eigen-decomposition (a randomized range finder with a few power iterations, then the small
 * projected matrix diagonalised by Jacobi rotations), and each title's vector is its row of {@code
 * U · sqrt(Λ)} over the {@code dim} largest eigenvalues, L2-normalised. A title never co-played
 * (its users played nothing else) gets no vector (its content is zeros). Plain Java, seeded: the
 * same plays and seed give the same vectors.
 *
 * <p>{@link #fromTraining} reads the training batches of a split only (the plays every model trains
 * on as positives): the test period, or a validation slice's held-out period, cannot change it.
 */
public final class CoPlayEmbedding {

    /**
     * Exponent of the marginals in the PMI's denominator (context distribution smoothing, Levy,
     * Goldberg and Dagan, TACL 2015): below 1 it lowers the PMI of pairs with a rare title.
     */
    static final double SMOOTHING = 0.75;

    /** Oversampling of the range finder beyond {@code dim}. */
    private static final int OVERSAMPLE = 8;

    /** Power iterations of the range finder. */
    private static final int POWER_ITERATIONS = 4;

    /** Most titles a user's window contributes pairs from (their first plays, in replay order). */
    static final int MAX_WINDOW = 200;

    private final int dim;
    private final Map<String, float[]> vectors;

    private CoPlayEmbedding(int dim, Map<String, float[]> vectors) {
        this.dim = dim;
        this.vectors = vectors;
    }

    /** The co-play embedding of the plays in {@code data}'s training batches. */
    public static CoPlayEmbedding fromTraining(EvaluationData data, int dim, long seed) {
        Map<String, Set<String>> windows = new TreeMap<>();
        for (ExampleBatch b : data.trainBatches()) {
            for (int i = 0; i < b.size(); i++) {
                if (b.exampleKinds()[i] == ExampleKind.PLAY.code()) {
                    windows.computeIfAbsent(b.userIds()[i], u -> new LinkedHashSet<>())
                            .add(b.titleIds()[i]);
                }
            }
        }
        return fit(windows.values(), dim, seed);
    }

    /**
     * The co-play embedding of the given windows (each the distinct titles one user played; at most
     * {@link #MAX_WINDOW} of each are used), {@code dim} columns.
     */
    public static CoPlayEmbedding fit(
            Collection<? extends Collection<String>> windows, int dim, long seed) {
        if (dim < 1) {
            throw new IllegalArgumentException("co-play dimension must be >= 1, got " + dim);
        }
        // Titles with at least one co-play, in id order (deterministic indices).
        TreeSet<String> coPlayed = new TreeSet<>();
        List<String[]> kept = new ArrayList<>();
        for (Collection<String> w : windows) {
            String[] titles = w.stream().distinct().limit(MAX_WINDOW).toArray(String[]::new);
            if (titles.length >= 2) {
                kept.add(titles);
                coPlayed.addAll(Arrays.asList(titles));
            }
        }
        int n = coPlayed.size();
        Map<String, Integer> index = new HashMap<>();
        String[] ids = coPlayed.toArray(String[]::new);
        for (int i = 0; i < n; i++) {
            index.put(ids[i], i);
        }
        // Co-play counts, symmetric, no diagonal: key i * n + j.
        Map<Long, Integer> counts = new HashMap<>();
        for (String[] w : kept) {
            int[] rows = new int[w.length];
            for (int a = 0; a < w.length; a++) {
                rows[a] = index.get(w[a]);
            }
            for (int a = 0; a < rows.length; a++) {
                for (int b = 0; b < rows.length; b++) {
                    if (a != b) {
                        counts.merge((long) rows[a] * n + rows[b], 1, Integer::sum);
                    }
                }
            }
        }
        double[] marginal = new double[n];
        double total = 0;
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            marginal[(int) (e.getKey() / n)] += e.getValue();
            total += e.getValue();
        }
        // Smoothed marginals, P_a(i) = c_i^a / sum c^a, on both sides (so M stays symmetric).
        double smoothedTotal = 0;
        for (int i = 0; i < n; i++) {
            marginal[i] = Math.pow(marginal[i], SMOOTHING);
            smoothedTotal += marginal[i];
        }
        double scale = smoothedTotal * smoothedTotal / total;
        // PPMI in CSR form, columns sorted.
        long[] keys = counts.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int[] rowStart = new int[n + 1];
        int[] col = new int[keys.length];
        double[] val = new double[keys.length];
        int nnz = 0;
        for (long key : keys) {
            int i = (int) (key / n);
            int j = (int) (key % n);
            double pmi = Math.log(counts.get(key) * scale / (marginal[i] * marginal[j]));
            if (pmi > 0) {
                col[nnz] = j;
                val[nnz] = pmi;
                nnz++;
                rowStart[i + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int k = Math.min(n, dim + OVERSAMPLE);
        Map<String, float[]> vectors = new HashMap<>();
        if (k == 0) {
            return new CoPlayEmbedding(dim, vectors);
        }
        // Randomized range finder: Q spans M^(2q+1) Omega.
        Random random = new Random(seed);
        double[][] q = new double[k][n]; // column-major: q[c] is column c
        for (double[] c : q) {
            for (int i = 0; i < n; i++) {
                c[i] = random.nextGaussian();
            }
        }
        orthonormalise(q);
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            for (int c = 0; c < k; c++) {
                q[c] = multiply(rowStart, col, val, q[c]);
            }
            orthonormalise(q);
        }
        // B = Q^T M Q (k x k, symmetric), diagonalised.
        double[][] mq = new double[k][];
        for (int c = 0; c < k; c++) {
            mq[c] = multiply(rowStart, col, val, q[c]);
        }
        double[][] small = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                small[a][b] = dot(q[a], mq[b]);
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double m = (small[a][b] + small[b][a]) / 2;
                small[a][b] = m;
                small[b][a] = m;
            }
        }
        double[][] eigenvectors = new double[k][k];
        double[] eigenvalues = jacobi(small, eigenvectors);
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(eigenvalues[y], eigenvalues[x]));
        int used = Math.min(dim, k);
        for (int i = 0; i < n; i++) {
            float[] v = new float[dim];
            double norm = 0;
            for (int c = 0; c < used; c++) {
                int e = order[c];
                double weight = Math.sqrt(Math.max(0, eigenvalues[e]));
                double s = 0;
                for (int a = 0; a < k; a++) {
                    s += q[a][i] * eigenvectors[a][e];
                }
                v[c] = (float) (s * weight);
                norm += (double) v[c] * v[c];
            }
            if (norm > 0) {
                float inv = (float) (1 / Math.sqrt(norm));
                for (int c = 0; c < used; c++) {
                    v[c] *= inv;
                }
                vectors.put(ids[i], v);
            }
        }
        return new CoPlayEmbedding(dim, vectors);
    }

    /** Width of every vector. */
    public int dim() {
        return dim;
    }

    /** Titles that have a vector, with it (unit length); titles absent have none (zeros). */
    public Map<String, float[]> vectors() {
        Map<String, float[]> out = new TreeMap<>();
        vectors.forEach((t, v) -> out.put(t, v.clone()));
        return out;
    }

    /** A title's vector, or zeros when it was never co-played. */
    public float[] vector(String title) {
        float[] v = vectors.get(title);
        return v == null ? new float[dim] : v.clone();
    }

    private static double[] multiply(int[] rowStart, int[] col, double[] val, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                s += val[p] * x[col[p]];
            }
            y[i] = s;
        }
        return y;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Modified Gram-Schmidt (twice, for stability); a column that vanishes is left zero. */
    private static void orthonormalise(double[][] columns) {
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < columns.length; c++) {
                double[] v = columns[c];
                for (int p = 0; p < c; p++) {
                    double d = dot(columns[p], v);
                    double[] u = columns[p];
                    for (int i = 0; i < v.length; i++) {
                        v[i] -= d * u[i];
                    }
                }
                double norm = Math.sqrt(dot(v, v));
                if (norm > 1e-12) {
                    for (int i = 0; i < v.length; i++) {
                        v[i] /= norm;
                    }
                } else {
                    Arrays.fill(v, 0);
                }
            }
        }
    }

    /**
     * Eigenvalues of the symmetric matrix {@code a} (destroyed) by cyclic Jacobi rotations; the
     * eigenvectors go into the columns of {@code v}.
     */
    private static double[] jacobi(double[][] a, double[][] v) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            Arrays.fill(v[i], 0);
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int r = p + 1; r < n; r++) {
                    off += a[p][r] * a[p][r];
                }
            }
            if (off < 1e-22) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int r = p + 1; r < n; r++) {
                    if (Math.abs(a[p][r]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[r][r] - a[p][p]) / (2 * a[p][r]);
                    double t =
                            Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int i = 0; i < n; i++) {
                        double aip = a[i][p];
                        double air = a[i][r];
                        a[i][p] = c * aip - s * air;
                        a[i][r] = s * aip + c * air;
                    }
                    for (int i = 0; i < n; i++) {
                        double api = a[p][i];
                        double ari = a[r][i];
                        a[p][i] = c * api - s * ari;
                        a[r][i] = s * api + c * ari;
                    }
                    for (int i = 0; i < n; i++) {
                        double vip = v[i][p];
                        double vir = v[i][r];
                        v[i][p] = c * vip - s * vir;
                        v[i][r] = s * vip + c * vir;
                    }
                }
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = a[i][i];
        }
        return out;
    }
}
