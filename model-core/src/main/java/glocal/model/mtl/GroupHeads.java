package glocal.model.mtl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import glocal.model.tower.Tower;
import java.util.ArrayList;
import java.util.List;

/**
 * One head per task on top of the shared user tower (hard parameter sharing, arXiv 2310.03148).
 * With hidden layers in the heads this is the classic shared-bottom architecture. Input {@code (N,
 * H)} (the shared user tower's output), output {@code (N, tasks, units)}: head {@code g}'s vector
 * at {@code [:, g, :]}.
 */
public final class GroupHeads extends Switcher {

    private static final byte VERSION = 1;

    private final List<Tower> heads = new ArrayList<>();
    private final int units;

    public GroupHeads(int tasks, int[] hidden, int units) {
        super(VERSION);
        if (tasks < 1) {
            throw new IllegalArgumentException("group heads need >= 1 task, got " + tasks);
        }
        this.units = units;
        for (int g = 0; g < tasks; g++) {
            heads.add(addChildBlock("group" + g, new Tower(hidden, units)));
        }
    }

    @Override
    public int tasks() {
        return heads.size();
    }

    /**
     * The block of task {@code g} (tests check that its parameters only move on its own examples).
     */
    public Tower head(int g) {
        return heads.get(g);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList outs = new NDList(heads.size());
        for (Tower head : heads) {
            outs.add(head.forward(store, inputs, training).singletonOrThrow());
        }
        return new NDList(NDArrays.stack(outs, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), heads.size(), units)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Tower head : heads) {
            head.initialize(manager, dataType, inputShapes);
        }
    }

    static NDArray mix(NDArray gateLogits, NDArray experts) {
        // gate (N, E) softmax over experts; experts (N, E, D) -> (N, D)
        return gateLogits.softmax(1).expandDims(2).mul(experts).sum(new int[] {1});
    }
}
