package glocal.stream.validate;

import glocal.schemas.avro.ViewEvent;
import glocal.stream.GlocalMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Drops a view whose event id was already seen within the dedup window w of event time. Ids live
 * in a window store in event-time buckets of w; a view checks its own bucket and the two next to
 * it with three point look-ups (a range fetch would walk every distinct timestamp in range), so an
 * id is remembered for at least w and at most 2w. The store's retention (3w) ages old ids out
 * segment by segment instead of deleting them one by one. Views of one user share a partition, so
 * a duplicate always meets its original here.
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
    long bucket = Math.floorDiv(time, windowMs) * windowMs;
    if (seen.fetch(id, bucket) != null || seen.fetch(id, bucket - windowMs) != null
        || seen.fetch(id, bucket + windowMs) != null) {
      metrics.duplicate();
      return;
    }
    seen.put(id, time, bucket);
    context.forward(record);
  }
}
