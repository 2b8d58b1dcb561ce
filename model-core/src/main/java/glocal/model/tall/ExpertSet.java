package glocal.model.tall;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The E MultVAE experts of TALL side by side, so their parameters form one list (one optimizer, one
 * save) under distinct names. Inputs: {@code [input (N, titles)]}, plus in training {@code [eps (E,
 * N, latent)]}, one noise slice per expert. Outputs: each expert's {@code logits (N, titles), μ (N,
 * latent), log σ² (N, latent)} in expert order ({@code 3E} arrays; expert {@code e}'s at {@code 3e
 * .. 3e+2}).
 */
public final class ExpertSet extends AbstractBlock {

    private static final byte VERSION = 1;

    private final List<MultVae> experts = new ArrayList<>();

    public ExpertSet(int experts, int titles, int hidden, int latent) {
        super(VERSION);
        if (experts < 1) {
            throw new IllegalArgumentException("an expert set needs >= 1 expert, got " + experts);
        }
        for (int e = 0; e < experts; e++) {
            this.experts.add(addChildBlock("expert" + e, new MultVae(titles, hidden, latent)));
        }
    }

    public int size() {
        return experts.size();
    }

    public MultVae expert(int e) {
        return experts.get(e);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList out = new NDList(3 * experts.size());
        for (int e = 0; e < experts.size(); e++) {
            NDList in =
                    training
                            ? new NDList(inputs.get(0), inputs.get(1).get(e))
                            : new NDList(inputs.get(0));
            out.addAll(experts.get(e).forward(store, in, training));
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] one = experts.get(0).getOutputShapes(inputShapes);
        Shape[] all = new Shape[3 * experts.size()];
        for (int e = 0; e < experts.size(); e++) {
            System.arraycopy(one, 0, all, 3 * e, 3);
        }
        return all;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        for (MultVae expert : experts) {
            expert.initialize(manager, dataType, inputShapes[0]);
        }
    }
}
