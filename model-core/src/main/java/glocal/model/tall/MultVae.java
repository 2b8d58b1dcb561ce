package glocal.model.tall;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One MultVAE (Liang et al. 2018, "Variational Autoencoders for Collaborative Filtering"): encoder
 * titles → hidden (tanh) → (μ, log σ²); decoder latent → hidden (tanh) → one logit per title; the
 * softmax of the logits is the multinomial over titles the user will watch.
 *
 * <p>Inputs: {@code [input (N, titles)]}, plus in training {@code [eps (N, latent)]}: the
 * reparameterisation noise, drawn by the caller from a seeded JVM stream so a run depends only on
 * its seed. The input is the user's history already normalised (and dropped out in training) by the
 * caller, who sees it sparse. Outputs: {@code [logits (N, titles), μ (N, latent), log σ² (N,
 * latent)]}; at inference z = μ.
 */
public final class MultVae extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int titles;
    private final int latent;
    private final Linear encoder;
    private final Linear posterior;
    private final Linear decoderHidden;
    private final Linear decoderOut;

    public MultVae(int titles, int hidden, int latent) {
        super(VERSION);
        if (titles < 1 || hidden < 1 || latent < 1) {
            throw new IllegalArgumentException(
                    "MultVAE sizes must be >= 1, were titles "
                            + titles
                            + ", hidden "
                            + hidden
                            + ", latent "
                            + latent);
        }
        this.titles = titles;
        this.latent = latent;
        encoder = addChildBlock("encoder", Linear.builder().setUnits(hidden).build());
        posterior = addChildBlock("posterior", Linear.builder().setUnits(2L * latent).build());
        decoderHidden = addChildBlock("decoderHidden", Linear.builder().setUnits(hidden).build());
        decoderOut = addChildBlock("decoderOut", Linear.builder().setUnits(titles).build());
    }

    public int titles() {
        return titles;
    }

    public int latent() {
        return latent;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray h =
                Activation.tanh(
                        encoder.forward(store, new NDList(inputs.get(0)), training)
                                .singletonOrThrow());
        NDArray stats = posterior.forward(store, new NDList(h), training).singletonOrThrow();
        NDArray mu = stats.get(":, 0:" + latent);
        NDArray logVar = stats.get(":, " + latent + ":");
        NDArray z = mu;
        if (training) {
            if (inputs.size() < 2) {
                throw new IllegalArgumentException(
                        "MultVAE in training needs the noise input eps (N, latent)");
            }
            z = mu.add(inputs.get(1).mul(logVar.mul(0.5f).exp()));
        }
        NDArray d =
                Activation.tanh(
                        decoderHidden.forward(store, new NDList(z), training).singletonOrThrow());
        NDArray logits = decoderOut.forward(store, new NDList(d), training).singletonOrThrow();
        return new NDList(logits, mu, logVar);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        return new Shape[] {new Shape(n, titles), new Shape(n, latent), new Shape(n, latent)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        encoder.initialize(manager, dataType, inputShapes[0]);
        Shape hiddenShape = encoder.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        posterior.initialize(manager, dataType, hiddenShape);
        decoderHidden.initialize(manager, dataType, new Shape(n, latent));
        decoderOut.initialize(manager, dataType, hiddenShape);
    }
}
