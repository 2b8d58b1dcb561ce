package glocal.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint saved by an earlier build (format 1: mtl, 8-d, biasnet, seed 7, three steps on
 * TinyWorld(99, 30, 10, 4) batches of 32) must keep loading and scoring the same: changing the file
 * format or a block's parameter layout without a migration fails here.
 */
class SavedCheckpointCompatibilityTest {

    @Test
    void formatOneCheckpointStillLoadsAndScoresAsWhenSaved()
            throws IOException, URISyntaxException {
        Path file = Path.of(getClass().getResource("/checkpoints/mtl-format1.ckpt").toURI());
        Checkpoint.Restored restored = Checkpoint.restore(file, Device.cpu());
        try (OnlineTrainer trainer = restored.trainer()) {
            assertThat(trainer.version()).isEqualTo(3);
            assertThat(trainer.spec().kind()).isEqualTo(ModelKind.MTL);
            assertThat(trainer.spec().seed()).isEqualTo(7);
            assertThat(trainer.spec().biasnet()).isTrue();
            // saved before the defaults changed: it goes on with what it was trained with
            assertThat(trainer.spec().loss()).isEqualTo(RetrievalLoss.BCE);
            assertThat(trainer.spec().popularityPrior()).isFalse();
            assertThat(restored.metadata()).containsEntry("offset.training-batches.0", "96");
            ExampleBatch probe =
                    ExampleBatch.builder("probe")
                            .add("u1", "t1", "T1", 1, 1, ExampleKind.PLAY, 1f, 1f, 0L)
                            .add("u2", "t2", "T2", 2, 2, ExampleKind.PLAY, 0f, 1f, 0L)
                            .add("nobody", "t3", "T3", 3, 0, ExampleKind.PLAY, 0f, 1f, 0L)
                            .build();
            // Scores printed by the build that wrote the file. libtorch picks its SIMD kernels by
            // CPU, so
            // another machine may differ in the last bit; a changed format or layout moves far
            // more.
            assertThat(trainer.score(probe))
                    .usingComparatorWithPrecision(1e-6f)
                    .containsExactly(0.78398496f, 0.5563004f, 0.557301f);
        }
    }
}
