package glocal.stream.trainer;

import glocal.model.labelling.ActivityGroup;
import glocal.model.metrics.GroupedBinaryMetrics.Summary;
import glocal.model.train.OnlineTrainer;
import glocal.model.train.TitleVector;
import glocal.model.train.UserVector;
import glocal.schemas.avro.TitleEmbedding;
import glocal.schemas.avro.TrainingMetric;
import glocal.schemas.avro.UserEmbedding;
import glocal.schemas.avro.UserWeight;
import glocal.stream.Topics;
import glocal.stream.serde.GlocalSerdes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Publishes what the trainer learned: the changed user and title vectors to the compacted embedding
 * topics, adaptive user weights to {@code user-weights}, and progressive-validation metrics to
 * {@code training-metrics}. Values are Avro in the Confluent wire format, keys plain strings. No
 * NaN or infinity is ever sent: {@link NonFiniteGuard} withholds and counts such values.
 */
final class TrainerOutputs {

    private final Producer<String, byte[]> producer;
    private final Serializer<UserEmbedding> users;
    private final Serializer<TitleEmbedding> titles;
    private final Serializer<UserWeight> weights;
    private final Serializer<TrainingMetric> metrics;
    private final NonFiniteGuard guard;
    private final AtomicReference<TrainerException> sendFailure = new AtomicReference<>();

    TrainerOutputs(Producer<String, byte[]> producer, GlocalSerdes serdes, NonFiniteGuard guard) {
        this.producer = producer;
        this.guard = guard;
        this.users = serdes.userEmbedding().serializer();
        this.titles = serdes.titleEmbedding().serializer();
        this.weights = serdes.userWeight().serializer();
        this.metrics = serdes.trainingMetric().serializer();
    }

    /**
     * Publishes the vectors of every user and title whose rows changed since the last call.
     *
     * @return the ids of the users whose vectors were sent
     */
    List<String> publishChangedEmbeddings(OnlineTrainer trainer, Instant now) {
        long version = trainer.version();
        List<UserVector> userVectors = trainer.exportUsers(trainer.drainChangedUsers());
        List<String> sent = new ArrayList<>(userVectors.size());
        for (UserVector v : userVectors) {
            if (!guard.admit(NonFiniteGuard.USER_EMBEDDING, v.userId(), v.vector())) {
                continue;
            }
            sent.add(v.userId());
            UserEmbedding e =
                    UserEmbedding.newBuilder()
                            .setUserId(v.userId())
                            .setTerritoryGroup("G" + v.territoryGroup())
                            .setVector(boxed(v.vector()))
                            .setModelVersion(version)
                            .setUpdatedAt(now)
                            .setActivityGroup(activityName(v.activityGroup()))
                            .setTerritory(v.territory())
                            .setPopularityWeights(
                                    v.popularityWeights() == null
                                            ? null
                                            : boxed(v.popularityWeights()))
                            .build();
            send(Topics.USER_EMBEDDINGS, v.userId(), users.serialize(Topics.USER_EMBEDDINGS, e));
        }
        List<TitleVector> titleVectors = trainer.exportTitles(trainer.drainChangedTitles());
        for (TitleVector v : titleVectors) {
            if (!guard.admit(NonFiniteGuard.TITLE_EMBEDDING, v.titleId(), v.vector())) {
                continue;
            }
            TitleEmbedding e =
                    TitleEmbedding.newBuilder()
                            .setTitleId(v.titleId())
                            .setVector(boxed(v.vector()))
                            .setModelVersion(version)
                            .setUpdatedAt(now)
                            .setPopularity(v.popularity())
                            .build();
            send(
                    Topics.TITLE_EMBEDDINGS,
                    v.titleId(),
                    titles.serialize(Topics.TITLE_EMBEDDINGS, e));
        }
        return sent;
    }

    /**
     * Publishes one publication's freshness as {@code freshness_p50_seconds}, {@code
     * freshness_p95_seconds} and {@code freshness_p99_seconds}, {@code examples} the vectors.
     */
    void publishFreshness(
            String modelName, EmbeddingFreshness.Summary freshness, long step, Instant now) {
        double[] values = {freshness.p50(), freshness.p95(), freshness.p99()};
        String[] names = {
            "freshness_p50_seconds", "freshness_p95_seconds", "freshness_p99_seconds"
        };
        for (int i = 0; i < values.length; i++) {
            TrainingMetric m =
                    metric(
                            modelName,
                            names[i],
                            values[i],
                            null,
                            null,
                            step,
                            freshness.vectors(),
                            now);
            if (guard.admit(NonFiniteGuard.METRIC, names[i] + "/" + modelName, m.getValue())) {
                send(
                        Topics.TRAINING_METRICS,
                        m.getName(),
                        metrics.serialize(Topics.TRAINING_METRICS, m));
            }
        }
    }

    void publishWeights(Map<String, Float> changed, long window, Instant now) {
        changed.forEach(
                (userId, weight) -> {
                    if (!guard.admit(NonFiniteGuard.USER_WEIGHT, userId, weight)) {
                        return;
                    }
                    UserWeight w =
                            UserWeight.newBuilder()
                                    .setUserId(userId)
                                    .setWeight(weight)
                                    .setWindow(window)
                                    .setUpdatedAt(now)
                                    .build();
                    send(Topics.USER_WEIGHTS, userId, weights.serialize(Topics.USER_WEIGHTS, w));
                });
    }

    /** Publishes the model's window metrics; {@code loss} NaN leaves the loss out. */
    void publishMetrics(
            String modelName, List<Summary> summaries, float loss, long step, Instant now) {
        List<TrainingMetric> out = new ArrayList<>();
        if (!Float.isNaN(loss)) {
            out.add(metric(modelName, "loss", loss, null, null, step, 0, now));
        }
        for (Summary s : summaries) {
            String territoryGroup =
                    s.group().startsWith("territoryGroup=") ? s.group().substring(15) : null;
            String activityGroup =
                    s.group().startsWith("activityGroup=") ? s.group().substring(14) : null;
            out.add(
                    metric(
                            modelName,
                            "auc",
                            s.auc(),
                            territoryGroup,
                            activityGroup,
                            step,
                            s.examples(),
                            now));
            out.add(
                    metric(
                            modelName,
                            "pr_auc",
                            s.averagePrecision(),
                            territoryGroup,
                            activityGroup,
                            step,
                            s.examples(),
                            now));
            out.add(
                    metric(
                            modelName,
                            "log_loss",
                            s.logLoss(),
                            territoryGroup,
                            activityGroup,
                            step,
                            s.examples(),
                            now));
        }
        for (TrainingMetric m : out) {
            // A window with one class has no AUC (NaN): withheld and counted like any non-finite
            // value.
            if (!guard.admit(
                    NonFiniteGuard.METRIC,
                    m.getName()
                            + "/"
                            + m.getModel()
                            + "/"
                            + m.getTerritoryGroup()
                            + "/"
                            + m.getActivityGroup(),
                    m.getValue())) {
                continue;
            }
            send(
                    Topics.TRAINING_METRICS,
                    m.getName(),
                    metrics.serialize(Topics.TRAINING_METRICS, m));
        }
    }

    /** Waits for every send; fails if any of them failed. */
    void flush() {
        producer.flush();
        rethrowSendFailure();
    }

    private void rethrowSendFailure() {
        TrainerException error = sendFailure.get();
        if (error != null) {
            throw error;
        }
    }

    private static TrainingMetric metric(
            String modelName,
            String name,
            double value,
            String territoryGroup,
            String activityGroup,
            long step,
            long examples,
            Instant now) {
        return TrainingMetric.newBuilder()
                .setName(name)
                .setValue(value)
                .setModel(modelName)
                .setTerritoryGroup(territoryGroup)
                .setActivityGroup(activityGroup)
                .setStep(step)
                .setExamples(examples)
                .setTimestamp(now)
                .build();
    }

    private void send(String topic, String key, byte[] value) {
        rethrowSendFailure();
        // The callback runs on the producer's I/O thread: keep the first failure for the trainer
        // thread.
        producer.send(
                new ProducerRecord<>(topic, key, value),
                (metadata, error) -> {
                    if (error != null) {
                        sendFailure.compareAndSet(
                                null,
                                new TrainerException(
                                        "could not publish to "
                                                + topic
                                                + " (key "
                                                + key
                                                + "): "
                                                + error.getMessage(),
                                        error));
                    }
                });
    }

    private static String activityName(int group) {
        return ActivityGroup.label(group);
    }

    private static List<Float> boxed(float[] vector) {
        List<Float> out = new ArrayList<>(vector.length);
        for (float f : vector) {
            out.add(f);
        }
        return out;
    }
}
