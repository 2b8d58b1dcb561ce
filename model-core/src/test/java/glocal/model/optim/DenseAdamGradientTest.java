package glocal.model.optim;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * A refused step's non-finite gradients do not outlive it: after {@link DenseAdam#takeGradients}
 * the next step's gradients are its own, however bad the last ones were.
 */
class DenseAdamGradientTest {

    private static float[][] step(
            NDManager manager, Block block, DenseAdam adam, ParameterStore store, float scale) {
        try (NDManager sub = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = sub.create(new float[] {1f, 2f}, new Shape(1, 2));
            NDArray loss = block.forward(store, new NDList(x), true).singletonOrThrow().sum();
            collector.backward(loss.mul(scale));
        }
        return adam.takeGradients();
    }

    @Test
    void aNaNGradientIsGoneAfterItIsTaken() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Linear.builder().setUnits(1).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            DenseAdam adam = new DenseAdam(block.getParameters(), AdamConfig.of(1e-3f, 0f));
            ParameterStore store = new ParameterStore(manager, false);
            float[][] clean = step(manager, block, adam, store, 1f);
            float[][] bad = step(manager, block, adam, store, Float.NaN);
            assertThat(DenseAdam.allFinite(bad)).isFalse();
            float[][] after = step(manager, block, adam, store, 1f);
            assertThat(DenseAdam.allFinite(after)).isTrue();
            // nothing was applied in between: the same input gives the same gradients
            for (int i = 0; i < clean.length; i++) {
                assertThat(after[i]).containsExactly(clean[i]);
            }
        }
    }
}
