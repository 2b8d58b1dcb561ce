package glocal.stream.trainer;

import glocal.model.batch.ExampleBatch;
import glocal.model.metrics.GroupedBinaryMetrics.Summary;
import glocal.model.train.Checkpoint;
import glocal.model.train.ModelSpec;
import glocal.model.train.OnlineTrainer;
import glocal.model.train.StepResult;
import glocal.model.weights.AdaptiveUserWeights;
import glocal.schemas.avro.TrainingBatch;
import glocal.stream.Topics;
import glocal.stream.examples.TrainingBatches;
import glocal.stream.serde.GlocalSerdes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
 */
public final class TrainerService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrainerService.class);
    private static final String OFFSET_KEY = "offset." + Topics.TRAINING_BATCHES + ".";
    static final String REJECTED_BATCHES = "glocal.trainer.batches.rejected";
    static final String WEIGHTS_REPLACED = "glocal.trainer.weights.replaced";

    private final TrainerSettings settings;
    private final List<ModelSpec> shadows;
    private final Map<String, Object> kafka;
    private final GlocalSerdes serdes;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<TrainerStatus> status =
            new AtomicReference<>(new TrainerStatus(0, 0, 0, Float.NaN, -1, Map.of(), -1, -1));
    private final ConcurrentLinkedQueue<Runnable> inspections = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Map<String, ModelRun>> currentModels =
            new AtomicReference<>(Map.of());
    private final Counter batchesCounter;
    private final Counter examplesCounter;
    private final BatchOwnership ownership;
    private final Counter rejectedCounter;
    private final Counter weightsReplacedCounter;
    private final NonFiniteGuard guard;
    private final Timer stepTimer;
    private final AtomicReference<Double> lossGauge = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> lagGauge = new AtomicReference<>(0.0);
    private final AtomicReference<Double> weightedUsersGauge = new AtomicReference<>(0.0);
    private volatile Instant checkpointAt;
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
     *     never published and they are not checkpointed (after a restart they start over)
     */
    public TrainerService(
            TrainerSettings settings,
            List<ModelSpec> shadows,
            Map<String, Object> kafka,
            GlocalSerdes serdes,
            MeterRegistry meters,
            Clock clock) {
        this.settings = settings;
        this.shadows = List.copyOf(shadows);
        this.kafka = Map.copyOf(kafka);
        this.serdes = serdes;
        this.clock = clock;
        this.batchesCounter = Counter.builder("glocal.trainer.batches").register(meters);
        this.examplesCounter = Counter.builder("glocal.trainer.examples").register(meters);
        this.ownership = new BatchOwnership(settings.applicationId(), meters);
        this.rejectedCounter =
                Counter.builder(REJECTED_BATCHES)
                        .description(
                                "batches not applied because their loss or a gradient was not finite")
                        .register(meters);
        this.weightsReplacedCounter =
                Counter.builder(WEIGHTS_REPLACED)
                        .description(
                                "batch weights trained as 1 because they were not finite or outside the clip")
                        .register(meters);
        this.guard = new NonFiniteGuard(meters);
        this.stepTimer =
                Timer.builder("glocal.trainer.step")
                        .publishPercentiles(0.5, 0.95, 0.99)
                        .register(meters);
        meters.gauge("glocal.trainer.loss", lossGauge, AtomicReference::get);
        meters.gauge("glocal.trainer.lag.batches", lagGauge, AtomicReference::get);
        meters.gauge(
                "glocal.trainer.weights.weighted.users", weightedUsersGauge, AtomicReference::get);
        meters.gauge(
                "glocal.trainer.checkpoint.age.seconds",
                this,
                s ->
                        s.checkpointAt == null
                                ? Double.NaN
                                : Duration.between(s.checkpointAt, clock.instant()).toMillis()
                                        / 1000.0);
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
        CompletableFuture<R> result = new CompletableFuture<>();
        inspections.add(
                () -> {
                    try {
                        result.complete(task.apply(currentModels.get()));
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                });
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
        try (Session session = openSession()) {
            session.run();
        } catch (StoppedWhileWaiting e) {
            log.info("trainer stopped before {} existed", Topics.TRAINING_BATCHES);
        } catch (Throwable e) {
            log.error("trainer failed: {}", e.getMessage(), e);
            failure.set(e);
        } finally {
            stopped.countDown();
        }
    }

    private Session openSession() throws IOException {
        Restore restore = restore();
        Map<String, Object> consumerProps = new HashMap<>(kafka);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Object> producerProps = new HashMap<>(kafka);
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        // No compression: float vectors barely compress, and consumers in other languages must not
        // need
        // a codec plugin (KafkaJS, for one, cannot read LZ4 or Snappy without one).
        producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(
                        consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(
                        producerProps, new StringSerializer(), new ByteArraySerializer());
        return new Session(restore, c, producer);
    }

    /** close() was called while the trainer still waited for its input topic. */
    private static final class StoppedWhileWaiting extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppedWhileWaiting() {
            super(null, null, false, false);
        }
    }

    private record Restore(
            OnlineTrainer trainer,
            AdaptiveUserWeights weights,
            Map<TopicPartition, Long> offsets) {}

    private Restore restore() throws IOException {
        var file = settings.checkpointFile();
        if (file != null) {
            // A kill during a checkpoint leaves its temporary behind (tens of MB each time).
            Checkpoint.removeStaleTemporaries(file)
                    .forEach(stale -> log.info("removed stale checkpoint temporary {}", stale));
        }
        if (file != null && Files.exists(file)) {
            Checkpoint.Restored r = Checkpoint.restore(file, OnlineTrainer.preferredDevice());
            Map<TopicPartition, Long> offsets = new HashMap<>();
            r.metadata()
                    .forEach(
                            (k, v) -> {
                                if (k.startsWith(OFFSET_KEY)) {
                                    offsets.put(
                                            new TopicPartition(
                                                    Topics.TRAINING_BATCHES,
                                                    Integer.parseInt(
                                                            k.substring(OFFSET_KEY.length()))),
                                            Long.parseLong(v));
                                }
                            });
            AdaptiveUserWeights weights =
                    r.weights() != null ? r.weights() : new AdaptiveUserWeights(settings.weights());
            checkpointAt = clock.instant();
            log.info(
                    "trainer restored from {} at step {} with offsets {}",
                    file,
                    r.trainer().version(),
                    offsets);
            if (r.repairedRows() > 0 || weights.repairedOnRead() > 0) {
                log.warn(
                        "the checkpoint held non-finite values: {} embedding rows and {} adaptive-weight states started"
                                + " over; their repaired values are published at the next publication",
                        r.repairedRows(),
                        weights.repairedOnRead());
            }
            return new Restore(r.trainer(), weights, offsets);
        }
        return new Restore(
                OnlineTrainer.create(settings.spec()),
                new AdaptiveUserWeights(settings.weights()),
                Map.of());
    }

    /** One run of the loop: owns the model, the clients and the bookkeeping of consumed offsets. */
    private final class Session implements AutoCloseable {
        private final OnlineTrainer trainer;
        private final ModelRun primary;
        private final List<ModelRun> shadowRuns = new ArrayList<>();
        private final AdaptiveUserWeights weights;
        private final KafkaConsumer<String, byte[]> consumer;
        private final KafkaProducer<String, byte[]> producer;
        private final TrainerOutputs outputs;
        private final Deserializer<TrainingBatch> batches = serdes.trainingBatch().deserializer();
        private final Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();
        private long checkpointStep;
        private long lastPublishStep;
        private Instant lastPublish;
        private long batchesThisRun;
        private long examplesThisRun;
        private float lastLoss = Float.NaN;
        private long lag = -1;
        private boolean dirty;

        Session(
                Restore restore,
                KafkaConsumer<String, byte[]> consumer,
                KafkaProducer<String, byte[]> producer) {
            this.trainer = restore.trainer();
            this.primary =
                    new ModelRun(trainer.spec().kind().id(), trainer, settings.validationWindow());
            Map<String, ModelRun> models = new LinkedHashMap<>();
            models.put(primary.name(), primary);
            for (ModelSpec spec : shadows) {
                ModelRun run =
                        new ModelRun(
                                spec.kind().id(),
                                OnlineTrainer.create(spec),
                                settings.validationWindow());
                shadowRuns.add(run);
                models.put(run.name(), run);
            }
            currentModels.set(Collections.unmodifiableMap(models));
            this.weights = restore.weights();
            this.consumer = consumer;
            this.producer = producer;
            this.outputs = new TrainerOutputs(producer, serdes, guard);
            this.nextOffsets.putAll(restore.offsets());
            this.checkpointStep =
                    restore.offsets().isEmpty() && checkpointAt == null ? -1 : trainer.version();
            this.lastPublishStep = trainer.version();
            this.lastPublish = clock.instant();
        }

        void run() {
            assignAndSeek();
            while (running.get()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> record : records) {
                    train(record);
                }
                lag = totalLag();
                lagGauge.set((double) lag);
                maybePublish(false);
                runInspections();
                if (trainer.version() - Math.max(checkpointStep, 0) >= settings.checkpointEvery()
                        && dirty) {
                    checkpoint();
                }
                updateStatus();
            }
        }

        private void assignAndSeek() {
            List<PartitionInfo> infos = waitForTopic();
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : infos) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(partitions);
            for (TopicPartition tp : partitions) {
                Long next = nextOffsets.get(tp);
                if (next != null) {
                    consumer.seek(tp, next);
                } else {
                    consumer.seekToBeginning(List.of(tp));
                }
            }
        }

        private List<PartitionInfo> waitForTopic() {
            while (running.get()) {
                try {
                    List<PartitionInfo> infos =
                            consumer.partitionsFor(Topics.TRAINING_BATCHES, Duration.ofSeconds(5));
                    if (infos != null && !infos.isEmpty()) {
                        return infos;
                    }
                    log.info("waiting for topic {} to exist", Topics.TRAINING_BATCHES);
                } catch (TimeoutException slowMetadata) {
                    // A busy or just-started broker: the metadata request timed out; ask again.
                    log.info(
                            "no metadata for {} yet ({}); asking again",
                            Topics.TRAINING_BATCHES,
                            slowMetadata.getMessage());
                }
            }
            throw new StoppedWhileWaiting();
        }

        private void train(ConsumerRecord<String, byte[]> record) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            TrainingBatch wire = batches.deserialize(record.topic(), record.value());
            if (!ownership.trains(wire, tp + "@" + record.offset())) {
                nextOffsets.put(
                        tp,
                        record.offset()
                                + 1); // another application's batch: passed over, never stalls
                dirty = true;
                return;
            }
            ExampleBatch batch = admitWeights(TrainingBatches.toExampleBatch(wire));
            long started = System.nanoTime();
            StepResult result = primary.step(batch);
            stepTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            for (ModelRun shadow : shadowRuns) {
                shadow.step(batch);
            }
            if (result.applied()) {
                weights.record(batch.userIds(), result.exampleLosses(), batch.size());
                weights.onStep(result.version());
                weightedUsersGauge.set((double) weights.weightedInLastWindow());
                lastLoss = result.loss();
                lossGauge.set((double) lastLoss);
            } else {
                rejectedCounter.increment();
                log.warn(
                        "batch {} (partition {}, offset {}) not applied: {}; the model stays as before it and training"
                                + " goes on",
                        batch.batchId(),
                        record.partition(),
                        record.offset(),
                        result.rejection());
            }
            nextOffsets.put(tp, record.offset() + 1);
            batchesThisRun++;
            examplesThisRun += batch.size();
            batchesCounter.increment();
            examplesCounter.increment(batch.size());
            dirty = true;
            if (trainer.version() - lastPublishStep >= settings.publishEvery()) {
                maybePublish(true);
            }
        }

        /**
         * The batch with every weight the adaptive weights could not have produced (NaN, infinite,
         * outside the clip: a stream side reading a poisoned {@code user-weights} topic) trained as
         * 1.
         */
        private ExampleBatch admitWeights(ExampleBatch batch) {
            float[] w = batch.weights();
            float[] admitted = null;
            for (int i = 0; i < batch.size(); i++) {
                if (!weights.config().admits(w[i])) {
                    if (admitted == null) {
                        admitted = w.clone();
                    }
                    admitted[i] = 1f;
                    weightsReplacedCounter.increment();
                }
            }
            return admitted == null ? batch : batch.withWeights(admitted);
        }

        private void maybePublish(boolean force) {
            Instant now = clock.instant();
            boolean due =
                    force
                            || Duration.between(lastPublish, now)
                                            .compareTo(settings.publishInterval())
                                    >= 0;
            if (!due || trainer.version() == lastPublishStep) {
                return;
            }
            outputs.publishChangedEmbeddings(trainer, now);
            outputs.publishWeights(weights.drainChanged(), weights.windowsClosed(), now);
            outputs.publishMetrics(
                    primary.name(), primary.refreshSummaries(), lastLoss, trainer.version(), now);
            for (ModelRun shadow : shadowRuns) {
                outputs.publishMetrics(
                        shadow.name(),
                        shadow.refreshSummaries(),
                        Float.NaN,
                        trainer.version(),
                        now);
            }
            outputs.flush();
            lastPublishStep = trainer.version();
            lastPublish = now;
        }

        private void checkpoint() {
            var file = settings.checkpointFile();
            commitForMonitoring();
            if (file == null) {
                dirty = false;
                return;
            }
            // Publish first: a checkpoint then never claims steps whose embeddings were not sent.
            maybePublish(true);
            Map<String, String> meta = new LinkedHashMap<>();
            nextOffsets.forEach(
                    (tp, next) -> meta.put(OFFSET_KEY + tp.partition(), Long.toString(next)));
            try {
                Checkpoint.save(trainer, weights, meta, file);
            } catch (IOException e) {
                throw new TrainerException(
                        "could not write checkpoint "
                                + file
                                + ": "
                                + e.getMessage()
                                + " (is the checkpoint directory writable and is there disk space?)",
                        e);
            }
            checkpointStep = trainer.version();
            checkpointAt = clock.instant();
            dirty = false;
        }

        private void commitForMonitoring() {
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            nextOffsets.forEach((tp, next) -> commit.put(tp, new OffsetAndMetadata(next)));
            if (!commit.isEmpty()) {
                consumer.commitSync(commit);
            }
        }

        private long totalLag() {
            long total = 0;
            for (TopicPartition tp : consumer.assignment()) {
                var l = consumer.currentLag(tp);
                if (l.isPresent()) {
                    total += l.getAsLong();
                }
            }
            return total;
        }

        private void updateStatus() {
            long age =
                    checkpointAt == null
                            ? -1
                            : Duration.between(checkpointAt, clock.instant()).toMillis();
            status.set(
                    new TrainerStatus(
                            trainer.version(),
                            batchesThisRun,
                            examplesThisRun,
                            lastLoss,
                            lag,
                            prAuc(primary.lastSummaries()),
                            checkpointStep,
                            age));
        }

        private Map<String, Double> prAuc(List<Summary> summaries) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (Summary s : summaries) {
                out.put(s.group(), s.averagePrecision());
            }
            return out;
        }

        private void runInspections() {
            Runnable task;
            while ((task = inspections.poll()) != null) {
                task.run();
            }
        }

        @Override
        public void close() {
            try {
                if (dirty && failure.get() == null) {
                    checkpoint();
                }
                updateStatus();
            } finally {
                currentModels.set(Map.of());
                runInspections();
                consumer.close();
                producer.close(Duration.ofSeconds(10));
                trainer.close();
                shadowRuns.forEach(ModelRun::close);
            }
        }
    }
}
