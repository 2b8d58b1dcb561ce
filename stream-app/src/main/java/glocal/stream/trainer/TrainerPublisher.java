package glocal.stream.trainer;

import glocal.model.train.OnlineTrainer;
import glocal.model.weights.AdaptiveUserWeights;
import glocal.stream.serde.GlocalSerdes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;

/**
 * When the trainer publishes: every {@code publishEvery} steps, at least every {@code
 * publishInterval} while it trains, and before every checkpoint; never twice for the same step. A
 * publication sends the changed embeddings and adaptive weights of the primary model and the
 * progressive-validation metrics of every model (see {@link TrainerOutputs}).
 */
final class TrainerPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final TrainerOutputs outputs;
    private final TrainerSettings settings;
    private final Clock clock;
    private final OnlineTrainer trainer;
    private final AdaptiveUserWeights weights;
    private final ModelRun primary;
    private final List<ModelRun> shadows;
    private final EmbeddingFreshness freshness;
    private long lastPublishStep;
    private Instant lastPublish;

    TrainerPublisher(
            Producer<String, byte[]> producer,
            GlocalSerdes serdes,
            NonFiniteGuard guard,
            TrainerSettings settings,
            Clock clock,
            ModelRun primary,
            List<ModelRun> shadows,
            AdaptiveUserWeights weights,
            EmbeddingFreshness freshness) {
        this.producer = producer;
        this.outputs = new TrainerOutputs(producer, serdes, guard);
        this.settings = settings;
        this.clock = clock;
        this.primary = primary;
        this.trainer = primary.trainer();
        this.shadows = shadows;
        this.weights = weights;
        this.freshness = freshness;
        this.lastPublishStep = trainer.version();
        this.lastPublish = clock.instant();
    }

    /** True once {@code publishEvery} steps were trained since the last publication. */
    boolean stepsDue() {
        return trainer.version() - lastPublishStep >= settings.publishEvery();
    }

    /**
     * Publishes if the interval has passed (or {@code force}) and the model changed since the last
     * publication.
     *
     * @param lastLoss the primary model's loss on its last applied batch
     */
    void maybePublish(boolean force, float lastLoss) {
        Instant now = clock.instant();
        boolean due =
                force
                        || Duration.between(lastPublish, now).compareTo(settings.publishInterval())
                                >= 0;
        if (!due || trainer.version() == lastPublishStep) {
            return;
        }
        List<String> users = outputs.publishChangedEmbeddings(trainer, now);
        EmbeddingFreshness.Summary fresh = freshness.published(users, now);
        if (fresh != null) {
            outputs.publishFreshness(primary.name(), fresh, trainer.version(), now);
        }
        outputs.publishWeights(weights.drainChanged(), weights.windowsClosed(), now);
        outputs.publishMetrics(
                primary.name(), primary.refreshSummaries(), lastLoss, trainer.version(), now);
        for (ModelRun shadow : shadows) {
            outputs.publishMetrics(
                    shadow.name(), shadow.refreshSummaries(), Float.NaN, trainer.version(), now);
        }
        outputs.flush();
        lastPublishStep = trainer.version();
        lastPublish = now;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
