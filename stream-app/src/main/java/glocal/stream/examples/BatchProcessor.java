package glocal.stream.examples;

import glocal.model.labelling.Example;
import glocal.schemas.avro.TrainingBatch;
import glocal.stream.GlocalMetrics;
import glocal.stream.state.TaskLocal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Groups examples into {@link TrainingBatch}es of B examples, or fewer once the oldest buffered
 * example has waited T ms of wall-clock time, or when the territory grouping version changes (a
 * batch refers to one grouping). The buffer lives in memory and is written to the changelogged
 * {@value #BUFFER_STORE} once per commit (one entry holding what is buffered, when it changed), so
 * a crash under exactly-once loses no example and a view costs no store write of its own; batch ids
 * {@code <subtopology>-<partition>-<seq>} use a sequence kept in {@value #SEQUENCE_STORE}, so a
 * replay produces the same ids. Each batch carries the application id, for the trainer.
 */
public final class BatchProcessor
        implements Processor<String, List<Example>, String, TrainingBatch> {

    public static final String BUFFER_STORE = "batch-buffer";
    public static final String SEQUENCE_STORE = "batch-sequence";
    private static final String SEQUENCE_KEY = "next";

    /** The buffer's key in {@value #BUFFER_STORE}. */
    private static final int BUFFER_KEY = 0;

    private final int batchSize;
    private final long lingerMs;
    private final GlocalMetrics metrics;
    private final List<Example> buffer = new ArrayList<>();
    private ProcessorContext<String, TrainingBatch> context;
    private KeyValueStore<Integer, List<Example>> bufferStore;
    private KeyValueStore<String, Long> sequenceStore;

    /**
     * Keys of the buffer store other than {@link #BUFFER_KEY} (written by an earlier release),
     * deleted at the next commit.
     */
    private final List<Integer> staleKeys = new ArrayList<>();

    private boolean bufferChanged;
    private long nextSequence;
    private boolean sequenceChanged;
    private long firstBufferedWallMs;
    private String idPrefix;

    public BatchProcessor(int batchSize, long lingerMs, GlocalMetrics metrics) {
        this.batchSize = batchSize;
        this.lingerMs = lingerMs;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, TrainingBatch> context) {
        this.context = context;
        this.bufferStore = context.getStateStore(BUFFER_STORE);
        this.sequenceStore = context.getStateStore(SEQUENCE_STORE);
        this.idPrefix = BatchIds.prefix(context.taskId());
        // init runs after restoration (and again when a task is revived): start from the stores.
        buffer.clear();
        staleKeys.clear();
        try (KeyValueIterator<Integer, List<Example>> it = bufferStore.all()) {
            List<KeyValue<Integer, List<Example>>> restored = new ArrayList<>();
            it.forEachRemaining(restored::add);
            restored.sort(java.util.Comparator.comparingInt(kv -> kv.key));
            for (KeyValue<Integer, List<Example>> kv : restored) {
                buffer.addAll(kv.value);
                if (kv.key != BUFFER_KEY) {
                    staleKeys.add(kv.key);
                }
            }
        }
        bufferChanged = !staleKeys.isEmpty();
        Long seq = sequenceStore.get(SEQUENCE_KEY);
        nextSequence = seq == null ? 0 : seq;
        sequenceChanged = false;
        firstBufferedWallMs = context.currentSystemTimeMs();
        TaskLocal local = context.getStateStore(TaskLocal.STORE);
        local.beforeCommit(this::writeState);
        context.schedule(
                Duration.ofMillis(Math.max(1, Math.min(lingerMs, 1000) / 4)),
                PunctuationType.WALL_CLOCK_TIME,
                this::flushIfLingered);
    }

    @Override
    public void process(Record<String, List<Example>> record) {
        List<Example> group = record.value();
        if (!buffer.isEmpty()
                && buffer.get(0).groupingVersion() != group.get(0).groupingVersion()) {
            flushAll();
        }
        if (buffer.isEmpty()) {
            firstBufferedWallMs = context.currentSystemTimeMs();
        }
        buffer.addAll(group);
        bufferChanged = true;
        if (buffer.size() < batchSize) {
            return;
        }
        // The group completes a batch; what does not fit starts the next buffer.
        while (buffer.size() >= batchSize) {
            List<Example> next = new ArrayList<>(buffer.subList(0, batchSize));
            buffer.subList(0, batchSize).clear();
            emit(next);
        }
        if (!buffer.isEmpty()) {
            firstBufferedWallMs = context.currentSystemTimeMs();
        }
    }

    private void flushIfLingered(long wallMs) {
        if (!buffer.isEmpty() && wallMs - firstBufferedWallMs >= lingerMs) {
            flushAll();
        }
    }

    private void flushAll() {
        List<Example> all = new ArrayList<>(buffer);
        buffer.clear();
        bufferChanged = true;
        emit(all);
    }

    private void emit(List<Example> examples) {
        String id = idPrefix + nextSequence;
        nextSequence++;
        sequenceChanged = true;
        long now = context.currentSystemTimeMs();
        // The application id lets a trainer tell its own batches from another application's on the
        // same topic.
        TrainingBatch batch = BatchAssembler.assemble(id, examples, now, context.applicationId());
        long lastEventTime = examples.get(examples.size() - 1).eventTime();
        metrics.batch();
        context.forward(new Record<>(id, batch, lastEventTime));
    }

    /**
     * Before each commit: the buffer as one entry (or none when empty) and the next sequence
     * number.
     */
    private void writeState() {
        if (bufferChanged) {
            for (int key : staleKeys) {
                bufferStore.put(key, null);
            }
            staleKeys.clear();
            bufferStore.put(BUFFER_KEY, buffer.isEmpty() ? null : new ArrayList<>(buffer));
            bufferChanged = false;
        }
        if (sequenceChanged) {
            sequenceStore.put(SEQUENCE_KEY, nextSequence);
            sequenceChanged = false;
        }
    }
}
