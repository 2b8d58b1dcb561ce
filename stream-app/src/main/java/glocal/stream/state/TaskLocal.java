package glocal.stream.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * One per task: the place where the task's processors keep state in memory between commits and
 * write it to their stores just before Kafka Streams commits. It holds no data of its own and has
 * no changelog.
 *
 * <p>Why: Kafka's record cache keeps serialized values in a {@code TreeMap} of byte keys, so a
 * cached store costs a comparison-heavy lookup, an encode per put and a commit-time flush per
 * record; an uncached store costs a RocksDB write and a changelog record per update. Processors
 * here instead keep typed values in hash maps and write only what changed, once per commit, through
 * {@link #beforeCommit(Runnable)}.
 *
 * <p>How it stays exactly-once: Kafka Streams flushes the caches of every {@link CachedStateStore}
 * of a task before it flushes the task's producer and commits the transaction (and on a clean
 * close, and before a task is recycled). This store takes part in that flush and runs the hooks
 * there, so the changelog records they write belong to the same transaction as the input offsets
 * and outputs of the records that caused them. A hook must write to stores without a record cache
 * (the caches of other stores may already have been flushed in this round). {@link
 * CachedStateStore} is internal to Kafka Streams; the version is pinned in the parent pom, the
 * TopologyTestDriver tests read what the hooks wrote after each record's commit, and {@code
 * StateRestoreEndToEndTest} restores an instance on a real broker from the changelogs alone.
 *
 * <p>Processors of one task may also share in-memory objects through {@link #shared}; both hooks
 * and shared objects are dropped when the task's stores are (re)initialised, so a revived or
 * recycled task starts from its stores.
 */
public final class TaskLocal implements StateStore, CachedStateStore<Object, Object> {

    public static final String STORE = "task-local";

    private final String name;
    private final List<Runnable> hooks = new ArrayList<>();
    private final Map<String, Object> shared = new HashMap<>();
    private boolean open;

    private TaskLocal(String name) {
        this.name = name;
    }

    /** The builder to add to the topology and connect to every processor that uses it. */
    public static StoreBuilder<TaskLocal> builder() {
        return new Builder(STORE);
    }

    /**
     * Runs {@code hook} on the stream thread before every commit of this task, in registration
     * order.
     */
    public void beforeCommit(Runnable hook) {
        hooks.add(hook);
    }

    /**
     * The object shared under {@code key} by this task's processors, created by the first to ask.
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(String key, Supplier<T> create) {
        return (T) shared.computeIfAbsent(key, k -> create.get());
    }

    @Override
    public void flushCache() {
        for (Runnable hook : hooks) {
            hook.run();
        }
    }

    @Override
    public void clearCache() {
        // Called when a task is recycled (after its last commit): what the processors hold in
        // memory
        // is rebuilt from the stores when the task initialises again.
        hooks.clear();
        shared.clear();
    }

    @Override
    public boolean setFlushListener(
            CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        hooks.clear();
        shared.clear();
        context.register(
                root,
                (key, value) -> {
                    throw new IllegalStateException(name + " has no changelog to restore from");
                });
        open = true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        hooks.clear();
        shared.clear();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private static final class Builder implements StoreBuilder<TaskLocal> {
        private final String name;

        Builder(String name) {
            this.name = name;
        }

        @Override
        public StoreBuilder<TaskLocal> withCachingEnabled() {
            throw new UnsupportedOperationException(
                    name + " is the cache: it cannot have a record cache");
        }

        @Override
        public StoreBuilder<TaskLocal> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<TaskLocal> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException(name + " holds no data: it has no changelog");
        }

        @Override
        public StoreBuilder<TaskLocal> withLoggingDisabled() {
            return this;
        }

        @Override
        public TaskLocal build() {
            return new TaskLocal(name);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
