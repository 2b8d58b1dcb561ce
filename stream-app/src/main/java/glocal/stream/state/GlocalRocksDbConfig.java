package glocal.stream.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;
import org.rocksdb.VectorMemTableConfig;

/**
 * RocksDB settings per store. The stores the processors only write while they run — they keep the
 * state in memory and read the store back only when a task starts (or for a rare late view, or a
 * query) — get a vector memtable: an insert appends instead of walking a skip list (profiled, the
 * skip-list insert was the largest single cost of their commit-time writes), and reads sort the
 * memtable first, which these stores can afford. Stores read while processing (active users, the
 * dedup ids) keep RocksDB's default skip list. Window stores are named per segment ({@code
 * <store>.<segment>}), hence the prefix match. The packages owning such stores name them through
 * {@link WriteMostlyStores} (a {@link ServiceLoader} service), so state depends on none of them.
 */
public final class GlocalRocksDbConfig implements RocksDBConfigSetter {

    static final List<String> WRITE_MOSTLY = writeMostlyStores();

    private static List<String> writeMostlyStores() {
        List<String> names = new ArrayList<>();
        for (WriteMostlyStores stores :
                ServiceLoader.load(
                        WriteMostlyStores.class, GlocalRocksDbConfig.class.getClassLoader())) {
            names.addAll(stores.storeNames());
        }
        return List.copyOf(names);
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        if (writeMostly(storeName)) {
            // The vector memtable takes no concurrent writers (each store has one writer anyway).
            options.setAllowConcurrentMemtableWrite(false);
            options.setMemTableConfig(new VectorMemTableConfig());
        }
    }

    static boolean writeMostly(String storeName) {
        for (String store : WRITE_MOSTLY) {
            if (storeName.equals(store) || storeName.startsWith(store + ".")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close(String storeName, Options options) {}
}
