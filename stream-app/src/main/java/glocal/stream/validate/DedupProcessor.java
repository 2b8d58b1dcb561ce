package glocal.stream.validate;

import glocal.schemas.avro.ViewEvent;
import glocal.stream.GlocalMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops a view whose event id was already seen within the dedup window of event time. Ids live in
 * a window store whose retention is the window, so old ids age out segment by segment instead of
 * being deleted one by one. Views of one user share a partition, so a duplicate always meets its
 * original here.
 */
public final class DedupProcessor implements Processor<String, ViewEvent, String, ViewEvent> {

  public static final String STORE = "view-event-ids";

  private final long windowMs;
  private final GlocalMetrics metrics;
  private ProcessorContext<String, ViewEvent> context;
  private WindowStore<String, Long> seen;

  public DedupProcessor(long windowMs, GlocalMetrics metrics) {
    this.windowMs = windowMs;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, ViewEvent> context) {
    this.context = context;
    this.seen = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, ViewEvent> record) {
    String id = record.value().getEventId();
    long time = record.value().getEventTime().toEpochMilli();
    try (WindowStoreIterator<Long> hits = seen.fetch(id, time - windowMs, time + windowMs)) {
      if (hits.hasNext()) {
        metrics.duplicate();
        return;
      }
    }
    seen.put(id, time, time);
    context.forward(record);
  }
}
