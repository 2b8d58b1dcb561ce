package glocal.stream.trainer;

import glocal.model.batch.ExampleBatch;
import glocal.model.metrics.GroupedBinaryMetrics.Summary;
import glocal.model.train.ModelSpec;
import glocal.model.train.OnlineTrainer;
import glocal.model.train.StepResult;
import glocal.model.weights.AdaptiveUserWeights;
import glocal.schemas.avro.TrainingBatch;
import glocal.stream.Topics;
import glocal.stream.examples.TrainingBatches;
import glocal.stream.serde.GlocalSerdes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the poll loop: owns the models, the input and the publisher. Each batch is scored,
 * then trained on by the primary model and every shadow; the loop publishes when due, runs the
 * pending inspections and checkpoints every {@code checkpointEvery} steps. Closing it writes a
 * final checkpoint and closes the clients and the models.
 */
final class TrainingSession implements AutoCloseable, ConsumerRebalanceListener {

    // The trainer's log lines keep the logger they always had.
    private static final Logger log = LoggerFactory.getLogger(TrainerService.class);

    private final TrainerSettings settings;
    private final OnlineTrainer trainer;
    private final ModelRun primary;
    private final List<ModelRun> shadowRuns = new ArrayList<>();
    private final AdaptiveUserWeights weights;
    private final TrainingInput input;
    private final TrainerPublisher publisher;
    private final TrainerCheckpoints checkpoints;
    private final TrainerMeters meters;
    private final EmbeddingFreshness freshness;
    private final BatchOwnership ownership;
    private final Inspections inspections;
    private final AtomicReference<TrainerStatus> status;
    private final BooleanSupplier running;
    private final BooleanSupplier failed;
    private final Deserializer<TrainingBatch> batches;
    private long checkpointStep;
    private long batchesThisRun;
    private long examplesThisRun;
    private float lastLoss = Float.NaN;
    private long lag = -1;
    private boolean dirty;

    /** In a group: the transactional producer and the user-row changelog; null otherwise. */
    private final Producer<String, byte[]> transactions;

    private final UserRowChangelog changelog;
    private final Duration commitInterval;
    private Instant lastCommit;

    /** Everything a session works with that outlives it: the service's parts. */
    record Parts(
            TrainerSettings settings,
            List<ModelSpec> shadows,
            GlocalSerdes serdes,
            Clock clock,
            TrainerCheckpoints checkpoints,
            TrainerMeters meters,
            EmbeddingFreshness freshness,
            BatchOwnership ownership,
            NonFiniteGuard guard,
            Inspections inspections,
            AtomicReference<TrainerStatus> status,
            BooleanSupplier running,
            BooleanSupplier failed) {}

    TrainingSession(
            Parts parts,
            TrainerCheckpoints.Restored restored,
            TrainingInput input,
            Producer<String, byte[]> producer,
            UserRowChangelog changelog) {
        this.settings = parts.settings();
        this.checkpoints = parts.checkpoints();
        this.meters = parts.meters();
        this.freshness = parts.freshness();
        this.ownership = parts.ownership();
        this.inspections = parts.inspections();
        this.status = parts.status();
        this.running = parts.running();
        this.failed = parts.failed();
        this.batches = parts.serdes().trainingBatch().deserializer();
        this.trainer = restored.trainer();
        // Compared with shadows, the primary also keeps the territory list: the reference both
        // models are read against (the demo's table).
        this.primary =
                new ModelRun(
                        trainer.spec().kind().id(),
                        trainer,
                        settings.validationWindow(),
                        !parts.shadows().isEmpty());
        Map<String, ModelRun> models = new LinkedHashMap<>();
        models.put(primary.name(), primary);
        for (ModelSpec spec : parts.shadows()) {
            ModelRun run =
                    new ModelRun(
                            spec.kind().id(),
                            OnlineTrainer.create(spec),
                            settings.validationWindow());
            shadowRuns.add(run);
            models.put(run.name(), run);
        }
        inspections.show(models);
        this.weights = restored.weights();
        this.input = input;
        this.publisher =
                new TrainerPublisher(
                        producer,
                        parts.serdes(),
                        parts.guard(),
                        settings,
                        parts.clock(),
                        primary,
                        shadowRuns,
                        weights,
                        freshness);
        this.checkpointStep =
                restored.offsets().isEmpty() && !checkpoints.any() ? -1 : trainer.version();
        this.changelog = changelog;
        this.transactions = changelog == null ? null : producer;
        Duration thirdOfSession = settings.group().sessionTimeout().dividedBy(3);
        this.commitInterval =
                settings.publishInterval().compareTo(thirdOfSession) < 0
                        ? settings.publishInterval()
                        : thirdOfSession;
        this.lastCommit = parts.clock().instant();
        this.clock = parts.clock();
        if (transactions != null) {
            transactions.initTransactions();
            transactions.beginTransaction();
        }
    }

    private final Clock clock;

    void run() {
        if (changelog != null) {
            input.subscribe(this);
        } else {
            input.assignAndSeek();
        }
        while (running.getAsBoolean()) {
            ConsumerRecords<String, byte[]> records = input.poll();
            for (ConsumerRecord<String, byte[]> record : records) {
                train(record);
            }
            lag = input.totalLag();
            meters.lag.set((double) lag);
            publisher.maybePublish(false, lastLoss);
            inspections.runPending();
            if (changelog != null) {
                if (dirty && commitDue()) {
                    commit();
                }
            } else if (trainer.version() - Math.max(checkpointStep, 0) >= settings.checkpointEvery()
                    && dirty) {
                checkpoint();
            }
            updateStatus();
        }
    }

    private void train(ConsumerRecord<String, byte[]> record) {
        TrainingBatch wire = batches.deserialize(record.topic(), record.value());
        if (!ownership.trains(
                wire,
                new TopicPartition(record.topic(), record.partition()) + "@" + record.offset())) {
            input.consumed(record); // another application's batch: passed over, never stalls
            dirty = true;
            return;
        }
        ExampleBatch batch = admitWeights(TrainingBatches.toExampleBatch(wire));
        long started = System.nanoTime();
        StepResult result = primary.step(batch);
        meters.step.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        for (ModelRun shadow : shadowRuns) {
            shadow.step(batch);
        }
        if (result.applied()) {
            freshness.trained(batch);
            weights.record(batch.userIds(), result.exampleLosses(), batch.size());
            weights.onStep(result.version());
            meters.weightedUsers.set((double) weights.weightedInLastWindow());
            lastLoss = result.loss();
            meters.loss.set((double) lastLoss);
        } else {
            meters.rejected.increment();
            log.warn(
                    "batch {} (partition {}, offset {}) not applied: {}; the model stays as before it and training"
                            + " goes on",
                    batch.batchId(),
                    record.partition(),
                    record.offset(),
                    result.rejection());
        }
        input.consumed(record);
        if (changelog != null) {
            changelog.trained(record.partition(), batch.userIds());
        }
        batchesThisRun++;
        examplesThisRun += batch.size();
        meters.batches.increment();
        meters.examples.increment(batch.size());
        dirty = true;
        if (publisher.stepsDue()) {
            publisher.maybePublish(true, lastLoss);
        }
    }

    /**
     * The batch with every weight the adaptive weights could not have produced (NaN, infinite,
     * outside the clip: a stream side reading a poisoned {@code user-weights} topic) trained as 1.
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
                meters.weightsReplaced.increment();
            }
        }
        return admitted == null ? batch : batch.withWeights(admitted);
    }

    private void checkpoint() {
        input.commitForMonitoring();
        if (!checkpoints.enabled()) {
            dirty = false;
            return;
        }
        // Publish first: a checkpoint then never claims steps whose embeddings were not sent.
        publisher.maybePublish(true, lastLoss);
        checkpoints.save(trainer, weights, input.nextOffsets());
        checkpointStep = trainer.version();
        dirty = false;
    }

    private boolean commitDue() {
        return trainer.version() - Math.max(checkpointStep, 0) >= settings.checkpointEvery()
                || Duration.between(lastCommit, clock.instant()).compareTo(commitInterval) >= 0;
    }

    /**
     * In a group: publishes, writes the users trained since the last commit to the changelog and
     * commits both with the consumed offsets in one transaction, then opens the next.
     */
    private void commit() {
        publisher.maybePublish(true, lastLoss);
        changelog.writeTouched(trainer, weights);
        Map<TopicPartition, OffsetAndMetadata> offsets = input.offsetsToCommit();
        if (!offsets.isEmpty()) {
            transactions.sendOffsetsToTransaction(offsets, input.groupMetadata());
        }
        transactions.commitTransaction();
        transactions.beginTransaction();
        checkpointStep = trainer.version();
        lastCommit = clock.instant();
        dirty = false;
    }

    /** In a group: drops the open transaction (its batches count as never trained). */
    private void abort() {
        try {
            transactions.abortTransaction();
            transactions.beginTransaction();
        } catch (RuntimeException e) {
            log.warn("could not abort the trainer's transaction: {}", e.getMessage());
        }
        changelog.discardTouched();
        dirty = false;
    }

    /** The partitions moved away: their users' rows, weights and offsets go. */
    private void release(Collection<TopicPartition> partitions) {
        int users = 0;
        for (TopicPartition tp : partitions) {
            Set<String> gone = changelog.release(tp.partition());
            trainer.dropUsers(gone);
            weights.drop(gone);
            input.forget(tp);
            users += gone.size();
        }
        log.info(
                "trainer let go of {} partition(s) of {} and the rows of {} user(s): {}",
                partitions.size(),
                Topics.TRAINING_BATCHES,
                users,
                partitionNumbers(partitions));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        if (failed.getAsBoolean()) {
            abort();
        } else if (dirty) {
            commit(); // what was trained on them commits before another trainer takes them
        }
        release(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        // Another trainer may own them already: nothing trained since the last commit may commit.
        log.warn(
                "trainer lost partition(s) {} of {} (its group session expired): aborting what it trained since"
                        + " its last commit",
                partitionNumbers(partitions),
                Topics.TRAINING_BATCHES);
        abort();
        release(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        if (dirty) {
            // A long restore must not outlast the open transaction's timeout.
            commit();
        }
        long started = System.nanoTime();
        input.resumeAssigned(partitions);
        int restored = 0;
        for (TopicPartition tp : partitions) {
            restored += changelog.restore(tp.partition(), trainer, weights);
        }
        log.info(
                "trainer took over partition(s) {} of {}: restored {} user row(s) from {} in {} ms",
                partitionNumbers(partitions),
                Topics.TRAINING_BATCHES,
                restored,
                Topics.TRAINER_USER_ROWS,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static List<Integer> partitionNumbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).sorted().toList();
    }

    private void updateStatus() {
        status.set(
                new TrainerStatus(
                        trainer.version(),
                        batchesThisRun,
                        examplesThisRun,
                        lastLoss,
                        lag,
                        prAuc(primary.lastSummaries()),
                        checkpointStep,
                        checkpoints.ageMillis()));
    }

    private static Map<String, Double> prAuc(List<Summary> summaries) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Summary s : summaries) {
            out.put(s.group(), s.averagePrecision());
        }
        return out;
    }

    @Override
    public void close() {
        try {
            if (dirty && !failed.getAsBoolean()) {
                if (changelog != null) {
                    commit();
                } else {
                    checkpoint();
                }
            }
            updateStatus();
        } finally {
            inspections.hide();
            inspections.runPending();
            input.close(); // in a group: the revocation lets the partitions go
            if (changelog != null) {
                changelog.close();
            }
            publisher.close();
            trainer.close();
            shadowRuns.forEach(ModelRun::close);
        }
    }
}
