package glocal.stream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.train.ModelKind;
import glocal.model.train.ModelSpec;
import glocal.model.train.OnlineTrainer;
import glocal.model.weights.AdaptiveUserWeights;
import glocal.stream.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restored checkpoint keeps the model it was saved with, and says so when the configuration now
 * asks for another one (a changed key, or an upgrade over a changed default).
 */
class TrainerCheckpointsTest {

    private static ModelSpec small() {
        return ModelSpec.defaults(ModelKind.MTL)
                .with(
                        ModelSpec.EMBEDDING_DIM, "8",
                        ModelSpec.OUTPUT_DIM, "8",
                        ModelSpec.TOWER_HIDDEN, "8");
    }

    @Test
    void aCheckpointSavedUnderAnotherSpecGoesOnAsSavedAndNamesEveryKeyThatDiffers(@TempDir Path dir)
            throws Exception {
        ModelSpec saved = small().with(ModelSpec.LOSS, "bce", ModelSpec.LEARNING_RATE, "0.001");
        TrainerSettings before = TrainerSettings.defaults(saved, dir);
        try (OnlineTrainer trainer = OnlineTrainer.create(saved)) {
            new TrainerCheckpoints(before, Clock.systemUTC())
                    .save(
                            trainer,
                            new AdaptiveUserWeights(before.weights()),
                            Map.of(new TopicPartition(Topics.TRAINING_BATCHES, 0), 7L));
        }
        ModelSpec configured =
                saved.with(ModelSpec.LOSS, "softmax-logq", ModelSpec.LEARNING_RATE, "0.0003");
        TrainerCheckpoints.Restored same =
                new TrainerCheckpoints(before, Clock.systemUTC()).restore();
        TrainerCheckpoints.Restored other =
                new TrainerCheckpoints(TrainerSettings.defaults(configured, dir), Clock.systemUTC())
                        .restore();
        try (OnlineTrainer a = same.trainer();
                OnlineTrainer b = other.trainer()) {
            assertThat(same.specDifferences()).isEmpty();
            assertThat(a.spec()).isEqualTo(saved);
            assertThat(b.spec()).isEqualTo(saved);
            assertThat(other.offsets())
                    .containsEntry(new TopicPartition(Topics.TRAINING_BATCHES, 0), 7L);
            assertThat(other.specDifferences())
                    .containsExactly(
                            "glocal."
                                    + ModelSpec.LEARNING_RATE
                                    + ": configured 3.0E-4, checkpoint 0.001",
                            "glocal."
                                    + ModelSpec.LOSS
                                    + ": configured softmax-logq, checkpoint bce");
        }
    }
}
