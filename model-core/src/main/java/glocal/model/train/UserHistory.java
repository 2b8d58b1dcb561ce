package glocal.model.train;

import glocal.model.batch.ExampleBatch;
import glocal.model.embedding.EmbeddingTable;
import glocal.model.embedding.IdMap;
import glocal.model.embedding.UniqueRows;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per user id, the titles of the user's last {@code H} plays that the trainer has trained on
 * ({@code model.user.history}): the "bag of watches" that joins the user's own embedding row at the
 * user tower's input. A batch reads the histories as they were before it and appends its plays only
 * after its step, so a play never predicts itself. Titles are kept by id, so an evicted and reused
 * title row is never mistaken for the title that held it; a title without a row is skipped.
 */
final class UserHistory {

    /**
     * The history inputs of a batch's distinct users.
     *
     * @param rows distinct title rows of all histories, valid up to {@code count}
     * @param count number of distinct title rows
     * @param index {@code (U * H)}: per user and history slot, the slot's title among {@code rows}
     *     (0 for an empty slot)
     * @param weights {@code (U * H)}: the slot's weight in the user's mean (1/size, 0 when empty)
     */
    record Bag(int[] rows, int count, long[] index, float[] weights) {}

    private final int length;
    private final Map<String, Ring> recent = new HashMap<>();
    private final UniqueRows unique = new UniqueRows();

    /** Keeps the last {@code length} plays per user (0: off, nothing is kept). */
    UserHistory(int length) {
        this.length = length;
    }

    /** {@code H}: plays kept per user (0: off). */
    int length() {
        return length;
    }

    boolean enabled() {
        return length > 0;
    }

    /** Users with a history. */
    int users() {
        return recent.size();
    }

    /**
     * The bag of the given users ({@code null} or an unknown user: an empty history), with title
     * rows from {@code titles} as they are now.
     */
    Bag bag(String[] userIds, EmbeddingTable titles) {
        int u = userIds.length;
        int[] slotRows = new int[u * length];
        int[] sizes = new int[u];
        int filled = 0;
        int[] flat = new int[u * length];
        for (int i = 0; i < u; i++) {
            Ring ring = userIds[i] == null ? null : recent.get(userIds[i]);
            if (ring == null) {
                continue;
            }
            for (int s = 0; s < ring.size; s++) {
                int row = titles.ids().rowOf(ring.titles[s]);
                if (row != IdMap.UNKNOWN_ROW) {
                    slotRows[i * length + sizes[i]] = row;
                    flat[filled++] = row;
                    sizes[i]++;
                }
            }
        }
        unique.build(flat, filled);
        int[] rows = Arrays.copyOf(unique.rows(), unique.count());
        long[] local = unique.localIndex();
        long[] index = new long[u * length];
        float[] weights = new float[u * length];
        int k = 0;
        for (int i = 0; i < u; i++) {
            for (int s = 0; s < sizes[i]; s++) {
                index[i * length + s] = local[k++];
                weights[i * length + s] = 1f / sizes[i];
            }
        }
        return new Bag(rows, rows.length, index, weights);
    }

    /** Appends the batch's plays, in batch order, to their users' histories. */
    void record(ExampleBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.play()[i] > 0.5f) {
                recent.computeIfAbsent(batch.userIds()[i], id -> new Ring(length))
                        .add(batch.titleIds()[i]);
            }
        }
    }

    /** Drops the histories of users whose rows were evicted. */
    void forget(Iterable<String> userIds) {
        for (String id : userIds) {
            recent.remove(id);
        }
    }

    /** The titles of the user's history, oldest first (empty when none). */
    String[] titles(String userId) {
        Ring ring = recent.get(userId);
        return ring == null ? new String[0] : Arrays.copyOf(ring.titles, ring.size);
    }

    /**
     * Replaces the user's history with {@code titles}, oldest first (a user moved in from another
     * trainer); empty removes it. Only the last {@code H} are kept.
     */
    void put(String userId, String[] titles) {
        if (!enabled() || titles.length == 0) {
            recent.remove(userId);
            return;
        }
        Ring ring = new Ring(length);
        for (String t : titles) {
            ring.add(t);
        }
        recent.put(userId, ring);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(length);
        out.writeInt(recent.size());
        for (Map.Entry<String, Ring> e : new TreeMap<>(recent).entrySet()) {
            out.writeUTF(e.getKey());
            Ring ring = e.getValue();
            out.writeInt(ring.size);
            for (int s = 0; s < ring.size; s++) {
                out.writeUTF(ring.titles[s]);
            }
        }
    }

    void read(DataInputStream in) throws IOException {
        int saved = in.readInt();
        if (saved != length) {
            throw new IOException(
                    "checkpoint keeps user histories of "
                            + saved
                            + " plays but the spec's "
                            + ModelSpec.USER_HISTORY
                            + " is "
                            + length);
        }
        recent.clear();
        int users = in.readInt();
        for (int i = 0; i < users; i++) {
            String id = in.readUTF();
            int size = in.readInt();
            Ring ring = new Ring(length);
            for (int s = 0; s < size; s++) {
                ring.add(in.readUTF());
            }
            recent.put(id, ring);
        }
    }

    /**
     * Merges two sets of row gradients ({@code (countA, dim)} and {@code (countB, dim)}, row-major)
     * into one per distinct row, so that Adam moves each row once per step.
     *
     * @return the distinct rows and their summed gradients, {@code (distinct, dim)}
     */
    static Merged merge(
            int[] rowsA,
            int countA,
            float[] gradA,
            int[] rowsB,
            int countB,
            float[] gradB,
            int dim) {
        int[] all = new int[countA + countB];
        System.arraycopy(rowsA, 0, all, 0, countA);
        System.arraycopy(rowsB, 0, all, countA, countB);
        UniqueRows distinct = new UniqueRows().build(all, all.length);
        long[] local = distinct.localIndex();
        float[] grad = new float[distinct.count() * dim];
        for (int i = 0; i < all.length; i++) {
            float[] from = i < countA ? gradA : gradB;
            int src = (i < countA ? i : i - countA) * dim;
            int dst = (int) local[i] * dim;
            for (int j = 0; j < dim; j++) {
                grad[dst + j] += from[src + j];
            }
        }
        return new Merged(Arrays.copyOf(distinct.rows(), distinct.count()), grad);
    }

    /** Distinct rows and their gradients, {@code (rows.length, dim)} row-major. */
    record Merged(int[] rows, float[] grad) {}

    /** The last plays of one user, oldest first once full (a ring shifted on overflow). */
    private static final class Ring {
        final String[] titles;
        int size;

        Ring(int capacity) {
            titles = new String[capacity];
        }

        void add(String titleId) {
            if (size == titles.length) {
                System.arraycopy(titles, 1, titles, 0, size - 1);
                size--;
            }
            titles[size++] = titleId;
        }
    }
}
