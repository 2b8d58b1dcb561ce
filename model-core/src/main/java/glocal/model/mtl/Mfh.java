package glocal.model.mtl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import glocal.model.tower.Tower;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-faceted hierarchy: a CGC/PLE switcher over territory groups, then below each territory
 * group one head per activity group. Task index = territoryGroup * activityGroups + activityGroup.
 * Input {@code (N, H)}; the territory CGC gives {@code (N, territoryGroups, D)}, each activity head
 * maps its group's {@code (N, D)} to {@code (N, units)}; output {@code (N, territoryGroups *
 * activityGroups, units)}, task {@code t} at {@code [:, t, :]}.
 */
public final class Mfh extends Switcher {

    private static final byte VERSION = 1;

    private final Cgc territory;
    private final List<Tower> activityHeads = new ArrayList<>();
    private final int territoryGroups;
    private final int activityGroups;
    private final int units;

    public Mfh(
            int territoryGroups, int activityGroups, Cgc territory, int[] headHidden, int units) {
        super(VERSION);
        if (territory.tasks() != territoryGroups) {
            throw new IllegalArgumentException(
                    "MFH territory switcher has "
                            + territory.tasks()
                            + " tasks but there are "
                            + territoryGroups
                            + " territory groups");
        }
        this.territory = addChildBlock("territory", territory);
        this.territoryGroups = territoryGroups;
        this.activityGroups = activityGroups;
        this.units = units;
        for (int g = 0; g < territoryGroups; g++) {
            for (int a = 0; a < activityGroups; a++) {
                activityHeads.add(
                        addChildBlock("group" + g + "activity" + a, new Tower(headHidden, units)));
            }
        }
    }

    @Override
    public int tasks() {
        return territoryGroups * activityGroups;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray byGroup = territory.forward(store, inputs, training).singletonOrThrow();
        NDList outs = new NDList(tasks());
        for (int g = 0; g < territoryGroups; g++) {
            NDArray groupOut = byGroup.get(new NDIndex(":, {}, :", g));
            for (int a = 0; a < activityGroups; a++) {
                Tower head = activityHeads.get(g * activityGroups + a);
                outs.add(head.forward(store, new NDList(groupOut), training).singletonOrThrow());
            }
        }
        return new NDList(NDArrays.stack(outs, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), tasks(), units)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        territory.initialize(manager, dataType, inputShapes);
        Shape groupShape =
                new Shape(inputShapes[0].get(0), territory.getOutputShapes(inputShapes)[0].get(2));
        for (Tower head : activityHeads) {
            head.initialize(manager, dataType, groupShape);
        }
    }
}
