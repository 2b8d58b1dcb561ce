package glocal.stream.territory;

import glocal.model.sampling.PopularitySampler;
import glocal.stream.state.TaskLocal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;

/**
 * One task's play counts per (territory, title) and per title in tumbling event-time windows, the
 * current and the previous window held in memory. Loaded from the two window stores when the task
 * starts, written back once per commit (one store write per count that changed, however many
 * plays it counted), and shared by the task's processors through {@link TaskLocal}: the counter
 * increments it, the example builder draws negatives from its {@link #sampler()}, which follows
 * every play (no periodic rebuild, no store scan) over the plays of the windows held.
 */
public final class TerritoryCounts {

  private static final String SHARED_KEY = "territory-counts";

  private final long windowMs;
  private PopularitySampler sampler;
  private final WindowStore<String, Long> territoryTitleStore;
  private final WindowStore<String, Long> titleStore;
  /** Index 0: the newest window, 1: the one before; either may be null. */
  private final Window[] windows = new Window[2];

  private static final class Count {
    final String key;
    long n;
    boolean dirty;

    Count(String key, long n) {
      this.key = key;
      this.n = n;
    }
  }

  private static final class Window {
    final long start;
    final Map<String, Count> territoryTitle = new HashMap<>();
    final Map<String, Count> title = new HashMap<>();
    final List<Count> dirtyTerritoryTitle = new ArrayList<>();
    final List<Count> dirtyTitle = new ArrayList<>();

    Window(long start) {
      this.start = start;
    }
  }

  private TerritoryCounts(long windowMs, double beta, WindowStore<String, Long> territoryTitleStore,
      WindowStore<String, Long> titleStore) {
    this.windowMs = windowMs;
    this.sampler = new PopularitySampler(beta);
    this.territoryTitleStore = territoryTitleStore;
    this.titleStore = titleStore;
  }

  /**
   * The task's counts: created (and loaded from the stores, with its commit hook registered) by the
   * first processor of the task that asks. The caller must be connected to both counter stores and
   * to {@link TaskLocal#STORE}. {@code beta} is the exponent of the negative sampler.
   */
  public static TerritoryCounts of(ProcessingContext context, long windowMs, double beta) {
    TaskLocal local = context.getStateStore(TaskLocal.STORE);
    return local.shared(SHARED_KEY, () -> {
      TerritoryCounts counts = new TerritoryCounts(windowMs, beta,
          context.getStateStore(TerritoryCountProcessor.TERRITORY_TITLE_STORE),
          context.getStateStore(TerritoryCountProcessor.TITLE_STORE));
      counts.load();
      local.beforeCommit(counts::writeDirty);
      return counts;
    });
  }

  /** One scan of each store: every window they retain is read, the newest two are kept. */
  private void load() {
    TreeMap<Long, Window> retained = new TreeMap<>();
    loadInto(territoryTitleStore, retained, true);
    loadInto(titleStore, retained, false);
    if (retained.isEmpty()) {
      return;
    }
    long newest = retained.lastKey();
    windows[0] = retained.get(newest);
    windows[1] = retained.getOrDefault(newest - windowMs, new Window(newest - windowMs));
    rebuildSampler();
  }

  /** The sampler over the windows held: the same counts as {@link #popularity()}. */
  private void rebuildSampler() {
    PopularitySampler fresh = new PopularitySampler(sampler.beta());
    forEachTerritoryTitle(fresh::add);
    sampler = fresh;
  }

  private interface TerritoryTitleCount {
    void accept(String territory, String titleId, long plays);
  }

  /** Every (territory, title) count of the windows held, the previous window first. */
  private void forEachTerritoryTitle(TerritoryTitleCount action) {
    for (int i = windows.length - 1; i >= 0; i--) {
      if (windows[i] != null) {
        for (Count c : windows[i].territoryTitle.values()) {
          int tab = c.key.indexOf('\t');
          action.accept(c.key.substring(0, tab), c.key.substring(tab + 1), c.n);
        }
      }
    }
  }

  /** Draws titles of a territory ∝ plays^β over the windows held, up to date with every play. */
  public PopularitySampler sampler() {
    return sampler;
  }

  private static void loadInto(WindowStore<String, Long> store, TreeMap<Long, Window> into, boolean territoryTitle) {
    try (KeyValueIterator<Windowed<String>, Long> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<Windowed<String>, Long> kv = it.next();
        Window w = into.computeIfAbsent(kv.key.window().start(), Window::new);
        (territoryTitle ? w.territoryTitle : w.title).put(kv.key.key(), new Count(kv.key.key(), kv.value));
      }
    }
  }

  private Window window(long start) {
    for (Window w : windows) {
      if (w != null && w.start == start) {
        return w;
      }
    }
    return null;
  }

  /** Counts one play. A play of a window older than the previous one is counted in the store directly. */
  public void play(String territory, String titleId, long eventTime) {
    long start = Math.floorDiv(eventTime, windowMs) * windowMs;
    if (windows[0] == null || start > windows[0].start) {
      slideTo(start);
    }
    Window w = window(start);
    String ttKey = TerritoryCountProcessor.territoryTitleKey(territory, titleId);
    if (w == null) {
      incrementInStore(territoryTitleStore, ttKey, start);
      incrementInStore(titleStore, titleId, start);
      return;
    }
    increment(w.territoryTitle, w.dirtyTerritoryTitle, ttKey);
    increment(w.title, w.dirtyTitle, titleId);
    sampler.played(territory, titleId);
  }

  private void slideTo(long start) {
    // The windows that leave memory are written first: their last counts must reach the store.
    writeDirty();
    Window previous = windows[0] != null && windows[0].start == start - windowMs ? windows[0] : null;
    windows[1] = previous;
    windows[0] = new Window(start);
    // Once per window: the plays of the window that left no longer count for sampling.
    rebuildSampler();
  }

  private static void increment(Map<String, Count> counts, List<Count> dirty, String key) {
    Count c = counts.get(key);
    if (c == null) {
      c = new Count(key, 0);
      counts.put(key, c);
    }
    c.n++;
    if (!c.dirty) {
      c.dirty = true;
      dirty.add(c);
    }
  }

  private static void incrementInStore(WindowStore<String, Long> store, String key, long windowStart) {
    Long old = store.fetch(key, windowStart);
    store.put(key, old == null ? 1L : old + 1, windowStart);
  }

  /** Writes every count that changed since the last call. */
  public void writeDirty() {
    for (Window w : windows) {
      if (w != null) {
        flush(territoryTitleStore, w.dirtyTerritoryTitle, w.start);
        flush(titleStore, w.dirtyTitle, w.start);
      }
    }
  }

  private static void flush(WindowStore<String, Long> store, List<Count> dirty, long windowStart) {
    for (Count c : dirty) {
      store.put(c.key, c.n, windowStart);
      c.dirty = false;
    }
    dirty.clear();
  }

  /** Whether the windows held count any play. */
  public boolean hasPlays() {
    for (Window w : windows) {
      if (w != null && !w.territoryTitle.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Plays per territory and title summed over the windows held (the current and the previous). */
  public TerritoryPopularity popularity() {
    Map<String, Map<String, Long>> byTerritory = new HashMap<>();
    forEachTerritoryTitle((territory, titleId, plays) ->
        byTerritory.computeIfAbsent(territory, t -> new HashMap<>()).merge(titleId, plays, Long::sum));
    return new TerritoryPopularity(byTerritory);
  }
}
