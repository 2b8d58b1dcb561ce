package glocal.model.embedding;

import glocal.model.optim.AdamConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An id map and its row store in one structure: ids become rows, rows are gathered per batch and
 * updated row-wise. A newly assigned row gets a random start derived from the table seed and the id
 * itself (not from arrival order), so a restored table initialises new ids exactly as the original
 * would.
 *
 * <p>A table may carry a companion row per id (for titles: the popularity priors of {@code
 * model.title.priors}), started at zero whenever the main row is started, updated row-wise with its
 * own Adam state, evicted, checkpointed and marked changed together with the main row.
 */
public final class EmbeddingTable {

    /** The id the shared unknown row's start is derived from (no real id starts with NUL). */
    private static final String UNKNOWN_SEED_ID = "\u0000unknown";

    private final String name;
    private final IdMapConfig config;
    private final long seed;
    private final float initStd;
    private IdMap ids;
    private RowStore store;
    private final int companionDim;
    private RowStore companion;

    /** One bias value per id, trained apart from the companion row (null: none). */
    private RowStore bias;

    /** With the bias: each id's counted plays and exposures (not trained; null: none). */
    private RowStore exposureCounts;

    private final BitSet changed = new BitSet();
    private final List<Integer> changedRows = new ArrayList<>();
    private final Map<String, float[]> initialRows = new HashMap<>();

    public EmbeddingTable(String name, int dim, IdMapConfig config, long seed, float initStd) {
        this(name, dim, config, seed, initStd, 0);
    }

    /**
     * A table whose ids also own a zero-started companion row of {@code companionDim} values (0:
     * none).
     */
    public EmbeddingTable(
            String name, int dim, IdMapConfig config, long seed, float initStd, int companionDim) {
        this.name = name;
        this.companionDim = companionDim;
        this.companion = companionDim > 0 ? new RowStore(companionDim) : null;
        this.config = config;
        this.seed = seed;
        this.initStd = initStd;
        this.ids = new IdMap(config);
        this.store = new RowStore(dim);
        initRow(IdMap.UNKNOWN_ROW, UNKNOWN_SEED_ID);
    }

    private void initRow(int row, String id) {
        float[] given = initialRows.get(id);
        if (given != null) {
            store.setRow(row, given);
        } else {
            store.initRow(row, rowSeed(id), initStd);
        }
        if (companion != null) {
            companion.initRow(row, 0L, 0f);
        }
        if (bias != null) {
            bias.initRow(row, 0L, 0f);
            exposureCounts.initRow(row, 0L, 0f);
        }
    }

    /**
     * Gives every id a zero-started bias value with its own Adam state (the exposure head's user
     * and title engagement biases), kept apart from the companion row so that neither's momentum
     * moves the other, and a pair of counts (plays, exposures) that {@link #count} adds to. Call
     * before the first {@link #observe}.
     */
    public EmbeddingTable withBias() {
        if (bias == null) {
            bias = new RowStore(1);
            bias.initRow(IdMap.UNKNOWN_ROW, 0L, 0f);
            exposureCounts = new RowStore(2);
            exposureCounts.initRow(IdMap.UNKNOWN_ROW, 0L, 0f);
        }
        return this;
    }

    /** Row-major {@code (count, 2)}: the plays and exposures counted for rows {@code rows}. */
    public float[] gatherCounts(int[] rows, int count) {
        float[] out = new float[count * 2];
        for (int i = 0; i < count; i++) {
            exposureCounts.copyRow(rows[i], out, i * 2);
        }
        return out;
    }

    /** Counts one exposure of the row's id, and a play if {@code play}. */
    public void count(int row, boolean play) {
        float[] c = exposureCounts.row(row);
        c[0] += play ? 1f : 0f;
        c[1] += 1f;
        exposureCounts.setRow(row, c);
    }

    /** True when the ids carry a bias value (see {@link #withBias}). */
    public boolean hasBias() {
        return bias != null;
    }

    /** The bias values of rows {@code rows[0..count)}. */
    public float[] gatherBias(int[] rows, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            bias.copyRow(rows[i], out, i);
        }
        return out;
    }

    /** {@link #apply} for the bias values (one gradient per row). */
    public void applyBias(int[] rows, int count, float[] grads, AdamConfig config) {
        apply(bias, rows, count, grads, config);
    }

    /**
     * The values an id's row starts from when it is first assigned (instead of the seeded random
     * initialisation); a row already assigned is not changed. Not checkpointed.
     */
    public void setInitialRow(String id, float[] values) {
        if (values.length != dim()) {
            throw new IllegalArgumentException(
                    name + " row of " + id + " has " + values.length + " values, not " + dim());
        }
        initialRows.put(id, values.clone());
    }

    /** Width of the companion rows (0 when the table has none). */
    public int companionDim() {
        return companionDim;
    }

    public String name() {
        return name;
    }

    public int dim() {
        return store.dim();
    }

    public IdMap ids() {
        return ids;
    }

    /**
     * Counts a sighting of each id at {@code step} and returns its row (assigning and initialising
     * new rows).
     */
    public int[] observe(String[] idColumn, int n, long step) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            int row = ids.observe(idColumn[i], step);
            if (row < 0) {
                row = -row;
                initRow(row, idColumn[i]);
            }
            rows[i] = row;
        }
        return rows;
    }

    /** Rows of the ids without counting sightings; unknown ids map to {@link IdMap#UNKNOWN_ROW}. */
    public int[] lookup(String[] idColumn, int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = ids.rowOf(idColumn[i]);
        }
        return rows;
    }

    /** Copies rows {@code rows[0..count)} into one row-major {@code count x dim} array. */
    public float[] gather(int[] rows, int count) {
        int dim = store.dim();
        float[] out = new float[count * dim];
        for (int i = 0; i < count; i++) {
            store.copyRow(rows[i], out, i * dim);
        }
        return out;
    }

    /**
     * Companion rows {@code rows[0..count)} as one row-major {@code count x companionDim} array.
     */
    public float[] gatherCompanion(int[] rows, int count) {
        float[] out = new float[count * companionDim];
        for (int i = 0; i < count; i++) {
            companion.copyRow(rows[i], out, i * companionDim);
        }
        return out;
    }

    public float[] companionRow(int row) {
        return companion.row(row);
    }

    /**
     * Applies Adam to rows {@code rows[0..count)} with row-major gradients, and marks them changed.
     * A row whose gradient is all zero (no example of the batch's loss reached it) is left alone,
     * as the dense optimizer leaves a block without gradient: its momentum must not move it.
     */
    public void apply(int[] rows, int count, float[] grads, AdamConfig config) {
        apply(store, rows, count, grads, config);
    }

    /** {@link #apply} for the companion rows. */
    public void applyCompanion(int[] rows, int count, float[] grads, AdamConfig config) {
        apply(companion, rows, count, grads, config);
    }

    private void apply(RowStore target, int[] rows, int count, float[] grads, AdamConfig config) {
        int dim = target.dim();
        for (int i = 0; i < count; i++) {
            if (allZero(grads, i * dim, dim)) {
                continue;
            }
            int row = rows[i];
            target.applyAdam(row, grads, i * dim, config);
            if (row != IdMap.UNKNOWN_ROW && !changed.get(row)) {
                changed.set(row);
                changedRows.add(row);
            }
        }
    }

    /**
     * Marks rows {@code rows[0..count)} changed without moving them: what they publish changed for
     * another reason (e.g. the user's play history).
     */
    public void markChanged(int[] rows, int count) {
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (row != IdMap.UNKNOWN_ROW && !changed.get(row)) {
                changed.set(row);
                changedRows.add(row);
            }
        }
    }

    private static boolean allZero(float[] values, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (values[i] != 0f) {
                return false;
            }
        }
        return true;
    }

    public float[] row(int row) {
        return store.row(row);
    }

    /** Ids whose rows changed since the last call, in order of first change. */
    public List<String> drainChanged() {
        List<String> out = new ArrayList<>(changedRows.size());
        for (int row : changedRows) {
            String id = ids.idOf(row);
            if (id != null) {
                out.add(id);
            }
            changed.clear(row);
        }
        changedRows.clear();
        return out;
    }

    /**
     * Starts every row that holds a NaN or an infinity over (as a new id's row, fresh optimizer
     * state) and marks it changed, so the repaired vector is published over the bad one. For a
     * table read from a checkpoint a diverged build wrote; returns how many rows were repaired.
     */
    public int reinitialiseNonFiniteRows() {
        int repaired = 0;
        for (int row = 0; row < Math.max(1, ids.rowLimit()); row++) {
            String id = row == IdMap.UNKNOWN_ROW ? UNKNOWN_SEED_ID : ids.idOf(row);
            if (id != null
                    && (!store.rowFinite(row)
                            || (companion != null && !companion.rowFinite(row))
                            || (bias != null && !bias.rowFinite(row)))) {
                initRow(row, id);
                if (row != IdMap.UNKNOWN_ROW && !changed.get(row)) {
                    changed.set(row);
                    changedRows.add(row);
                }
                repaired++;
            }
        }
        return repaired;
    }

    /** The id's row and its Adam state, or null when the id has no row of its own. */
    public RowStore.RowState rowState(String id) {
        int row = ids.rowOf(id);
        return row == IdMap.UNKNOWN_ROW ? null : store.state(row);
    }

    /**
     * Gives {@code id} a row holding {@code state} (a row moved in from another trainer), seen at
     * {@code step}; its companion row, if the table has one, starts at zero. Returns the row, or
     * {@link IdMap#UNKNOWN_ROW} when the table is full.
     */
    public int putRowState(String id, RowStore.RowState state, long step) {
        int row = ids.assign(id, step);
        if (row == IdMap.UNKNOWN_ROW) {
            return row;
        }
        row = Math.abs(row);
        store.setState(row, state);
        if (companion != null) {
            companion.initRow(row, 0L, 0f);
        }
        return row;
    }

    /**
     * Removes the id and frees its row (its user moved to another trainer); false if it had none.
     */
    public boolean remove(String id) {
        int row = ids.remove(id);
        if (row == IdMap.UNKNOWN_ROW) {
            return false;
        }
        if (changed.get(row)) {
            // Rare: the trainer publishes before it lets users go, so the list is empty then.
            changedRows.remove(Integer.valueOf(row));
            changed.clear(row);
        }
        return true;
    }

    /** Evicts ids idle for longer than the configured limit; their rows are reused later. */
    public List<String> evictIdle(long step) {
        return ids.evictIdle(step);
    }

    /** Rows the table spans (for snapshots and exports). */
    public int rowLimit() {
        return ids.rowLimit();
    }

    public void write(DataOutputStream out) throws IOException {
        IdMap.Snapshot snap = ids.snapshot();
        out.writeInt(snap.ids().length);
        for (String id : snap.ids()) {
            out.writeBoolean(id != null);
            if (id != null) {
                out.writeUTF(id);
            }
        }
        for (long seen : snap.lastSeen()) {
            out.writeLong(seen);
        }
        out.writeInt(snap.freeRows().length);
        for (int row : snap.freeRows()) {
            out.writeInt(row);
        }
        out.writeInt(snap.pendingCounts().size());
        for (var e : snap.pendingCounts().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue());
        }
        store.write(out, Math.max(1, ids.rowLimit()));
        if (companion != null) {
            companion.write(out, Math.max(1, ids.rowLimit()));
        }
        if (bias != null) {
            bias.write(out, Math.max(1, ids.rowLimit()));
            exposureCounts.write(out, Math.max(1, ids.rowLimit()));
        }
    }

    /** Replaces this table's content with what {@link #write} wrote. */
    public void read(DataInputStream in) throws IOException {
        int n = in.readInt();
        String[] idArray = new String[n];
        for (int i = 0; i < n; i++) {
            idArray[i] = in.readBoolean() ? in.readUTF() : null;
        }
        long[] lastSeen = new long[n];
        for (int i = 0; i < n; i++) {
            lastSeen[i] = in.readLong();
        }
        int[] free = new int[in.readInt()];
        for (int i = 0; i < free.length; i++) {
            free[i] = in.readInt();
        }
        int pending = in.readInt();
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < pending; i++) {
            counts.put(in.readUTF(), in.readInt());
        }
        RowStore restored = RowStore.read(in);
        RowStore restoredCompanion = companion == null ? null : RowStore.read(in);
        RowStore restoredBias = bias == null ? null : RowStore.read(in);
        RowStore restoredCounts = bias == null ? null : RowStore.read(in);
        if (restored.dim() != store.dim()) {
            throw new IOException(
                    "embedding table "
                            + name
                            + ": checkpoint has dimension "
                            + restored.dim()
                            + " but the model spec says "
                            + store.dim()
                            + "; restore with the spec it was saved with");
        }
        ids = IdMap.restore(config, new IdMap.Snapshot(idArray, lastSeen, free, counts));
        store = restored;
        if (restoredCompanion != null) {
            if (restoredCompanion.dim() != companionDim) {
                throw new IOException(
                        "embedding table "
                                + name
                                + ": checkpoint has companion rows of "
                                + restoredCompanion.dim()
                                + " values but the model spec says "
                                + companionDim);
            }
            companion = restoredCompanion;
        }
        if (restoredBias != null) {
            bias = restoredBias;
            exposureCounts = restoredCounts;
        }
        changed.clear();
        changedRows.clear();
    }

    private long rowSeed(String id) {
        // FNV-1a over the UTF-8 bytes, mixed with the table seed: stable across JVMs and runs.
        long h = 0xcbf29ce484222325L ^ seed;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
