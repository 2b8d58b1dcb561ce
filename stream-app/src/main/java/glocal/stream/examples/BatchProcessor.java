package glocal.stream.examples;

import glocal.schemas.avro.TrainingBatch;
import glocal.stream.GlocalMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Groups examples into {@link TrainingBatch}es of B examples, or fewer once the oldest buffered
 * example has waited T ms of wall-clock time, or when the territory grouping version changes (a
 * batch refers to one grouping). The buffer is mirrored in the changelogged {@value #BUFFER_STORE}
 * so a crash under exactly-once loses no example; batch ids {@code <subtopology>-<partition>-<seq>}
 * use a sequence kept in {@value #SEQUENCE_STORE}, so a replay produces the same ids.
 */
public final class BatchProcessor implements Processor<String, List<Example>, String, TrainingBatch> {

  public static final String BUFFER_STORE = "batch-buffer";
  public static final String SEQUENCE_STORE = "batch-sequence";
  private static final String SEQUENCE_KEY = "next";

  private final int batchSize;
  private final long lingerMs;
  private final GlocalMetrics metrics;
  private final List<Example> buffer = new ArrayList<>();
  /** Entries of the buffer store: one per forwarded group of examples. */
  private int storedEntries;
  private ProcessorContext<String, TrainingBatch> context;
  private KeyValueStore<Integer, List<Example>> bufferStore;
  private KeyValueStore<String, Long> sequenceStore;
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
    TaskId task = context.taskId();
    this.idPrefix = task.subtopology() + "-" + task.partition() + "-";
    try (KeyValueIterator<Integer, List<Example>> it = bufferStore.all()) {
      List<KeyValue<Integer, List<Example>>> restored = new ArrayList<>();
      it.forEachRemaining(restored::add);
      restored.sort(java.util.Comparator.comparingInt(kv -> kv.key));
      restored.forEach(kv -> buffer.addAll(kv.value));
      storedEntries = restored.isEmpty() ? 0 : restored.get(restored.size() - 1).key + 1;
    }
    firstBufferedWallMs = context.currentSystemTimeMs();
    context.schedule(Duration.ofMillis(Math.max(1, Math.min(lingerMs, 1000) / 4)),
        PunctuationType.WALL_CLOCK_TIME, this::flushIfLingered);
  }

  @Override
  public void process(Record<String, List<Example>> record) {
    List<Example> group = record.value();
    if (!buffer.isEmpty() && buffer.get(0).groupingVersion() != group.get(0).groupingVersion()) {
      flushAll();
    }
    if (buffer.isEmpty()) {
      firstBufferedWallMs = context.currentSystemTimeMs();
    }
    buffer.addAll(group);
    if (buffer.size() < batchSize) {
      bufferStore.put(storedEntries++, group);
      return;
    }
    // The group completes a batch; what does not fit starts the next buffer.
    List<Example> full = new ArrayList<>(buffer.subList(0, batchSize));
    List<Example> rest = new ArrayList<>(buffer.subList(batchSize, buffer.size()));
    buffer.clear();
    emit(full);
    buffer.addAll(rest);
    while (buffer.size() >= batchSize) {
      List<Example> next = new ArrayList<>(buffer.subList(0, batchSize));
      buffer.subList(0, batchSize).clear();
      emit(next);
    }
    if (!buffer.isEmpty()) {
      bufferStore.put(storedEntries++, new ArrayList<>(buffer));
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
    emit(all);
  }

  /** Writes one batch and empties the buffer store (the caller re-stores any remainder). */
  private void emit(List<Example> examples) {
    for (int i = 0; i < storedEntries; i++) {
      bufferStore.delete(i);
    }
    storedEntries = 0;
    Long seq = sequenceStore.get(SEQUENCE_KEY);
    long next = seq == null ? 0 : seq;
    String id = idPrefix + next;
    long now = context.currentSystemTimeMs();
    TrainingBatch batch = BatchAssembler.assemble(id, examples, now);
    long lastEventTime = examples.get(examples.size() - 1).eventTime();
    sequenceStore.put(SEQUENCE_KEY, next + 1);
    metrics.batch();
    context.forward(new Record<>(id, batch, lastEventTime));
  }
}
