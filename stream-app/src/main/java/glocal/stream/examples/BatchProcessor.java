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
public final class BatchProcessor implements Processor<String, Example, String, TrainingBatch> {

  public static final String BUFFER_STORE = "batch-buffer";
  public static final String SEQUENCE_STORE = "batch-sequence";
  private static final String SEQUENCE_KEY = "next";

  private final int batchSize;
  private final long lingerMs;
  private final GlocalMetrics metrics;
  private final List<Example> buffer = new ArrayList<>();
  private ProcessorContext<String, TrainingBatch> context;
  private KeyValueStore<Integer, Example> bufferStore;
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
    try (KeyValueIterator<Integer, Example> it = bufferStore.all()) {
      List<KeyValue<Integer, Example>> restored = new ArrayList<>();
      it.forEachRemaining(restored::add);
      restored.sort(java.util.Comparator.comparingInt(kv -> kv.key));
      restored.forEach(kv -> buffer.add(kv.value));
    }
    firstBufferedWallMs = context.currentSystemTimeMs();
    context.schedule(Duration.ofMillis(Math.max(1, Math.min(lingerMs, 1000) / 4)),
        PunctuationType.WALL_CLOCK_TIME, this::flushIfLingered);
  }

  @Override
  public void process(Record<String, Example> record) {
    Example e = record.value();
    if (!buffer.isEmpty() && buffer.get(0).groupingVersion() != e.groupingVersion()) {
      flush();
    }
    if (buffer.isEmpty()) {
      firstBufferedWallMs = context.currentSystemTimeMs();
    }
    bufferStore.put(buffer.size(), e);
    buffer.add(e);
    if (buffer.size() >= batchSize) {
      flush();
    }
  }

  private void flushIfLingered(long wallMs) {
    if (!buffer.isEmpty() && wallMs - firstBufferedWallMs >= lingerMs) {
      flush();
    }
  }

  private void flush() {
    Long seq = sequenceStore.get(SEQUENCE_KEY);
    long next = seq == null ? 0 : seq;
    String id = idPrefix + next;
    long now = context.currentSystemTimeMs();
    TrainingBatch batch = BatchAssembler.assemble(id, buffer, now);
    long lastEventTime = buffer.get(buffer.size() - 1).eventTime();
    for (int i = 0; i < buffer.size(); i++) {
      bufferStore.delete(i);
    }
    buffer.clear();
    sequenceStore.put(SEQUENCE_KEY, next + 1);
    metrics.batch();
    context.forward(new Record<>(id, batch, lastEventTime));
  }
}
