package glocal.model.labelling;

import java.util.HashMap;
import java.util.Map;

/**
 * Key-value state the labelling keeps, wherever it lives: a map offline, a changelogged store
 * (through the stream's write-behind view of it) on the stream side.
 */
public interface KeyedState<K, V> {

    /** The current value, or null. */
    V get(K key);

    void put(K key, V value);

    void delete(K key);

    /** State in a hash map, for a labeller whose state need not outlive it. */
    static <K, V> KeyedState<K, V> inMemory() {
        Map<K, V> map = new HashMap<>();
        return new KeyedState<>() {
            @Override
            public V get(K key) {
                return map.get(key);
            }

            @Override
            public void put(K key, V value) {
                map.put(key, value);
            }

            @Override
            public void delete(K key) {
                map.remove(key);
            }
        };
    }
}
