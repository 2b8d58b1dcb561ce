package glocal.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;

/**
 * The towers' vectors of given rows for {@link TrainerExport}, computed by the current model
 * without training: a user's from its task's block, ending in the selector of its group's priors; a
 * title's from the title tower, ending in its prior row.
 */
final class TowerVectors implements TrainerExport.Vectors {

    private final ModelSpec spec;
    private final DjlRuntime runtime;
    private final BatchTensors tensors;
    private final PriorTerms priorTerms;

    TowerVectors(ModelSpec spec, DjlRuntime runtime, BatchTensors tensors, PriorTerms priorTerms) {
        this.spec = spec;
        this.runtime = runtime;
        this.tensors = tensors;
        this.priorTerms = priorTerms;
    }

    @Override
    public float[][] users(int[] rows, String[] ids, int[] tasks, int[] territoryGroups) {
        try (NDManager sub = runtime.newSubManager()) {
            NDArray input = tensors.userInputs(sub, rows, ids, rows.length);
            float[] all = runtime.model().userVectors(runtime.store(), input, false).toFloatArray();
            int d = spec.outputDim();
            int perRow = spec.tasks() * d;
            float[][] out = new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                float[] selector = priorTerms.priorSelector(territoryGroups[i]);
                out[i] =
                        Arrays.copyOf(
                                Arrays.copyOfRange(
                                        all,
                                        i * perRow + tasks[i] * d,
                                        i * perRow + (tasks[i] + 1) * d),
                                d + selector.length);
                System.arraycopy(selector, 0, out[i], d, selector.length);
            }
            return out;
        }
    }

    @Override
    public float[][] titles(int[] rows, String[] ids) {
        try (NDManager sub = runtime.newSubManager()) {
            float[] all = titleVectors(sub, rows, ids).toFloatArray();
            int d = spec.outputDim() + spec.priorColumns();
            float[][] out = new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] = Arrays.copyOfRange(all, i * d, (i + 1) * d);
            }
            return out;
        }
    }

    /** {@code (rows, outputDim + priorColumns)}: the title tower's vectors, then the prior rows. */
    private NDArray titleVectors(NDManager sub, int[] rows, String[] ids) {
        NDArray input = tensors.titleRows(sub, rows, ids);
        NDArray vectors = runtime.model().titleVectors(runtime.store(), input, false);
        if (spec.priorColumns() == 0) {
            return vectors;
        }
        return vectors.concat(tensors.priorRows(sub, rows, rows.length), 1);
    }
}
