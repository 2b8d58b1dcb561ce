package glocal.model.embedding;

import java.util.Arrays;

/**
 * The distinct rows of a batch and, per example, the index of its row among them. Reused across
 * steps (an open-addressing table sized to the batch), so deduplication allocates nothing per step.
 */
public final class UniqueRows {

    private int[] keys = new int[0];
    private int[] slots = new int[0];
    private int[] unique = new int[0];
    private int[] local = new int[0];
    private int count;
    private int size;

    /** Deduplicates {@code rows[0..n)}. */
    public UniqueRows build(int[] rows, int n) {
        int tableSize = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
        if (keys.length < tableSize) {
            keys = new int[tableSize];
            slots = new int[tableSize];
        }
        if (unique.length < n) {
            unique = new int[n];
            local = new int[n];
        }
        int mask = keys.length - 1;
        Arrays.fill(keys, -1);
        count = 0;
        size = n;
        for (int i = 0; i < n; i++) {
            int row = rows[i];
            int h = (row * 0x9E3779B1) >>> 7 & mask;
            while (keys[h] != -1 && keys[h] != row) {
                h = (h + 1) & mask;
            }
            if (keys[h] == -1) {
                keys[h] = row;
                slots[h] = count;
                unique[count++] = row;
            }
            local[i] = slots[h];
        }
        return this;
    }

    /** Number of distinct rows. */
    public int count() {
        return count;
    }

    /** Distinct rows, in order of first appearance; valid up to {@link #count()}. */
    public int[] rows() {
        return unique;
    }

    /** Per example, the index of its row in {@link #rows()}, as longs for an index tensor. */
    public long[] localIndex() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = local[i];
        }
        return out;
    }
}
