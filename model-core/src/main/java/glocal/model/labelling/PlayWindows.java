package glocal.model.labelling;

import glocal.model.sampling.PopularitySampler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Play counts per (territory, title) and per title in tumbling event-time windows, the current and
 * the previous window held, and the negative sampler over them: the labelling rule "negatives are
 * drawn ∝ plays^β from the current and the previous popularity window of the play's territory". The
 * sampler follows every play and is rebuilt once per window, when the oldest window leaves.
 *
 * <p>The counts can be mirrored elsewhere (the stream's window stores): {@link #restore} loads
 * counts back before the first play, and every count that changed since the last {@link
 * #writeDirty} reaches the {@link CountSink}, also, first, when a window leaves memory.
 */
public final class PlayWindows {

    /** Where changed counts go. */
    public interface CountSink {
        /**
         * {@code key} is a {@link #key territory-title key} when {@code territoryTitle}, else a
         * title id.
         */
        void write(long windowStart, String key, long count, boolean territoryTitle);
    }

    /** Discards the counts (nothing to mirror). */
    public static final CountSink NO_SINK = (start, key, count, territoryTitle) -> {};

    private final long windowMs;
    private final CountSink sink;
    private PopularitySampler sampler;

    /** Index 0: the newest window, 1: the one before; either may be null. */
    private final Window[] windows = new Window[2];

    private TreeMap<Long, Window> restoring = new TreeMap<>();

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

    /** {@code beta}: the exponent of the negative sampler. */
    public PlayWindows(long windowMs, double beta, CountSink sink) {
        if (windowMs < 1) {
            throw new IllegalArgumentException(
                    "popularity window must be >= 1 ms, got " + windowMs);
        }
        this.windowMs = windowMs;
        this.sampler = new PopularitySampler(beta);
        this.sink = sink;
    }

    /** Key of a (territory, title) count: territory codes never contain a tab. */
    public static String key(String territory, String titleId) {
        return territory + '\t' + titleId;
    }

    /**
     * A count read back from the mirror; call {@link #restored} after the last, before any play.
     */
    public void restore(long windowStart, String key, long count, boolean territoryTitle) {
        Window w = restoring.computeIfAbsent(windowStart, Window::new);
        (territoryTitle ? w.territoryTitle : w.title).put(key, new Count(key, count));
    }

    /** Keeps the newest two of the restored windows and builds the sampler over them. */
    public void restored() {
        if (!restoring.isEmpty()) {
            long newest = restoring.lastKey();
            windows[0] = restoring.get(newest);
            windows[1] = restoring.getOrDefault(newest - windowMs, new Window(newest - windowMs));
            rebuildSampler();
        }
        restoring = new TreeMap<>();
    }

    /** The start of the window holding {@code eventTime}. */
    public long windowStart(long eventTime) {
        return Math.floorDiv(eventTime, windowMs) * windowMs;
    }

    /**
     * Counts one play. A play of a window older than the previous one is not held, and the sampler
     * does not see it: returns false, and the caller counts it in its mirror if it keeps one.
     */
    public boolean play(String territory, String titleId, long eventTime) {
        long start = windowStart(eventTime);
        if (windows[0] == null || start > windows[0].start) {
            slideTo(start);
        }
        Window w = window(start);
        if (w == null) {
            return false;
        }
        increment(w.territoryTitle, w.dirtyTerritoryTitle, key(territory, titleId));
        increment(w.title, w.dirtyTitle, titleId);
        sampler.played(territory, titleId);
        return true;
    }

    /** Draws titles of a territory ∝ plays^β over the windows held, up to date with every play. */
    public PopularitySampler sampler() {
        return sampler;
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

    /** Plays per territory and title summed over the windows held. */
    public Map<String, Map<String, Long>> byTerritory() {
        Map<String, Map<String, Long>> out = new HashMap<>();
        forEachTerritoryTitle(
                (territory, titleId, plays) ->
                        out.computeIfAbsent(territory, t -> new HashMap<>())
                                .merge(titleId, plays, Long::sum));
        return out;
    }

    /** Writes every count that changed since the last call to the sink. */
    public void writeDirty() {
        for (Window w : windows) {
            if (w != null) {
                flush(w.dirtyTerritoryTitle, w.start, true);
                flush(w.dirtyTitle, w.start, false);
            }
        }
    }

    private void flush(List<Count> dirty, long windowStart, boolean territoryTitle) {
        for (Count c : dirty) {
            sink.write(windowStart, c.key, c.n, territoryTitle);
            c.dirty = false;
        }
        dirty.clear();
    }

    private Window window(long start) {
        for (Window w : windows) {
            if (w != null && w.start == start) {
                return w;
            }
        }
        return null;
    }

    private void slideTo(long start) {
        // The windows that leave memory are written first: their last counts must reach the mirror.
        writeDirty();
        Window previous =
                windows[0] != null && windows[0].start == start - windowMs ? windows[0] : null;
        windows[1] = previous;
        windows[0] = new Window(start);
        // Once per window: the plays of the window that left no longer count for sampling.
        rebuildSampler();
    }

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
}
