package glocal.stream.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WriteBehindTest {

    private KeyValueStore<String, Long> store;

    @BeforeEach
    void open() {
        store =
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore("kv"), Serdes.String(), Serdes.Long())
                        .withLoggingDisabled()
                        .build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void writesReachTheStoreOnlyAtWriteDirtyOncePerKey() {
        WriteBehind<String, Long> view = WriteBehind.cached(store, 10);
        view.put("a", 1L);
        view.put("a", 2L);
        view.put("b", 7L);
        assertThat(view.get("a")).isEqualTo(2L);
        assertThat(store.get("a")).isNull();
        assertThat(view.dirtyCount()).isEqualTo(2);
        view.writeDirty();
        assertThat(store.get("a")).isEqualTo(2L);
        assertThat(store.get("b")).isEqualTo(7L);
        assertThat(view.dirtyCount()).isZero();
        view.delete("a");
        assertThat(view.get("a")).isNull();
        assertThat(store.get("a")).isEqualTo(2L);
        view.writeDirty();
        assertThat(store.get("a")).isNull();
    }

    @Test
    void cleanEntriesAreEvictedAndReadBackButDirtyOnesNeverAre() {
        store.put("old", 5L);
        WriteBehind<String, Long> view = WriteBehind.cached(store, 1);
        assertThat(view.get("old")).isEqualTo(5L); // read from the store, then cached
        for (int i = 0; i < 3; i++) {
            view.put("k" + i, (long) i); // three dirty entries over a capacity of one
        }
        for (int i = 0; i < 3; i++) {
            assertThat(view.get("k" + i)).isEqualTo(i);
        }
        view.writeDirty();
        store.put("k0", 100L); // behind the view's back: only a key evicted from memory sees it
        Map<String, Long> seen = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            seen.put("k" + i, view.get("k" + i));
        }
        assertThat(seen.values()).contains(100L); // k0 was evicted (capacity 1) and read back
        assertThat(view.get("missing")).isNull();
    }

    @Test
    void aMirroredViewLoadsEverythingAndNeverReadsTheStoreAgain() {
        store.put("a", 1L);
        store.put("b", 2L);
        WriteBehind<String, Long> view = WriteBehind.mirrored(store);
        store.put("c", 3L); // not loaded: the view never asks the store again
        assertThat(view.get("c")).isNull();
        view.put("d", 4L);
        view.delete("a");
        Map<String, Long> all = new HashMap<>();
        view.forEach(all::put);
        assertThat(all).containsOnly(Map.entry("b", 2L), Map.entry("d", 4L));
        view.writeDirty();
        assertThat(store.get("a")).isNull();
        assertThat(store.get("d")).isEqualTo(4L);
    }

    @Test
    void onlyAMirroredViewCanListItsEntries() {
        assertThatThrownBy(() -> WriteBehind.cached(store, 10).forEach((k, v) -> {}))
                .isInstanceOf(IllegalStateException.class);
    }
}
