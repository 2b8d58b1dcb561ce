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
 * One Customized Gate Control level (PLE, Tang et al., RecSys 2020): shared experts plus experts of
 * each task; each task's gate mixes the shared experts and its own. A level that feeds another
 * level also has a shared gate over all experts.
 *
 * <p>Input {@code [shared (N,H), task_0 (N,H), ... task_{G-1}]} or just {@code [shared]} (then
 * every task reads the shared input). Output {@code [shared' (N,D) if not last, task_0' (N,D),
 * ...]}.
 */
final class CgcLevel extends AbstractBlockWithTasks {

    private static final byte VERSION = 1;

    private final List<Tower> sharedExperts = new ArrayList<>();
    private final List<List<Tower>> taskExperts = new ArrayList<>();
    private final List<Linear> taskGates = new ArrayList<>();
    private final Linear sharedGate;
    private final int units;

    CgcLevel(int tasks, int shared, int perTask, int[] expertHidden, int units, boolean last) {
        super(VERSION);
        if (tasks < 1 || shared < 0 || perTask < 1) {
            throw new IllegalArgumentException(
                    "CGC needs >= 1 task, >= 0 shared experts and >= 1 expert per task,"
                            + " got "
                            + tasks
                            + ", "
                            + shared
                            + ", "
                            + perTask);
        }
        this.units = units;
        for (int e = 0; e < shared; e++) {
            sharedExperts.add(addChildBlock("shared" + e, new Tower(expertHidden, units)));
        }
        for (int g = 0; g < tasks; g++) {
            List<Tower> own = new ArrayList<>();
            for (int e = 0; e < perTask; e++) {
                own.add(addChildBlock("task" + g + "expert" + e, new Tower(expertHidden, units)));
            }
            taskExperts.add(own);
            taskGates.add(
                    addChildBlock(
                            "task" + g + "gate",
                            Linear.builder().setUnits(shared + perTask).build()));
        }
        sharedGate =
                last
                        ? null
                        : addChildBlock(
                                "sharedGate",
                                Linear.builder().setUnits(shared + tasks * perTask).build());
    }

    @Override
    int tasks() {
        return taskGates.size();
    }

    private NDArray taskInput(NDList inputs, int g) {
        return inputs.size() == 1 ? inputs.get(0) : inputs.get(1 + g);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray shared = inputs.get(0);
        NDList sharedOut = new NDList();
        for (Tower expert : sharedExperts) {
            sharedOut.add(expert.forward(store, new NDList(shared), training).singletonOrThrow());
        }
        NDList all = new NDList(sharedOut);
        NDList outputs = new NDList();
        List<NDArray> perTask = new ArrayList<>();
        for (int g = 0; g < taskGates.size(); g++) {
            NDArray in = taskInput(inputs, g);
            NDList experts = new NDList(sharedOut);
            for (Tower expert : taskExperts.get(g)) {
                NDArray out = expert.forward(store, new NDList(in), training).singletonOrThrow();
                experts.add(out);
                all.add(out);
            }
            NDArray gate =
                    taskGates.get(g).forward(store, new NDList(in), training).singletonOrThrow();
            perTask.add(GroupHeads.mix(gate, NDArrays.stack(experts, 1)));
        }
        if (sharedGate != null) {
            NDArray gate =
                    sharedGate.forward(store, new NDList(shared), training).singletonOrThrow();
            outputs.add(GroupHeads.mix(gate, NDArrays.stack(all, 1)));
        }
        outputs.addAll(perTask);
        return outputs;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        int count = taskGates.size() + (sharedGate == null ? 0 : 1);
        Shape[] out = new Shape[count];
        for (int i = 0; i < count; i++) {
            out[i] = new Shape(n, units);
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shared = inputShapes[0];
        for (Tower expert : sharedExperts) {
            expert.initialize(manager, dataType, shared);
        }
        for (int g = 0; g < taskGates.size(); g++) {
            Shape in = inputShapes.length == 1 ? shared : inputShapes[1 + g];
            for (Tower expert : taskExperts.get(g)) {
                expert.initialize(manager, dataType, in);
            }
            taskGates.get(g).initialize(manager, dataType, in);
        }
        if (sharedGate != null) {
            sharedGate.initialize(manager, dataType, shared);
        }
    }
}
