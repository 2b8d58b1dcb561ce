package glocal.model.evaluation.reference;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import glocal.model.evaluation.EvaluationData;
import glocal.model.train.ScoredTitle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * EASE, the embarrassingly shallow autoencoder (H. Steck, "Embarrassingly Shallow Autoencoders for
 * Sparse Data", WWW 2019): an item-item model learned in closed form from the binary user × title
 * play matrix X of the whole training period, B = I − P · diagMat(1 / diag(P)) with P = (XᵀX +
 * λI)⁻¹, so diag(B) = 0 (a title does not recommend itself) and the score of title j for user u is
 * Σ_{i played by u} B_ij. A batch collaborative filter: what a system retrained on all the history
 * would learn, against which the online models are measured.
 *
 * <p>Memory and time grow with the square and cube of the titles: only the {@code maxTitles} most
 * played training titles (ties by id) enter the model: an n × n matrix of doubles (8·n² bytes: 32
 * MB for 2,000 titles, 128 MB for 4,000; twice that while libtorch inverts it, O(n³) steps). Titles
 * outside the cap rank after every modelled title, by training plays. Test scores are the logistic
 * function of the EASE score (0 for a title outside the cap): only their order matters for PR-AUC
 * and AUC.
 */
public final class Ease implements ReferenceRecommender {

    /** Largest cap: 8·n² bytes is 3.2 GB at 20,000 titles. */
    public static final int MAX_TITLES = 20_000;

    private final String[] titles;
    private final Map<String, Integer> index;
    private final double[] b;
    private final Map<String, int[]> histories;
    private final List<String> beyondCap;

    private Ease(
            String[] titles,
            Map<String, Integer> index,
            double[] b,
            Map<String, int[]> histories,
            List<String> beyondCap) {
        this.titles = titles;
        this.index = index;
        this.b = b;
        this.histories = histories;
        this.beyondCap = beyondCap;
    }

    /**
     * Fits B on the training plays of {@code data}: regularisation {@code lambda}, at most {@code
     * maxTitles}.
     */
    public static Ease fit(EvaluationData data, double lambda, int maxTitles) {
        checkSettings(lambda, maxTitles);
        List<String> byPlays = new ArrayList<>(data.catalogue());
        byPlays.sort(References.byPopularity(data));
        int n =
                (int)
                        Math.min(
                                maxTitles,
                                byPlays.stream()
                                        .filter(t -> data.popularity().count(t) > 0)
                                        .count());
        String[] titles = byPlays.subList(0, n).toArray(String[]::new);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(titles[i], i);
        }
        Map<String, int[]> histories = new HashMap<>();
        data.trainPlays()
                .forEach(
                        (user, played) ->
                                histories.put(
                                        user,
                                        played.stream()
                                                .map(index::get)
                                                .filter(Objects::nonNull)
                                                .mapToInt(Integer::intValue)
                                                .toArray()));
        double[] a = new double[n * n];
        for (int[] h : histories.values()) {
            for (int i : h) {
                for (int j : h) {
                    a[i * n + j] += 1;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            a[i * n + i] += lambda;
        }
        a = invert(a, n);
        // B_ij = -P_ij / P_jj off the diagonal, 0 on it.
        double[] diagonal = new double[n];
        for (int j = 0; j < n; j++) {
            diagonal[j] = a[j * n + j];
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = i == j ? 0 : -a[i * n + j] / diagonal[j];
            }
        }
        return new Ease(titles, index, a, histories, byPlays.subList(n, byPlays.size()));
    }

    /**
     * Fails naming the setting when λ is not a positive number or the cap is outside 1..{@link
     * #MAX_TITLES}.
     */
    static void checkSettings(double lambda, int maxTitles) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException(
                    "EASE lambda (--ease-lambda) must be a positive number, got " + lambda);
        }
        if (maxTitles < 1 || maxTitles > MAX_TITLES) {
            throw new IllegalArgumentException(
                    "EASE titles (--ease-titles) must be in 1.."
                            + MAX_TITLES
                            + " (the model holds 8 bytes per pair of titles), got "
                            + maxTitles);
        }
    }

    /**
     * The inverse of a symmetric positive definite n × n row-major matrix, by libtorch's LAPACK
     * routines in double precision on the CPU (blocked, so n = 4,000 takes seconds where a plain
     * Java elimination, bound by memory traffic, took minutes); deterministic at a fixed libtorch
     * thread count, as {@code glocal evaluate} runs it (one thread).
     */
    static double[] invert(double[] a, int n) {
        if (n == 0) {
            return a;
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            double[] inverse = manager.create(a, new Shape(n, n)).inverse().toDoubleArray();
            for (double v : inverse) {
                if (!Double.isFinite(v)) {
                    throw new IllegalStateException(
                            "EASE: the inverse of the "
                                    + n
                                    + " x "
                                    + n
                                    + " Gram matrix is not finite; "
                                    + "raise --ease-lambda");
                }
            }
            return inverse;
        }
    }

    /** Titles in the model (the cap applied). */
    public int titles() {
        return titles.length;
    }

    @Override
    public String name() {
        return References.EASE;
    }

    @Override
    public List<ScoredTitle> topK(String user, int territoryGroup, int k) {
        int n = titles.length;
        double[] s = new double[n];
        for (int i : histories.getOrDefault(user, new int[0])) {
            for (int j = 0; j < n; j++) {
                s[j] += b[i * n + j];
            }
        }
        // Index order is training-play order, so ties fall back to popularity, then id, as for
        // every reference.
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(
                order, (x, y) -> s[x] != s[y] ? Double.compare(s[y], s[x]) : Integer.compare(x, y));
        List<ScoredTitle> out = new ArrayList<>(k);
        for (int r = 0; r < Math.min(k, n); r++) {
            out.add(new ScoredTitle(titles[order[r]], (float) s[order[r]]));
        }
        for (int r = 0; out.size() < k && r < beyondCap.size(); r++) {
            out.add(new ScoredTitle(beyondCap.get(r), Float.NEGATIVE_INFINITY));
        }
        return out;
    }

    @Override
    public double score(String user, String title) {
        Integer j = index.get(title);
        if (j == null) {
            return 0;
        }
        double s = 0;
        for (int i : histories.getOrDefault(user, new int[0])) {
            s += b[i * titles.length + j];
        }
        return 1 / (1 + Math.exp(-s));
    }
}
