package glocal.stream.territory;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.ViewEvent;
import glocal.stream.activity.ActiveView;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Counts plays per (territory, title) and per title in tumbling event-time windows of the
 * popularity window; the stores keep two windows (current and previous). Counts are per task:
 * views are partitioned by user, so each partition counts a hash sample of the users, which is
 * what its negative sampler needs; queries add the partial counts of all instances.
 *
 * <p>The counts of the current and the previous window are mirrored in memory (at most one entry
 * per territory and title and per title, per window), so an increment costs one store put instead
 * of a fetch and a put; a key not in the mirror (first play, after a restart, or a late view of an
 * older window) is read from the store once; views older than the previous window are counted
 * through the store alone. This processor is the stores' only writer.
 */
public final class TerritoryCountProcessor implements Processor<String, ActiveView, String, ActiveView> {

  public static final String TERRITORY_TITLE_STORE = "territory-title-counts";
  public static final String TITLE_STORE = "title-counts";

  private final long windowMs;
  private ProcessorContext<String, ActiveView> context;
  private WindowStore<String, Long> territoryTitle;
  private WindowStore<String, Long> title;
  private final Map<WindowKey, Long> territoryTitleCounts = new HashMap<>();
  private final Map<WindowKey, Long> titleCounts = new HashMap<>();
  /** Start of the newest window seen: the mirror keeps it and the one before. */
  private long newestWindowStart = Long.MIN_VALUE;

  private record WindowKey(String key, long windowStart) {}

  public TerritoryCountProcessor(long windowMs) {
    this.windowMs = windowMs;
  }

  /** Key of the (territory, title) store; territory codes never contain a tab. */
  public static String territoryTitleKey(String territory, String titleId) {
    return territory + '\t' + titleId;
  }

  @Override
  public void init(ProcessorContext<String, ActiveView> context) {
    this.context = context;
    this.territoryTitle = context.getStateStore(TERRITORY_TITLE_STORE);
    this.title = context.getStateStore(TITLE_STORE);
    // init runs after restoration (and again when a task is revived): start from the stores.
    territoryTitleCounts.clear();
    titleCounts.clear();
    newestWindowStart = Long.MIN_VALUE;
  }

  @Override
  public void process(Record<String, ActiveView> record) {
    ViewEvent view = record.value().view();
    if (view.getEventType() == EventType.PLAY) {
      long windowStart = Math.floorDiv(view.getEventTime().toEpochMilli(), windowMs) * windowMs;
      if (windowStart > newestWindowStart) {
        newestWindowStart = windowStart;
        // Once per window: forget windows older than the previous one (a late view re-reads the store).
        territoryTitleCounts.keySet().removeIf(k -> k.windowStart() < windowStart - windowMs);
        titleCounts.keySet().removeIf(k -> k.windowStart() < windowStart - windowMs);
      }
      // A late view of an older window may meet an expired store segment: no mirror, as before.
      boolean mirrored = windowStart >= newestWindowStart - windowMs;
      increment(territoryTitle, mirrored ? territoryTitleCounts : null,
          territoryTitleKey(view.getTerritory(), view.getTitleId()), windowStart);
      increment(title, mirrored ? titleCounts : null, view.getTitleId(), windowStart);
    }
    context.forward(record);
  }

  private static void increment(WindowStore<String, Long> store, Map<WindowKey, Long> mirror,
      String key, long windowStart) {
    WindowKey k = new WindowKey(key, windowStart);
    Long old = mirror == null ? null : mirror.get(k);
    if (old == null) {
      old = store.fetch(key, windowStart);
    }
    long next = old == null ? 1L : old + 1;
    if (mirror != null) {
      mirror.put(k, next);
    }
    store.put(key, next, windowStart);
  }
}
