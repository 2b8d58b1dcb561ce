package glocal.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import java.util.SplittableRandom;

/**
 * Seeded initialisation of the dense parameters from a JVM random stream, so a model's start
 * depends only on its seed and not on the engine's global random state (which other code in the JVM
 * may use). Weights: Glorot uniform; biases: zero.
 */
public final class DenseInit {

    private DenseInit() {}

    public static void apply(ParameterList params, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (Pair<String, Parameter> p : params) {
            NDArray array = p.getValue().getArray();
            float[] values = new float[(int) array.size()];
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                long out = array.getShape().get(0);
                long in = array.getShape().dimension() > 1 ? array.getShape().get(1) : 1;
                double limit = Math.sqrt(6.0 / (in + out));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
                }
            }
            array.set(values);
        }
    }
}
