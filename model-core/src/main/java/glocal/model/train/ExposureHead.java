package glocal.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.embedding.EmbeddingTable;
import glocal.model.embedding.UniqueRows;
import glocal.model.optim.AdamConfig;
import glocal.model.optim.DenseAdam;
import glocal.model.tower.Tower;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The ranking stage beside retrieval ({@code model.exposure.head}): a pointwise score {@code P(play
 * | exposed)} trained with BCE on the exposure examples only (plays and impressions; sampled
 * negatives get no loss), as the second stage of a two-stage recommender. Its logit is {@code b_u +
 * b_t + MLP([u, t, u ⊙ t, f_u, f_t, s])}: a bias value per user and per title (the tables' {@link
 * EmbeddingTable#withBias bias values}, row-wise Adam at {@code train.exposure.learning.rate}); the
 * user's and the title's engagement rates so far as two features ({@code f = logit(r) - logit(p)},
 * {@code r = (plays + a·p) / (exposures + a)} over the exposures counted before the batch, {@code
 * a} = {@value #PRIOR_EXPOSURES}, {@code p} the global rate so far: a play never predicts itself);
 * and an MLP ({@code model.exposure.hidden} widths, linear by default, dense Adam at {@code
 * train.exposure.dense.learning.rate}; its output bias is the global logit) over those features,
 * the towers' own-task user vector and title vector and the retrieval score {@code s} (the logit
 * top-K ranks by: priors and popularity terms in, no log Q), all with their gradient stopped, as a
 * ranking stage takes the retrieval score as a feature. The retrieval logit and everything it
 * trains are therefore exactly as without the head: the catalogue's top-K does not change; only the
 * play probability of an exposed pair (what PR-AUC and AUC rank) comes from here. Not thread-safe.
 */
final class ExposureHead {

    /**
     * Pseudo-exposures at the global rate in the rate features. Why counts and not only bias rows:
     * most users and titles have a handful of exposures in a pass, and a row-wise Adam bias moves
     * about one learning rate per batch whatever the evidence, so it does not settle at the rate;
     * the counts know it from the first exposure, and the MLP's weights on them are touched by
     * every batch (the popularity prior's argument, see {@link
     * glocal.model.prior.PopularityPrior}).
     */
    static final float PRIOR_EXPOSURES = 5f;

    /** Features beside the vectors: the user's and the title's rate feature. */
    static final int RATE_FEATURES = 2;

    /** Then the retrieval score itself (the model's logit, priors in, log Q out), detached. */
    static final int SCORE_FEATURES = 1;

    private long plays;
    private long exposures;

    private final Tower mlp;
    private final DenseAdam adam;
    private final AdamConfig biasAdam;
    private AdamConfig scaledBiasAdam;

    /** What a training forward pass leaves for the update after backward. */
    record Pass(NDArray logits, NDArray userBias, NDArray titleBias, NDArray mask) {}

    ExposureHead(ModelSpec spec, NDManager manager) {
        this.mlp = new Tower(spec.exposureHidden(), 1);
        mlp.initialize(
                manager,
                DataType.FLOAT32,
                new Shape(1, 3L * spec.outputDim() + RATE_FEATURES + SCORE_FEATURES));
        DenseInit.apply(mlp.getParameters(), spec.seed() * 31 + 7);
        this.adam =
                new DenseAdam(
                        mlp.getParameters(), AdamConfig.of(spec.exposureDenseLearningRate(), 0f));
        this.biasAdam = AdamConfig.of(spec.exposureLearningRate(), 0f);
        this.scaledBiasAdam = biasAdam;
    }

    /** Scales both learning rates (a warm start's schedule); moments are kept. */
    void scaleLearningRates(float scale) {
        scaledBiasAdam = AdamConfig.scaled(biasAdam, scale);
        adam.scaleLearningRate(scale);
    }

    /**
     * {@code (N)} exposure logits of the examples; {@code users} {@code (N, D)} is each example's
     * own-task user vector, {@code titles} {@code (T, D)} the batch's distinct title vectors,
     * {@code retrieval} {@code (N)} the retrieval logits (all detached here). With {@code
     * training}, the bias slices require gradients (see {@link #apply}).
     */
    Pass forward(
            NDManager sub,
            ParameterStore store,
            ExampleBatch batch,
            NDArray users,
            NDArray titles,
            NDArray retrieval,
            EmbeddingTable userTable,
            UniqueRows uu,
            EmbeddingTable titleTable,
            UniqueRows tu,
            boolean training) {
        NDArray userBias =
                sub.create(userTable.gatherBias(uu.rows(), uu.count()), new Shape(uu.count()));
        NDArray titleBias =
                sub.create(titleTable.gatherBias(tu.rows(), tu.count()), new Shape(tu.count()));
        if (training) {
            userBias.setRequiresGradient(true);
            titleBias.setRequiresGradient(true);
        }
        NDArray titleIndex = sub.create(tu.localIndex());
        NDArray u = users.stopGradient();
        NDArray t = titles.stopGradient().get(titleIndex);
        NDArray rates =
                sub.create(
                        rateFeatures(batch.size(), userTable, uu, titleTable, tu),
                        new Shape(batch.size(), RATE_FEATURES));
        NDArray features =
                NDArrays.concat(
                        new NDList(
                                u,
                                t,
                                u.mul(t),
                                rates,
                                retrieval.stopGradient().reshape(batch.size(), 1)),
                        1);
        NDArray logits =
                mlp.forward(store, new NDList(features), training)
                        .singletonOrThrow()
                        .reshape(batch.size())
                        .add(userBias.get(sub.create(uu.localIndex())))
                        .add(titleBias.get(titleIndex));
        return new Pass(logits, userBias, titleBias, sub.create(exposureMask(batch)));
    }

    /**
     * The head's batch loss: BCE of play against the exposure logit, weighted by the example
     * weight, summed over the exposure examples and divided by the batch size (as the retrieval
     * BCE's weighted mean is).
     */
    static NDArray loss(NDArray perExample, NDArray weights, NDArray mask) {
        return perExample.mul(weights).mul(mask).mean();
    }

    /** 1 for a play or an impression, 0 for a sampled negative. */
    static float[] exposureMask(ExampleBatch batch) {
        float[] mask = new float[batch.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = ExampleKind.exposed(batch.exampleKinds()[i]) ? 1f : 0f;
        }
        return mask;
    }

    /** Row-major {@code (n, 2)}: each example's user and title rate feature. */
    private float[] rateFeatures(
            int n,
            EmbeddingTable userTable,
            UniqueRows uu,
            EmbeddingTable titleTable,
            UniqueRows tu) {
        double p = globalRate();
        double base = logit(p);
        float[] userCounts = userTable.gatherCounts(uu.rows(), uu.count());
        float[] titleCounts = titleTable.gatherCounts(tu.rows(), tu.count());
        long[] userIndex = uu.localIndex();
        long[] titleIndex = tu.localIndex();
        float[] out = new float[n * RATE_FEATURES];
        for (int i = 0; i < n; i++) {
            out[i * 2] = (float) (logit(rate(userCounts, (int) userIndex[i], p)) - base);
            out[i * 2 + 1] = (float) (logit(rate(titleCounts, (int) titleIndex[i], p)) - base);
        }
        return out;
    }

    private static double rate(float[] counts, int row, double p) {
        return (counts[row * 2] + PRIOR_EXPOSURES * p) / (counts[row * 2 + 1] + PRIOR_EXPOSURES);
    }

    /** The exposures' play rate so far (one half before any), kept away from 0 and 1. */
    double globalRate() {
        double p = exposures == 0 ? 0.5 : plays / (double) exposures;
        return Math.min(1 - 1e-4, Math.max(1e-4, p));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /** Counts the batch's exposures (after its step, so its own examples never saw them). */
    void observe(
            ExampleBatch batch,
            EmbeddingTable userTable,
            UniqueRows uu,
            EmbeddingTable titleTable,
            UniqueRows tu) {
        float[] mask = exposureMask(batch);
        long[] userIndex = uu.localIndex();
        long[] titleIndex = tu.localIndex();
        for (int i = 0; i < batch.size(); i++) {
            if (mask[i] > 0) {
                boolean play = batch.exampleKinds()[i] == ExampleKind.PLAY.code();
                userTable.count(uu.rows()[(int) userIndex[i]], play);
                titleTable.count(tu.rows()[(int) titleIndex[i]], play);
                plays += play ? 1 : 0;
                exposures++;
            }
        }
    }

    /** Gradients of a backward pass, read before anything is applied. */
    record Gradients(float[] user, float[] title, float[][] dense) {
        boolean finite() {
            return DenseAdam.allFinite(user, title) && DenseAdam.allFinite(dense);
        }
    }

    Gradients take(Pass pass) {
        return new Gradients(
                pass.userBias().getGradient().toFloatArray(),
                pass.titleBias().getGradient().toFloatArray(),
                adam.takeGradients());
    }

    /** Drops gradients the MLP accumulated in a pass that is not applied. */
    void discard() {
        adam.takeGradients();
    }

    void apply(
            Gradients g,
            EmbeddingTable userTable,
            UniqueRows uu,
            EmbeddingTable titleTable,
            UniqueRows tu) {
        userTable.applyBias(uu.rows(), uu.count(), g.user(), scaledBiasAdam);
        titleTable.applyBias(tu.rows(), tu.count(), g.title(), scaledBiasAdam);
        adam.apply(g.dense());
    }

    long parameterCount() {
        long total = 0;
        for (var p : mlp.getParameters()) {
            total += p.getValue().getArray().getShape().size();
        }
        return total;
    }

    boolean finite() {
        for (var p : mlp.getParameters()) {
            if (!DenseAdam.allFinite(p.getValue().getArray().toFloatArray())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The global counts, the MLP's parameters and Adam state (the bias values and the users' and
     * titles' counts live in the tables).
     */
    void write(DataOutputStream out) throws IOException {
        out.writeLong(plays);
        out.writeLong(exposures);
        mlp.saveParameters(out);
        adam.write(out);
    }

    void read(NDManager manager, DataInputStream in) throws IOException {
        plays = in.readLong();
        exposures = in.readLong();
        try {
            mlp.loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException("exposure head in checkpoint does not fit: " + e.getMessage(), e);
        }
        for (var p : mlp.getParameters()) {
            if (p.getValue().requiresGradient() && !p.getValue().getArray().hasGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
        adam.read(in);
    }
}
