package glocal.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class DjlEngineTest {

    @Test
    void pytorchEngineLoadsOfflineAndComputes() {
        try (NDManager manager = NDManager.newBaseManager(OnlineTrainer.preferredDevice())) {
            NDArray a = manager.create(new float[] {1f, 2f, 3f});
            assertThat(a.mul(2f).sum().getFloat()).isEqualTo(12f);
            assertThat(manager.getEngine().getEngineName()).isEqualTo("PyTorch");
        }
    }
}
