package glocal.model.embedding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collisionless map from string id to table row. Row {@link #UNKNOWN_ROW} is shared by ids that
 * have no row of their own (seen fewer than {@code minCount} times, or the map is full). Rows of
 * evicted ids are reused. Not thread-safe: the trainer owns it.
 */
public final class IdMap {

    public static final int UNKNOWN_ROW = 0;

    private final IdMapConfig config;
    private final Map<String, Integer> rows = new HashMap<>();
    private final Map<String, Integer> pendingCounts = new HashMap<>();
    private String[] ids = new String[1024];
    private long[] lastSeen = new long[1024];
    private int[] freeRows = new int[16];
    private int freeCount;
    private int nextRow = 1;

    public IdMap(IdMapConfig config) {
        this.config = config;
    }

    public IdMapConfig config() {
        return config;
    }

    /** The id's row, or {@link #UNKNOWN_ROW} if it has none; does not count the sighting. */
    public int rowOf(String id) {
        Integer row = rows.get(id);
        return row == null ? UNKNOWN_ROW : row;
    }

    /**
     * Records a sighting at {@code step} and returns the id's row, assigning one when the id has
     * reached {@code minCount} sightings and there is room. Returns a negative value {@code -(row)}
     * when a row was newly assigned, so the caller can initialise it.
     */
    public int observe(String id, long step) {
        Integer row = rows.get(id);
        if (row != null) {
            lastSeen[row] = step;
            return row;
        }
        if (config.minCount() > 1) {
            if (pendingCounts.size() >= config.maxRows()) {
                // Bounded memory for ids still below min count: forget their sightings and start
                // again.
                pendingCounts.clear();
            }
            int seen = pendingCounts.merge(id, 1, Integer::sum);
            if (seen < config.minCount()) {
                return UNKNOWN_ROW;
            }
            pendingCounts.remove(id);
        }
        if (rows.size() >= config.maxRows()) {
            return UNKNOWN_ROW;
        }
        int newRow = freeCount > 0 ? freeRows[--freeCount] : nextRow++;
        ensureCapacity(newRow + 1);
        ids[newRow] = id;
        lastSeen[newRow] = step;
        rows.put(id, newRow);
        return -newRow;
    }

    /**
     * Removes ids unseen since {@code step - evictAfterSteps}. This scans the whole map, so the
     * trainer calls it only every many steps (amortised O(batch) per step).
     */
    public List<String> evictIdle(long step) {
        List<String> evicted = new ArrayList<>();
        if (config.evictAfterSteps() == 0) {
            return evicted;
        }
        long cutoff = step - config.evictAfterSteps();
        for (int row = 1; row < nextRow; row++) {
            if (ids[row] != null && lastSeen[row] < cutoff) {
                evicted.add(ids[row]);
                rows.remove(ids[row]);
                ids[row] = null;
                if (freeCount == freeRows.length) {
                    freeRows = Arrays.copyOf(freeRows, freeRows.length * 2);
                }
                freeRows[freeCount++] = row;
            }
        }
        // Sightings of ids that never reached min count are forgotten too, so the pending map stays
        // bounded.
        pendingCounts.clear();
        return evicted;
    }

    /**
     * Gives {@code id} a row of its own at {@code step} whatever its sightings (a row moved in from
     * another trainer), or returns the row it has. Returns {@code -(row)} when the row is new, as
     * {@link #observe} does, and {@link #UNKNOWN_ROW} when the map is full.
     */
    public int assign(String id, long step) {
        Integer row = rows.get(id);
        if (row != null) {
            lastSeen[row] = step;
            return row;
        }
        pendingCounts.remove(id);
        if (rows.size() >= config.maxRows()) {
            return UNKNOWN_ROW;
        }
        int newRow = freeCount > 0 ? freeRows[--freeCount] : nextRow++;
        ensureCapacity(newRow + 1);
        ids[newRow] = id;
        lastSeen[newRow] = step;
        rows.put(id, newRow);
        return -newRow;
    }

    /**
     * Removes {@code id} and its sightings; its row is freed for reuse. Returns the row it had, or
     * {@link #UNKNOWN_ROW}.
     */
    public int remove(String id) {
        pendingCounts.remove(id);
        Integer row = rows.remove(id);
        if (row == null) {
            return UNKNOWN_ROW;
        }
        ids[row] = null;
        if (freeCount == freeRows.length) {
            freeRows = Arrays.copyOf(freeRows, freeRows.length * 2);
        }
        freeRows[freeCount++] = row;
        return row;
    }

    /** The id owning {@code row}, or null for the unknown row or a free row. */
    public String idOf(int row) {
        return row > 0 && row < nextRow ? ids[row] : null;
    }

    /** Ids with their own row. */
    public int size() {
        return rows.size();
    }

    /** One past the highest row ever assigned (table rows the store must hold). */
    public int rowLimit() {
        return nextRow;
    }

    public long lastSeen(int row) {
        return lastSeen[row];
    }

    /** Snapshot for checkpoints: ids by row (null = free or unknown) and last-seen steps. */
    public Snapshot snapshot() {
        return new Snapshot(
                Arrays.copyOf(ids, nextRow),
                Arrays.copyOf(lastSeen, nextRow),
                Arrays.copyOf(freeRows, freeCount),
                new HashMap<>(pendingCounts));
    }

    /** Rebuilds a map from a snapshot taken by {@link #snapshot()}. */
    public static IdMap restore(IdMapConfig config, Snapshot snapshot) {
        IdMap map = new IdMap(config);
        int limit = Math.max(1, snapshot.ids().length);
        map.ensureCapacity(limit);
        map.nextRow = limit;
        for (int row = 1; row < limit; row++) {
            String id = snapshot.ids()[row];
            map.lastSeen[row] = snapshot.lastSeen()[row];
            if (id != null) {
                map.ids[row] = id;
                map.rows.put(id, row);
            }
        }
        // The free-row stack is restored as it was, so rows are reused in the same order as an
        // uninterrupted run would reuse them.
        map.freeRows = Arrays.copyOf(snapshot.freeRows(), Math.max(16, snapshot.freeRows().length));
        map.freeCount = snapshot.freeRows().length;
        map.pendingCounts.putAll(snapshot.pendingCounts());
        return map;
    }

    private void ensureCapacity(int needed) {
        if (needed > ids.length) {
            int cap = Math.max(needed, ids.length * 2);
            ids = Arrays.copyOf(ids, cap);
            lastSeen = Arrays.copyOf(lastSeen, cap);
        }
    }

    /** Checkpoint form of the map. */
    public record Snapshot(
            String[] ids, long[] lastSeen, int[] freeRows, Map<String, Integer> pendingCounts) {}
}
