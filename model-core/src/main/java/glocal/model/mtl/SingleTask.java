package glocal.model.mtl;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The baseline's "switcher": one global task, the tower output is the user embedding. Input {@code
 * (N, D)}, output {@code (N, 1, D)}; no parameters.
 */
public final class SingleTask extends Switcher {

    private static final byte VERSION = 1;

    public SingleTask() {
        super(VERSION);
    }

    @Override
    public int tasks() {
        return 1;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        return new NDList(inputs.singletonOrThrow().expandDims(1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1, inputShapes[0].get(1))};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        // no parameters
    }
}
