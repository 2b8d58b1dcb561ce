package glocal.stream.validate;

import glocal.model.sampling.Hashing;
import glocal.schemas.avro.ViewEvent;
import glocal.stream.GlocalMetrics;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Drops a view whose event id was already seen within the dedup window w of event time. Ids live in
 * a window store in event-time buckets of w; a view checks its own bucket and the two next to it,
 * so an id is remembered for at least w and at most 2w. The store's retention (3w) ages old ids out
 * segment by segment instead of deleting them one by one. Views of one user share a partition, so a
 * duplicate always meets its original here.
 *
 * <p>Almost every id is new, and a store read that misses is the most expensive read there is, so
 * the task keeps {@link SeenIds}, fingerprints of the ids it stored, per bucket: a bucket whose ids
 * are all known answers "new" from memory, and the store is read only for a fingerprint that is
 * there (a duplicate, or a 2^-64 collision the read then settles) or for buckets the index does not
 * fully know (after a restart with more stored ids than {@code indexCapacity}, or older than two
 * windows). The decision is the store's in every case; the index only skips reads that would miss.
 * At start the index loads the stored ids (a scan of the store, as bounded as the window).
 */
public final class DedupProcessor implements Processor<String, ViewEvent, String, ViewEvent> {

    public static final String STORE = "view-event-ids";

    /**
     * Salt of the id fingerprints, fixed: it only has to differ from the other uses of {@link
     * Hashing}.
     */
    private static final long FINGERPRINT_SALT = 0x5eed_1d5L;

    private final long windowMs;
    private final long indexCapacity;
    private final GlocalMetrics metrics;
    private ProcessorContext<String, ViewEvent> context;
    private WindowStore<String, Long> seen;
    private SeenIds ids;
    private long newestBucket = Long.MIN_VALUE;

    /**
     * {@code indexCapacity}: most id fingerprints kept in memory per task (about 11 bytes each).
     */
    public DedupProcessor(long windowMs, long indexCapacity, GlocalMetrics metrics) {
        this.windowMs = windowMs;
        this.indexCapacity = indexCapacity;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, ViewEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(STORE);
        // init runs after restoration (and again when a task is revived): index what the store
        // holds.
        this.ids = loadIndex();
        this.newestBucket = Long.MIN_VALUE;
    }

    private SeenIds loadIndex() {
        SeenIds index = new SeenIds(windowMs, indexCapacity, Long.MIN_VALUE);
        long newest = Long.MIN_VALUE;
        long visited = 0;
        try (KeyValueIterator<Windowed<String>, Long> it = seen.all()) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, Long> kv = it.next();
                long bucket = kv.key.window().start();
                newest = Math.max(newest, bucket);
                if (++visited > 4 * indexCapacity) {
                    // Too many to index: nothing stored so far counts as known; new buckets will.
                    try (KeyValueIterator<Windowed<String>, Long> back = seen.backwardAll()) {
                        if (back.hasNext()) {
                            newest = Math.max(newest, back.next().key.window().start());
                        }
                    }
                    index.incompleteThrough(newest);
                    return index;
                }
                index.add(bucket, fingerprint(kv.key.key()));
            }
        }
        return index;
    }

    private static long fingerprint(String id) {
        return Hashing.hash(id, FINGERPRINT_SALT);
    }

    @Override
    public void process(Record<String, ViewEvent> record) {
        String id = record.value().getEventId();
        long time = record.value().getEventTime().toEpochMilli();
        long bucket = Math.floorDiv(time, windowMs) * windowMs;
        long fp = fingerprint(id);
        if (stored(id, fp, bucket)
                || stored(id, fp, bucket - windowMs)
                || stored(id, fp, bucket + windowMs)) {
            metrics.duplicate();
            return;
        }
        seen.put(id, time, bucket);
        if (bucket > newestBucket) {
            newestBucket = bucket;
            // Views look at most one bucket back from their own: keep two windows of fingerprints.
            ids.forgetBefore(bucket - 2 * windowMs);
        }
        ids.add(bucket, fp);
        context.forward(record);
    }

    private boolean stored(String id, long fp, long bucket) {
        if (ids.complete(bucket) && !ids.mayContain(bucket, fp)) {
            return false;
        }
        return seen.fetch(id, bucket) != null;
    }
}
