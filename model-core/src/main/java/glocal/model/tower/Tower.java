package glocal.model.tower;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multilayer perceptron: {@code hidden.length} Linear+ReLU layers, then a Linear output layer
 * without activation (an embedding or an expert output). Used for the user and title towers, group
 * heads and experts. Input {@code (N, in)}, output {@code (N, units)}.
 */
public final class Tower extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int[] hidden;
    private final int units;
    private final List<Linear> layers = new ArrayList<>();

    public Tower(int[] hidden, int units) {
        super(VERSION);
        if (units < 1) {
            throw new IllegalArgumentException("tower output units must be >= 1, was " + units);
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException(
                        "tower hidden sizes must be >= 1, were " + Arrays.toString(hidden));
            }
        }
        this.hidden = hidden.clone();
        this.units = units;
        for (int i = 0; i <= hidden.length; i++) {
            int size = i < hidden.length ? hidden[i] : units;
            layers.add(addChildBlock("linear" + i, Linear.builder().setUnits(size).build()));
        }
    }

    public int units() {
        return units;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(store, new NDList(x), training).singletonOrThrow();
            if (i < hidden.length) {
                x = x.getNDArrayInternal().relu();
            }
        }
        return new NDList(x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), units)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        for (Linear layer : layers) {
            layer.initialize(manager, dataType, shape);
            shape = layer.getOutputShapes(new Shape[] {shape})[0];
        }
    }
}
