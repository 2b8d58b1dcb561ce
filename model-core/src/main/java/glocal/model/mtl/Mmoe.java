package glocal.model.mtl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import glocal.model.tower.Tower;
import java.util.ArrayList;
import java.util.List;

/**
 * MMoE: shared experts, and per task a softmax gate over them (Ma et al., KDD 2018). Input {@code
 * (N, H)}; each expert gives {@code (N, units)}, each task's gate {@code (N, experts)} logits;
 * output {@code (N, tasks, units)}, task {@code g}'s gated mixture at {@code [:, g, :]}.
 */
public final class Mmoe extends Switcher {

    private static final byte VERSION = 1;

    private final List<Tower> experts = new ArrayList<>();
    private final List<Linear> gates = new ArrayList<>();
    private final int units;

    public Mmoe(int tasks, int expertCount, int[] expertHidden, int units) {
        super(VERSION);
        if (tasks < 1 || expertCount < 1) {
            throw new IllegalArgumentException(
                    "MMoE needs >= 1 task and >= 1 expert, got " + tasks + " and " + expertCount);
        }
        this.units = units;
        for (int e = 0; e < expertCount; e++) {
            experts.add(addChildBlock("expert" + e, new Tower(expertHidden, units)));
        }
        for (int g = 0; g < tasks; g++) {
            gates.add(addChildBlock("gate" + g, Linear.builder().setUnits(expertCount).build()));
        }
    }

    @Override
    public int tasks() {
        return gates.size();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList outs = new NDList(experts.size());
        for (Tower expert : experts) {
            outs.add(expert.forward(store, inputs, training).singletonOrThrow());
        }
        NDArray stacked = NDArrays.stack(outs, 1);
        NDList perTask = new NDList(gates.size());
        for (Linear gate : gates) {
            perTask.add(
                    GroupHeads.mix(
                            gate.forward(store, inputs, training).singletonOrThrow(), stacked));
        }
        return new NDList(NDArrays.stack(perTask, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), gates.size(), units)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Tower expert : experts) {
            expert.initialize(manager, dataType, inputShapes);
        }
        for (Linear gate : gates) {
            gate.initialize(manager, dataType, inputShapes);
        }
    }
}
