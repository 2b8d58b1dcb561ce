package glocal.stream.territory;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.ViewEvent;
import glocal.stream.activity.ActiveView;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Counts plays per (territory, title) and per title in tumbling event-time windows of the
 * popularity window; the stores keep two windows (current and previous). Counts are per task:
 * views are partitioned by user, so each partition counts a hash sample of the users, which is
 * what its negative sampler needs; queries add the partial counts of all instances.
 */
public final class TerritoryCountProcessor implements Processor<String, ActiveView, String, ActiveView> {

  public static final String TERRITORY_TITLE_STORE = "territory-title-counts";
  public static final String TITLE_STORE = "title-counts";

  private final long windowMs;
  private ProcessorContext<String, ActiveView> context;
  private WindowStore<String, Long> territoryTitle;
  private WindowStore<String, Long> title;

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
  }

  @Override
  public void process(Record<String, ActiveView> record) {
    ViewEvent view = record.value().view();
    if (view.getEventType() == EventType.PLAY) {
      long windowStart = Math.floorDiv(view.getEventTime().toEpochMilli(), windowMs) * windowMs;
      increment(territoryTitle, territoryTitleKey(view.getTerritory(), view.getTitleId()), windowStart);
      increment(title, view.getTitleId(), windowStart);
    }
    context.forward(record);
  }

  private static void increment(WindowStore<String, Long> store, String key, long windowStart) {
    Long old = store.fetch(key, windowStart);
    store.put(key, old == null ? 1L : old + 1, windowStart);
  }
}
