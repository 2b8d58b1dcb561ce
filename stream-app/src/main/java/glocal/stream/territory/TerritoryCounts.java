package glocal.stream.territory;

import glocal.model.labelling.PlayWindows;
import glocal.model.sampling.PopularitySampler;
import glocal.stream.state.TaskLocal;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;

/**
 * One task's play counts: model-core's {@link PlayWindows} (the current and the previous popularity
 * window in memory, and the negative sampler over them), mirrored in the two window stores. Loaded
 * from the stores when the task starts, written back once per commit (one store write per count
 * that changed, however many plays it counted), and shared by the task's processors through {@link
 * TaskLocal}: the counter increments it, the example builder draws negatives from its {@link
 * #sampler()}, which follows every play (no periodic rebuild, no store scan) over the plays of the
 * windows held.
 */
public final class TerritoryCounts {

    private static final String SHARED_KEY = "territory-counts";

    private final PlayWindows windows;
    private final WindowStore<String, Long> territoryTitleStore;
    private final WindowStore<String, Long> titleStore;

    private TerritoryCounts(
            long windowMs,
            double beta,
            WindowStore<String, Long> territoryTitleStore,
            WindowStore<String, Long> titleStore) {
        this.territoryTitleStore = territoryTitleStore;
        this.titleStore = titleStore;
        this.windows =
                new PlayWindows(
                        windowMs,
                        beta,
                        (start, key, count, territoryTitle) ->
                                (territoryTitle ? territoryTitleStore : titleStore)
                                        .put(key, count, start));
    }

    /**
     * The task's counts: created (and loaded from the stores, with its commit hook registered) by
     * the first processor of the task that asks. The caller must be connected to both counter
     * stores and to {@link TaskLocal#STORE}. {@code beta} is the exponent of the negative sampler.
     */
    public static TerritoryCounts of(ProcessingContext context, long windowMs, double beta) {
        TaskLocal local = context.getStateStore(TaskLocal.STORE);
        return local.shared(
                SHARED_KEY,
                () -> {
                    TerritoryCounts counts =
                            new TerritoryCounts(
                                    windowMs,
                                    beta,
                                    context.getStateStore(
                                            TerritoryCountProcessor.TERRITORY_TITLE_STORE),
                                    context.getStateStore(TerritoryCountProcessor.TITLE_STORE));
                    counts.load();
                    local.beforeCommit(counts::writeDirty);
                    return counts;
                });
    }

    /** One scan of each store: every window they retain is read, the newest two are kept. */
    private void load() {
        loadFrom(territoryTitleStore, true);
        loadFrom(titleStore, false);
        windows.restored();
    }

    private void loadFrom(WindowStore<String, Long> store, boolean territoryTitle) {
        try (KeyValueIterator<Windowed<String>, Long> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, Long> kv = it.next();
                windows.restore(kv.key.window().start(), kv.key.key(), kv.value, territoryTitle);
            }
        }
    }

    /** Draws titles of a territory ∝ plays^β over the windows held, up to date with every play. */
    public PopularitySampler sampler() {
        return windows.sampler();
    }

    /**
     * Counts one play. A play of a window older than the previous one is counted in the store
     * directly.
     */
    public void play(String territory, String titleId, long eventTime) {
        if (!windows.play(territory, titleId, eventTime)) {
            long start = windows.windowStart(eventTime);
            incrementInStore(territoryTitleStore, PlayWindows.key(territory, titleId), start);
            incrementInStore(titleStore, titleId, start);
        }
    }

    private static void incrementInStore(
            WindowStore<String, Long> store, String key, long windowStart) {
        Long old = store.fetch(key, windowStart);
        store.put(key, old == null ? 1L : old + 1, windowStart);
    }

    /** Writes every count that changed since the last call. */
    public void writeDirty() {
        windows.writeDirty();
    }

    /** Whether the windows held count any play. */
    public boolean hasPlays() {
        return windows.hasPlays();
    }

    /**
     * Plays per territory and title summed over the windows held (the current and the previous).
     */
    public TerritoryPopularity popularity() {
        return new TerritoryPopularity(windows.byTerritory());
    }
}
