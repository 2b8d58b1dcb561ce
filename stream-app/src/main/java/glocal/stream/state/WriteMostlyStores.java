package glocal.stream.state;

import java.util.List;

/**
 * Stores a processor only writes while it runs: it keeps their state in memory and reads a store
 * back only when a task starts (or for a rare late view, or a query). {@link GlocalRocksDbConfig}
 * gives them a vector memtable. The packages that own such stores provide an implementation,
 * registered in {@code META-INF/services/glocal.stream.state.WriteMostlyStores}, so this package
 * needs to know none of them.
 */
public interface WriteMostlyStores {

    /** The store names (a window store's segments, {@code <store>.<segment>}, match too). */
    List<String> storeNames();
}
