package glocal.model.mtl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import glocal.model.tower.Tower;

/**
 * Behaviour heads on top of the two towers: from the example's own-task user vector and title
 * vector (and their elementwise product) a small MLP predicts three logits: finish (given play, or
 * pCVR under ESMM), skip (given play) and completion ratio (through a sigmoid, trained with MSE).
 * Input {@code [user (N, D), title (N, D)]}, output {@code (N, 3)}.
 */
public final class BehaviourHeads extends AbstractBlock {

    private static final byte VERSION = 1;
    public static final int FINISH = 0;
    public static final int SKIP = 1;
    public static final int RATIO = 2;

    private final Tower tower;

    public BehaviourHeads(int[] hidden) {
        super(VERSION);
        tower = addChildBlock("tower", new Tower(hidden, 3));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray user = inputs.get(0);
        NDArray title = inputs.get(1);
        NDArray features = NDArrays.concat(new NDList(user, title, user.mul(title)), 1);
        return tower.forward(store, new NDList(features), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 3)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        tower.initialize(
                manager, dataType, new Shape(inputShapes[0].get(0), inputShapes[0].get(1) * 3));
    }
}
