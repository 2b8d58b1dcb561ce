package glocal.model.mtl;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import glocal.model.tower.Tower;

/**
 * Biasnet: a shallow tower fed the example's group features (one-hot territory group and activity
 * group) whose single logit is added to the main logit, so group-level base rates need not be
 * learned by the embeddings. Input {@code (N, F)}, output {@code (N, 1)}.
 */
public final class BiasNet extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Tower tower;

    public BiasNet(int[] hidden) {
        super(VERSION);
        tower = addChildBlock("tower", new Tower(hidden, 1));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        return tower.forward(store, inputs, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        tower.initialize(manager, dataType, inputShapes);
    }
}
