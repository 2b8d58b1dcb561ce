package glocal.model.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import glocal.model.optim.DenseAdam;
import glocal.model.tower.TwoTower;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * The trainer's DJL side: the device's base {@link NDManager} (closed with the trainer; every
 * per-batch array lives in a sub-manager of it), the dense two-tower model on it with its seeded
 * start, and the {@link ParameterStore} the forward passes read, rebuilt whenever parameters are
 * loaded. Also the process-wide engine settings (libtorch's threads, the preferred device).
 */
final class DjlRuntime implements AutoCloseable {

    private final ModelSpec spec;
    private final NDManager manager;
    private final TwoTower model;
    private ParameterStore store;

    DjlRuntime(ModelSpec spec, Device device) {
        this.spec = spec;
        this.manager = NDManager.newBaseManager(device);
        this.model = ModelFactory.build(spec);
        int titleIn = spec.embeddingDim() + spec.contentDim();
        model.initialize(
                manager,
                DataType.FLOAT32,
                new Shape(1, spec.embeddingDim()),
                new Shape(1),
                new Shape(1, titleIn),
                new Shape(1),
                new Shape(1, spec.territoryGroups() + spec.activityGroups()));
        DenseInit.apply(model.getParameters(), spec.seed());
        this.store = new ParameterStore(manager, false);
    }

    /** The GPU when DJL sees one, otherwise the CPU. */
    static Device preferredDevice() {
        return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /** Sets libtorch's intra-op threads for the whole process (a no-op on another engine). */
    static void configureThreads(int intraOpThreads) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException(
                    "intra-op threads must be >= 1, was " + intraOpThreads);
        }
        if (pytorch()) {
            JniUtils.setNumThreads(intraOpThreads);
        }
    }

    /** libtorch's current intra-op thread count, or -1 on another engine. */
    static int threads() {
        return pytorch() ? JniUtils.getNumThreads() : -1;
    }

    private static boolean pytorch() {
        return "PyTorch".equals(Engine.getInstance().getEngineName());
    }

    NDManager manager() {
        return manager;
    }

    /** A manager for one batch's arrays; close it to free them. */
    NDManager newSubManager() {
        return manager.newSubManager();
    }

    TwoTower model() {
        return model;
    }

    /** The store of the current parameters (a new one after each load). */
    ParameterStore store() {
        return store;
    }

    /** Number of the model's dense parameters. */
    long parameterCount() {
        long total = 0;
        for (var p : model.getParameters()) {
            total += p.getValue().getArray().getShape().size();
        }
        return total;
    }

    /** True when no dense parameter of the model holds NaN or an infinity. */
    boolean finite() {
        for (var p : model.getParameters()) {
            if (!DenseAdam.allFinite(p.getValue().getArray().toFloatArray())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Replaces the dense parameters with ones saved by DJL's block save. Loading gives new arrays
     * without gradients, so gradients are re-attached and the parameter store rebuilt.
     */
    void loadDense(DataInputStream in) throws IOException {
        try {
            model.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException(
                    "dense parameters in checkpoint do not fit model "
                            + spec.kind().id()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        for (var p : model.getParameters()) {
            if (p.getValue().requiresGradient() && !p.getValue().getArray().hasGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
        renewStore();
    }

    /** A new parameter store, after parameters outside the model (the exposure head) loaded. */
    void renewStore() {
        store = new ParameterStore(manager, false);
    }

    @Override
    public void close() {
        manager.close();
    }
}
