package glocal.stream.state;

import glocal.model.labelling.KeyedState;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A processor's typed, in-memory view of one key-value store: reads come from memory when they can,
 * writes stay in memory and reach the store (and its changelog) once per commit through {@link
 * #writeDirty()}, which the processor registers with {@link TaskLocal#beforeCommit}. A key written
 * many times between two commits costs one store write.
 *
 * <p>Two modes: {@link #cached} keeps the last {@code capacity} clean entries (least recently used
 * are dropped and read back from the store on demand); {@link #mirrored} loads every entry at start
 * and never reads the store again (for stores whose size is bounded by a time window). Dirty
 * entries are never dropped before they are written. The store must have no record cache.
 * Single-threaded: the stream thread is its only user.
 */
public final class WriteBehind<K, V> implements KeyedState<K, V> {

    private final KeyValueStore<K, V> store;
    private final boolean complete;

    /** Written since the last commit; a null value is a delete. */
    private final Map<K, V> dirty = new HashMap<>();

    private final Map<K, V> clean;

    private WriteBehind(KeyValueStore<K, V> store, boolean complete, Map<K, V> clean) {
        this.store = store;
        this.complete = complete;
        this.clean = clean;
    }

    /** Keeps up to {@code capacity} clean entries in memory, least recently used dropped first. */
    public static <K, V> WriteBehind<K, V> cached(KeyValueStore<K, V> store, int capacity) {
        Map<K, V> lru =
                new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 2, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                        return size() > capacity;
                    }
                };
        return new WriteBehind<>(store, false, lru);
    }

    /**
     * Loads every entry of {@code store} (which must therefore stay small) and serves all reads
     * from memory.
     */
    public static <K, V> WriteBehind<K, V> mirrored(KeyValueStore<K, V> store) {
        Map<K, V> all = new HashMap<>();
        try (KeyValueIterator<K, V> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<K, V> kv = it.next();
                all.put(kv.key, kv.value);
            }
        }
        return new WriteBehind<>(store, true, all);
    }

    /** The current value, or null. */
    @Override
    public V get(K key) {
        V v = dirty.get(key);
        if (v != null || dirty.containsKey(key)) {
            return v;
        }
        v = clean.get(key);
        if (v != null || complete) {
            return v;
        }
        v = store.get(key);
        if (v != null) {
            clean.put(key, v);
        }
        return v;
    }

    /** Sets the value; null deletes. Reaches the store at the next {@link #writeDirty()}. */
    @Override
    public void put(K key, V value) {
        dirty.put(key, value);
        clean.remove(key);
    }

    @Override
    public void delete(K key) {
        put(key, null);
    }

    /** Every current entry (mirrored mode only), in no particular order. */
    public void forEach(BiConsumer<K, V> action) {
        if (!complete) {
            throw new IllegalStateException("only a mirrored view holds every entry");
        }
        clean.forEach(action);
        dirty.forEach(
                (k, v) -> {
                    if (v != null) {
                        action.accept(k, v);
                    }
                });
    }

    /** Entries written since the last commit. */
    public int dirtyCount() {
        return dirty.size();
    }

    /**
     * Writes what changed since the last call to the store (one put or delete per key) and clears
     * it.
     */
    public void writeDirty() {
        if (dirty.isEmpty()) {
            return;
        }
        for (Map.Entry<K, V> e : dirty.entrySet()) {
            store.put(e.getKey(), e.getValue());
            if (e.getValue() != null) {
                clean.put(e.getKey(), e.getValue());
            }
        }
        dirty.clear();
    }
}
