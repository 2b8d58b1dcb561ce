package glocal.stream.trainer;

import glocal.model.train.ModelSpec;
import glocal.model.train.OnlineTrainer;
import glocal.model.weights.AdaptiveUserWeights;
import glocal.stream.Topics;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.serde.GlocalSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online trainer on Kafka: the single consumer of {@code training-batches} (read_committed).
 * Each batch is scored before it is trained on (progressive validation), then trained; changed
 * embeddings, adaptive user weights and metrics are published every few steps.
 *
 * <p>Exactly-once training: every {@code checkpointEvery} steps the model, its optimizer state, id
 * maps, adaptive-weight state and the next offset of every partition are written atomically in one
 * checkpoint. On start the trainer restores it and seeks to those offsets, so after a crash the
 * batches trained since the last checkpoint are trained again on the restored model: none is lost,
 * and none is trained twice in the model's lineage. Committed group offsets are for lag monitoring
 * only. Backpressure: at most {@code maxPollRecords} batches are fetched at a time; the rest wait
 * in Kafka and show up as lag.
 *
 * <p>With {@code glocal.trainer.group.enabled} (experimental) trainers share the partitions in one
 * consumer group instead: each owns the user rows of its partitions, which move with a partition
 * through the {@code trainer-user-rows} changelog ({@link UserRowChangelog}); outputs, changed user
 * rows and consumed offsets commit in one transaction, and no checkpoint file is kept (title rows
 * and the dense model are each process's own until model averaging exists).
 *
 * <p>This class is the lifecycle (start, status, inspect, close); the roles are its parts: {@link
 * TrainingSession} (the poll loop and the training step), {@link TrainingInput} (partitions and
 * offsets), {@link TrainerCheckpoints} (the checkpoint file), {@link TrainerPublisher} (when to
 * publish) with {@link TrainerOutputs} (what is published), {@link TrainerMeters} and {@link
 * Inspections}.
 */
public final class TrainerService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrainerService.class);
    static final String REJECTED_BATCHES = TrainerMeters.REJECTED_BATCHES;
    static final String WEIGHTS_REPLACED = TrainerMeters.WEIGHTS_REPLACED;

    private final TrainerSettings settings;
    private final Map<String, Object> kafka;
    private final AtomicBoolean running = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<TrainerStatus> status =
            new AtomicReference<>(new TrainerStatus(0, 0, 0, Float.NaN, -1, Map.of(), -1, -1));
    private final Inspections inspections = new Inspections();
    private final TrainerCheckpoints checkpoints;
    private final TrainingSession.Parts parts;
    private Thread thread;

    /**
     * @param kafka client properties shared by the consumer and the producer (at least
     *     bootstrap.servers)
     */
    public TrainerService(
            TrainerSettings settings,
            Map<String, Object> kafka,
            GlocalSerdes serdes,
            MeterRegistry meters,
            Clock clock) {
        this(settings, List.of(), kafka, serdes, meters, clock);
    }

    /**
     * @param shadows models trained on the same batches for comparison only: their progressive
     *     validation is published to training-metrics under their own model name, their vectors are
     *     never published and they are not checkpointed (after a restart they start over); with
     *     shadows, the primary run also keeps the territory list reference ({@link
     *     ModelRun#territoryList}), neither published nor checkpointed either
     */
    public TrainerService(
            TrainerSettings settings,
            List<ModelSpec> shadows,
            Map<String, Object> kafka,
            GlocalSerdes serdes,
            MeterRegistry meters,
            Clock clock) {
        this.settings = settings;
        this.kafka = Map.copyOf(kafka);
        this.checkpoints = new TrainerCheckpoints(settings, clock);
        TrainerMeters trainerMeters = new TrainerMeters(meters);
        BatchOwnership ownership = new BatchOwnership(settings.applicationId(), meters);
        NonFiniteGuard guard = new NonFiniteGuard(meters);
        TrainerMeters.checkpointAge(meters, checkpoints);
        this.parts =
                new TrainingSession.Parts(
                        settings,
                        List.copyOf(shadows),
                        serdes,
                        clock,
                        checkpoints,
                        trainerMeters,
                        new EmbeddingFreshness(meters),
                        ownership,
                        guard,
                        inspections,
                        status,
                        running::get,
                        () -> failure.get() != null);
    }

    /** Starts the training loop on its own thread. */
    public void start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("trainer already started");
        }
        thread = new Thread(this::runLoop, "glocal-trainer");
        thread.start();
    }

    public TrainerStatus status() {
        Throwable error = failure.get();
        if (error != null) {
            throw new TrainerException(
                    "the trainer stopped with an error: " + error.getMessage(), error);
        }
        return status.get();
    }

    /**
     * Runs {@code task} on the trainer thread between two batches, with every model by name (the
     * primary first), so callers can read the models (top-K, vectors) without racing the training.
     */
    public <R> CompletableFuture<R> inspect(Function<Map<String, ModelRun>, R> task) {
        CompletableFuture<R> result = inspections.submit(task);
        if (!isRunning()) {
            result.completeExceptionally(new IllegalStateException("the trainer is not running"));
        }
        return result;
    }

    /** True while the loop runs; false after close or after a failure (see {@link #status()}). */
    public boolean isRunning() {
        return running.get() && stopped.getCount() > 0;
    }

    /** Stops the loop, writes a final checkpoint and closes the clients. */
    @Override
    public void close() {
        if (!running.getAndSet(false)) {
            return;
        }
        // No consumer.wakeup(): the loop polls with a short timeout and sees the flag, so the final
        // checkpoint's offset commit is never interrupted.
        try {
            if (!stopped.await(60, TimeUnit.SECONDS)) {
                log.warn("trainer did not stop within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runLoop() {
        try (TrainingSession session = openSession()) {
            session.run();
        } catch (TrainingInput.StoppedWhileWaiting e) {
            log.info("trainer stopped before {} existed", Topics.TRAINING_BATCHES);
        } catch (Throwable e) {
            log.error("trainer failed: {}", e.getMessage(), e);
            failure.set(e);
        } finally {
            stopped.countDown();
        }
    }

    private TrainingSession openSession() throws IOException {
        if (settings.group().enabled()) {
            return openGroupSession();
        }
        TrainerCheckpoints.Restored restored = checkpoints.restore();
        KafkaConsumer<String, byte[]> consumer = TrainerClients.consumer(kafka, settings);
        KafkaProducer<String, byte[]> producer = TrainerClients.producer(kafka);
        return new TrainingSession(
                parts,
                restored,
                new TrainingInput(
                        consumer,
                        restored.offsets(),
                        settings.replayFrom(),
                        parts.clock(),
                        running::get),
                producer,
                null);
    }

    /**
     * A trainer in the group ({@code glocal.trainer.group.enabled}, experimental): the group hands
     * out the partitions, user rows come from the changelog, and the model's title rows and dense
     * part start new in every process (no checkpoint file) until model averaging lands.
     */
    private TrainingSession openGroupSession() {
        log.info(
                "trainer joins group {} (experimental): partitions from the group, user rows from {}; title rows and"
                        + " the dense model are this process's own and start new, {} is not used",
                settings.groupId(),
                Topics.TRAINER_USER_ROWS,
                GlocalStreamsConfig.TRAINER_CHECKPOINT_DIR_CONFIG);
        KafkaConsumer<String, byte[]> consumer = TrainerClients.groupConsumer(kafka, settings);
        KafkaProducer<String, byte[]> producer =
                TrainerClients.transactionalProducer(kafka, settings);
        UserRowChangelog changelog =
                new UserRowChangelog(
                        producer,
                        TrainerClients.restoreConsumer(kafka),
                        running::get,
                        settings.applicationId());
        return new TrainingSession(
                parts,
                new TrainerCheckpoints.Restored(
                        OnlineTrainer.create(settings.spec()),
                        new AdaptiveUserWeights(settings.weights()),
                        Map.of()),
                new TrainingInput(
                        consumer, Map.of(), settings.replayFrom(), parts.clock(), running::get),
                producer,
                changelog);
    }
}
