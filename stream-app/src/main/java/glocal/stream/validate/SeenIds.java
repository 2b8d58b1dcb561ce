package glocal.stream.validate;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * In-memory 64-bit fingerprints of the event ids a dedup task has stored, one open-addressing set
 * per dedup bucket. It only ever answers "certainly not stored" or "maybe": a fingerprint absent
 * from a bucket that is {@linkplain #complete complete} proves the id is new without asking RocksDB
 * (a miss there is the most expensive read a store does); a present fingerprint (a duplicate, or
 * one chance in 2^64 a different id) sends the caller to the store for the exact answer. So the
 * index speeds dedup up and never changes what it decides.
 *
 * <p>A bucket is complete when every id stored in it went through this index: buckets from {@link
 * #completeFrom()} on. The index holds at most {@code capacity} fingerprints; past that it drops
 * its oldest bucket and moves {@code completeFrom} past it, and that bucket's look-ups go back to
 * the store.
 */
final class SeenIds {

    private final long bucketMs;
    private final long capacity;
    private final TreeMap<Long, LongSet> buckets = new TreeMap<>();
    private long size;
    private long completeFrom;

    SeenIds(long bucketMs, long capacity, long completeFrom) {
        this.bucketMs = bucketMs;
        this.capacity = capacity;
        this.completeFrom = completeFrom;
    }

    /** Bucket starts from this one on hold every id stored in them. */
    long completeFrom() {
        return completeFrom;
    }

    boolean complete(long bucketStart) {
        return bucketStart >= completeFrom;
    }

    long size() {
        return size;
    }

    /** False when the fingerprint is certainly not in the bucket (which must be complete). */
    boolean mayContain(long bucketStart, long fingerprint) {
        LongSet set = buckets.get(bucketStart);
        return set != null && set.contains(fingerprint);
    }

    /**
     * Records a stored id; ids of buckets before {@link #completeFrom()} are not tracked (look-ups
     * there use the store).
     */
    void add(long bucketStart, long fingerprint) {
        if (bucketStart < completeFrom) {
            return;
        }
        LongSet set = buckets.get(bucketStart);
        if (set == null) {
            set = new LongSet();
            buckets.put(bucketStart, set);
        }
        if (set.add(fingerprint)) {
            size++;
        }
        while (size > capacity && buckets.size() > 1) {
            Map.Entry<Long, LongSet> oldest = buckets.pollFirstEntry();
            size -= oldest.getValue().size();
            completeFrom = Math.max(completeFrom, oldest.getKey() + bucketMs);
        }
    }

    /**
     * Forgets the buckets that start before {@code bucketStart}: their look-ups go to the store
     * from now on.
     */
    void forgetBefore(long bucketStart) {
        Iterator<Map.Entry<Long, LongSet>> it =
                buckets.headMap(bucketStart, false).entrySet().iterator();
        while (it.hasNext()) {
            size -= it.next().getValue().size();
            it.remove();
        }
        completeFrom = Math.max(completeFrom, bucketStart);
    }

    /**
     * Gives up on every bucket up to and including {@code bucketStart} (ids stored there are not
     * all known).
     */
    void incompleteThrough(long bucketStart) {
        forgetBefore(bucketStart + bucketMs);
    }

    /**
     * An open-addressing set of longs; 0 stands for an empty slot, so fingerprint 0 is stored as 1.
     */
    static final class LongSet {
        private long[] slots = new long[64];
        private int size;

        int size() {
            return size;
        }

        boolean contains(long v) {
            long key = key(v);
            return slots[slot(slots, key)] == key;
        }

        boolean add(long v) {
            long key = key(v);
            if (4 * (size + 1) > 3 * slots.length) {
                grow();
            }
            int i = slot(slots, key);
            if (slots[i] == key) {
                return false;
            }
            slots[i] = key;
            size++;
            return true;
        }

        private static long key(long fingerprint) {
            return fingerprint == 0 ? 1 : fingerprint;
        }

        /** The slot holding {@code key}, or the empty slot where it would go (linear probing). */
        private static int slot(long[] slots, long key) {
            int mask = slots.length - 1;
            int i = (int) (key ^ (key >>> 32)) & mask;
            while (slots[i] != key && slots[i] != 0) {
                i = (i + 1) & mask;
            }
            return i;
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            for (long key : old) {
                if (key != 0) {
                    slots[slot(slots, key)] = key;
                }
            }
        }
    }
}
