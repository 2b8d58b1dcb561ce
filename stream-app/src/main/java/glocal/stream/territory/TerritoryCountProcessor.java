package glocal.stream.territory;

import glocal.model.labelling.PlayWindows;
import glocal.schemas.avro.EventType;
import glocal.schemas.avro.ViewEvent;
import glocal.stream.activity.ActiveView;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Counts plays per (territory, title) and per title in tumbling event-time windows of the
 * popularity window; the stores keep two windows (current and previous). Counts are per task: views
 * are partitioned by user, so each partition counts a hash sample of the users, which is what its
 * negative sampler needs; queries add the partial counts of all instances.
 *
 * <p>The counting itself is {@link TerritoryCounts}: in memory, written to the stores once per
 * commit. This processor is the stores' only writer.
 */
public final class TerritoryCountProcessor
        implements Processor<String, ActiveView, String, ActiveView> {

    public static final String TERRITORY_TITLE_STORE = "territory-title-counts";
    public static final String TITLE_STORE = "title-counts";

    private final long windowMs;
    private final double beta;
    private ProcessorContext<String, ActiveView> context;
    private TerritoryCounts counts;

    /**
     * {@code beta}: exponent of the negative sampler the counts feed (see {@link
     * TerritoryCounts#sampler()}).
     */
    public TerritoryCountProcessor(long windowMs, double beta) {
        this.windowMs = windowMs;
        this.beta = beta;
    }

    /** Key of the (territory, title) store; territory codes never contain a tab. */
    public static String territoryTitleKey(String territory, String titleId) {
        return PlayWindows.key(territory, titleId);
    }

    @Override
    public void init(ProcessorContext<String, ActiveView> context) {
        this.context = context;
        this.counts = TerritoryCounts.of(context, windowMs, beta);
    }

    @Override
    public void process(Record<String, ActiveView> record) {
        ViewEvent view = record.value().view();
        if (view.getEventType() == EventType.PLAY) {
            counts.play(view.getTerritory(), view.getTitleId(), view.getEventTime().toEpochMilli());
        }
        context.forward(record);
    }
}
