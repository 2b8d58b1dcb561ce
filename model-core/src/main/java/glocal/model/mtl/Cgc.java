package glocal.model.mtl;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * CGC with one level, PLE (progressive layered extraction) with more: levels of shared and
 * task-specific experts with per-task gates; every level but the last also produces a shared output
 * for the next. Input {@code (N, H)} (every task of the first level reads it), output {@code (N,
 * tasks, units)}: the last level's per-task vectors stacked, task {@code g} at {@code [:, g, :]}
 * (see {@code CgcLevel} for the lists passed between levels).
 */
public final class Cgc extends Switcher {

    private static final byte VERSION = 1;

    private final List<CgcLevel> levels = new ArrayList<>();
    private final int tasks;
    private final int units;

    public Cgc(
            int tasks,
            int levelCount,
            int sharedExperts,
            int taskExperts,
            int[] expertHidden,
            int units) {
        super(VERSION);
        if (levelCount < 1) {
            throw new IllegalArgumentException("CGC/PLE needs >= 1 level, got " + levelCount);
        }
        this.tasks = tasks;
        this.units = units;
        for (int l = 0; l < levelCount; l++) {
            levels.add(
                    addChildBlock(
                            "level" + l,
                            new CgcLevel(
                                    tasks,
                                    sharedExperts,
                                    taskExperts,
                                    expertHidden,
                                    units,
                                    l == levelCount - 1)));
        }
    }

    @Override
    public int tasks() {
        return tasks;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList x = inputs;
        for (CgcLevel level : levels) {
            x = level.forward(store, x, training);
        }
        return new NDList(NDArrays.stack(x, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), tasks, units)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (CgcLevel level : levels) {
            level.initialize(manager, dataType, shapes);
            shapes = level.getOutputShapes(shapes);
        }
    }
}
