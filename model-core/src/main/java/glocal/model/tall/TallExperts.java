package glocal.model.tall;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import glocal.model.metrics.TopK;
import glocal.model.optim.AdamConfig;
import glocal.model.optim.DenseAdam;
import glocal.model.train.DenseInit;
import glocal.model.train.OnlineTrainer;
import glocal.model.train.ScoredTitle;
import glocal.model.weights.AdaptiveUserWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * TALL's loss-driven mixture of MultVAE experts (arXiv 2404.08887), trained offline on users' watch
 * histories. Each step takes a mini-batch of users, runs every expert on their (dropped-out,
 * normalised) histories, and minimises {@code mean_u Σ_e gate_e(u) · loss_e(u)} where the gate is
 * {@code softmax_e(−loss_e(u)/τ)} of the same step's losses, held constant (no gradient flows into
 * it). So each expert learns mostly from the users it already explains best and the experts become
 * local models of different user communities, with no gate network to be biased toward mainstream
 * users. During the first {@code warmupEpochs} the gate is instead the caller's initial assignment
 * (one expert per user subset), so experts start from different communities rather than from seeds
 * alone.
 *
 * <p>Cost: the input of a step is dense, {@code batchUsers × titles} floats, and each expert's
 * first and last layers cost {@code batchUsers × titles × hidden} multiply-adds forward and twice
 * that backward; fine at evaluation sizes (thousands of titles), not meant for a million-title
 * catalogue. Every per-step array lives in a sub-manager closed at the end of the step. A step in
 * which an expert's loss on a user is NaN or infinite is refused before anything is applied, with
 * an exception naming the step and the expert. Not thread-safe.
 */
public final class TallExperts implements AutoCloseable {

    /** Called after every training step. */
    public interface StepListener {
        void step(int done, int total, float loss);
    }

    private final TallConfig config;
    private final TallVocabulary titles;
    private final NDManager manager;
    private final ExpertSet experts;
    private final ParameterStore store;
    private final DenseAdam adam;
    private final MultVaeLoss loss = new MultVaeLoss();
    private final SplittableRandom random;
    private long steps;

    /** A mixture on the GPU when DJL sees one, otherwise on the CPU. */
    public static TallExperts create(TallConfig config, Collection<String> titleIds) {
        return new TallExperts(config, titleIds, OnlineTrainer.preferredDevice());
    }

    /**
     * @param titleIds the vocabulary: every title the mixture can read in a history and recommend,
     *     in a fixed order (a title's output column is its position)
     */
    public TallExperts(TallConfig config, Collection<String> titleIds, Device device) {
        this.titles = new TallVocabulary(titleIds);
        this.config = config;
        this.manager = NDManager.newBaseManager(device);
        this.experts =
                new ExpertSet(config.experts(), vocabulary(), config.hidden(), config.latent());
        experts.initialize(manager, DataType.FLOAT32, new Shape(1, vocabulary()));
        // Each expert from its own seed: with the same start they would stay alike.
        for (int e = 0; e < config.experts(); e++) {
            DenseInit.apply(experts.expert(e).getParameters(), config.seed() * 1_000_003L + e);
        }
        this.store = new ParameterStore(manager, false);
        this.adam =
                new DenseAdam(experts.getParameters(), AdamConfig.of(config.learningRate(), 0f));
        this.random = new SplittableRandom(config.seed() ^ 0x7A11L);
    }

    public TallConfig config() {
        return config;
    }

    /** Titles in the vocabulary. */
    public int vocabulary() {
        return titles.size();
    }

    /** Training steps taken so far. */
    public long steps() {
        return steps;
    }

    /** Parameters of all experts (every one is dense). */
    public long parameterCount() {
        long n = 0;
        for (var p : experts.getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    /** Steps one epoch over {@code users} users takes. */
    public int stepsPerEpoch(int users) {
        return (users + config.batchUsers() - 1) / config.batchUsers();
    }

    /**
     * Trains for {@code epochs} passes over every user with at least one known title, users in a
     * seeded shuffled order each epoch.
     *
     * @param initialExpert the expert (taken modulo E) a user trains during the warm-up epochs
     */
    public void train(
            Map<String, ? extends Collection<String>> histories,
            ToIntFunction<String> initialExpert,
            StepListener listener) {
        train(histories, initialExpert, null, listener);
    }

    /**
     * As above, with TALL's adaptive weight module when {@code weights} is given: each user's term
     * of the objective is multiplied by the user's current weight, every user's (unweighted)
     * mixture loss is recorded, and a loss window closes at the end of every epoch, as in the paper
     * (its gap counts epochs).
     */
    public void train(
            Map<String, ? extends Collection<String>> histories,
            ToIntFunction<String> initialExpert,
            AdaptiveUserWeights weights,
            StepListener listener) {
        List<int[]> known = new ArrayList<>();
        List<String> knownUsers = new ArrayList<>();
        List<Integer> assigned = new ArrayList<>();
        // Sorted users: the order, and so the run, does not depend on the map's iteration order.
        for (String user : new TreeSet<>(histories.keySet())) {
            int[] h = indices(histories.get(user));
            if (h.length > 0) {
                known.add(h);
                knownUsers.add(user);
                assigned.add(Math.floorMod(initialExpert.applyAsInt(user), config.experts()));
            }
        }
        int n = known.size();
        int total = stepsPerEpoch(n) * config.epochs();
        int done = 0;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            shuffle(order);
            boolean warmup = epoch < config.warmupEpochs();
            for (int from = 0; from < n; from += config.batchUsers()) {
                int size = Math.min(config.batchUsers(), n - from);
                int[][] batch = new int[size][];
                String[] users = new String[size];
                int[] assignment = warmup ? new int[size] : null;
                for (int i = 0; i < size; i++) {
                    batch[i] = known.get(order[from + i]);
                    users[i] = knownUsers.get(order[from + i]);
                    if (warmup) {
                        assignment[i] = assigned.get(order[from + i]);
                    }
                }
                float value;
                if (weights == null) {
                    value = step(batch, assignment, null, null);
                } else {
                    float[] userLosses = new float[size];
                    value = step(batch, assignment, weights.weights(users, size), userLosses);
                    weights.record(users, userLosses, size);
                }
                listener.step(++done, total, value);
            }
            if (weights != null) {
                weights.closeWindow();
            }
        }
    }

    /**
     * One training step on a batch of histories (title indices, see {@link #indices}).
     *
     * @param assignment each user's one expert (warm-up), or null for the loss-driven gate
     * @return the step's objective before the update
     */
    public float step(int[][] histories, int[] assignment) {
        return step(histories, assignment, null, null);
    }

    /**
     * As above; {@code userWeights} (or null for 1) multiply each user's term of the objective, and
     * {@code userLossesOut} (when given) receives each user's unweighted mixture loss Σ_e gate ·
     * loss_e.
     */
    private float step(
            int[][] histories, int[] assignment, float[] userWeights, float[] userLossesOut) {
        int n = histories.length;
        int e = config.experts();
        int v = vocabulary();
        float beta = config.beta(steps);
        float value;
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(titles.targets(histories), new Shape(n, v));
            NDArray input =
                    sub.create(titles.inputs(histories, config.dropout(), random), new Shape(n, v));
            NDArray eps =
                    sub.create(gaussian(e * n * config.latent()), new Shape(e, n, config.latent()));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = experts.forward(store, new NDList(input, eps), true);
                NDList perUser = new NDList(e);
                float[][] losses = new float[e][];
                for (int k = 0; k < e; k++) {
                    NDArray l =
                            loss.perUser(
                                    x,
                                    out.get(3 * k),
                                    out.get(3 * k + 1),
                                    out.get(3 * k + 2),
                                    beta);
                    perUser.add(l);
                    losses[k] = l.toFloatArray();
                    refuseNonFinite(losses[k], k, assignment != null);
                }
                float[] gates =
                        assignment == null
                                ? LossDrivenGate.weights(losses, config.temperature())
                                : oneHot(assignment, e);
                NDArray gate = sub.create(gates, new Shape(e, n));
                NDArray mixture = NDArrays.stack(perUser).mul(gate).sum(new int[] {0});
                if (userLossesOut != null) {
                    System.arraycopy(mixture.toFloatArray(), 0, userLossesOut, 0, n);
                }
                NDArray objective =
                        userWeights == null
                                ? mixture.mean()
                                : mixture.mul(sub.create(userWeights, new Shape(n))).mean();
                collector.backward(objective);
                value = objective.getFloat();
            }
        }
        adam.step();
        steps++;
        return value;
    }

    /**
     * Losses, gates and mixture probabilities of the given histories, in inference mode (no
     * dropout, z = μ).
     */
    public MixturePrediction predict(int[][] histories) {
        int n = histories.length;
        int e = config.experts();
        int v = vocabulary();
        float beta = config.beta(steps);
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(titles.targets(histories), new Shape(n, v));
            NDArray input = sub.create(titles.inputs(histories, 0f, random), new Shape(n, v));
            NDList out = experts.forward(store, new NDList(input), false);
            float[][] losses = new float[e][];
            NDList probabilities = new NDList(e);
            for (int k = 0; k < e; k++) {
                losses[k] =
                        loss.perUser(
                                        x,
                                        out.get(3 * k),
                                        out.get(3 * k + 1),
                                        out.get(3 * k + 2),
                                        beta)
                                .toFloatArray();
                probabilities.add(out.get(3 * k).softmax(1));
            }
            float[] gates = LossDrivenGate.weights(losses, config.temperature());
            NDArray gate = sub.create(gates, new Shape(e, n, 1));
            float[] scores =
                    NDArrays.stack(probabilities).mul(gate).sum(new int[] {0}).toFloatArray();
            return new MixturePrediction(n, v, losses, gates, scores);
        }
    }

    /**
     * One expert's own multinomial over the vocabulary for each history (inference mode), {@code [u
     * * titles + t]}.
     */
    public float[] expertProbabilities(int[][] histories, int expert) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray input =
                    sub.create(
                            titles.inputs(histories, 0f, random),
                            new Shape(histories.length, vocabulary()));
            return experts.expert(expert)
                    .forward(store, new NDList(input), false)
                    .get(0)
                    .softmax(1)
                    .toFloatArray();
        }
    }

    /** The {@code k} most probable titles for a user with this history (titles seen included). */
    public List<ScoredTitle> topK(Collection<String> history, int k) {
        MixturePrediction p = predict(new int[][] {indices(history)});
        TopK<ScoredTitle> best = new TopK<>(k, ScoredTitle.BEST_FIRST);
        for (int t = 0; t < p.titles(); t++) {
            best.offer(new ScoredTitle(titles.titleAt(t), p.score(0, t)));
        }
        return best.best();
    }

    /**
     * The mixture probability of each (user, title) pair, users given by their histories; pairs are
     * grouped by user so each user's distribution is computed once, {@code batchUsers} users at a
     * time. A title outside the vocabulary scores 0.
     */
    public float[] score(
            String[] userIds,
            String[] titleIdsOfPairs,
            int n,
            Function<String, ? extends Collection<String>> historyOf) {
        List<String> users = new ArrayList<>(new TreeSet<>(Arrays.asList(userIds).subList(0, n)));
        Map<String, Integer> slot = new HashMap<>();
        float[] out = new float[n];
        for (int from = 0; from < users.size(); from += config.batchUsers()) {
            List<String> chunk =
                    users.subList(from, Math.min(users.size(), from + config.batchUsers()));
            int[][] histories = new int[chunk.size()][];
            slot.clear();
            for (int i = 0; i < chunk.size(); i++) {
                histories[i] = indices(historyOf.apply(chunk.get(i)));
                slot.put(chunk.get(i), i);
            }
            MixturePrediction p = predict(histories);
            for (int i = 0; i < n; i++) {
                Integer u = slot.get(userIds[i]);
                int t = titles.positionOf(titleIdsOfPairs[i]);
                if (u != null && t >= 0) {
                    out[i] = p.score(u, t);
                }
            }
        }
        return out;
    }

    /**
     * Vocabulary positions of a history's titles, sorted and distinct; unknown titles are left out.
     */
    public int[] indices(Collection<String> history) {
        return titles.positions(history);
    }

    /** The title at a vocabulary position. */
    public String titleAt(int index) {
        return titles.titleAt(index);
    }

    @Override
    public void close() {
        manager.close();
    }

    NDManager manager() {
        return manager;
    }

    ExpertSet experts() {
        return experts;
    }

    // ----- helpers

    private float[] gaussian(int n) {
        float[] g = new float[n];
        for (int i = 0; i < n; i += 2) {
            // Box-Muller: two standard normals from two uniforms.
            double r = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
            double a = 2 * Math.PI * random.nextDouble();
            g[i] = (float) (r * Math.cos(a));
            if (i + 1 < n) {
                g[i + 1] = (float) (r * Math.sin(a));
            }
        }
        return g;
    }

    /**
     * Refuses the step, before anything is applied, when expert {@code k}'s loss on a user is NaN
     * or infinite. In warm-up such a loss would still enter the objective (a zero gate times NaN is
     * NaN), the gradient through the zero gate (0 × NaN) would turn all of the expert's parameters
     * and Adam moments to NaN, and nothing would say so until the first gated step, whose gate
     * refuses NaN losses. Refused here, no parameter changes, and the message tells a forward pass
     * that went wrong on finite parameters (the step's inputs are built finite in the JVM) from
     * parameters an earlier update had already spoilt.
     */
    private void refuseNonFinite(float[] expertLosses, int k, boolean warmup) {
        int bad = 0;
        for (float l : expertLosses) {
            if (!Float.isFinite(l)) {
                bad++;
            }
        }
        if (bad == 0) {
            return;
        }
        long spoiled = 0;
        for (var p : experts.expert(k).getParameters()) {
            for (float w : p.getValue().getArray().toFloatArray()) {
                if (!Float.isFinite(w)) {
                    spoiled++;
                }
            }
        }
        throw new IllegalStateException(
                "TALL step "
                        + steps
                        + (warmup ? " (warm-up)" : " (gated)")
                        + ": expert "
                        + k
                        + "'s loss is NaN or infinite for "
                        + bad
                        + " of "
                        + expertLosses.length
                        + " users, with "
                        + (spoiled == 0
                                ? "every parameter of the expert finite (the forward pass itself"
                                        + " went wrong)"
                                : spoiled + " non-finite parameter values (an earlier update)")
                        + "; the step is refused and no parameter changed");
    }

    private static float[] oneHot(int[] assignment, int experts) {
        int n = assignment.length;
        float[] g = new float[experts * n];
        for (int u = 0; u < n; u++) {
            g[assignment[u] * n + u] = 1f;
        }
        return g;
    }

    private void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
