package glocal.model.train;

import glocal.model.batch.ExampleBatch;
import glocal.model.embedding.EmbeddingTable;
import glocal.model.embedding.IdMap;
import glocal.model.embedding.RowStore;
import glocal.model.embedding.UniqueRows;
import java.util.Collection;
import java.util.List;

/**
 * Which ids have rows in the embedding tables, with a user's home groups and history beside its
 * row: rows given when a batch first shows an id (or ahead of time, {@link #preallocate}), idle
 * rows evicted, and a user's row handed over between trainers ({@link #exportUser}, {@link
 * #importUser}, {@link #dropUsers}). Not thread-safe, like the trainer.
 */
final class RowLifecycle {

    /**
     * Eviction scans a whole id map, so it runs at most this often (amortised O(batch) per step),
     * or a quarter of the idle limit when that is shorter.
     */
    static final long MAX_EVICTION_INTERVAL_STEPS = 1_000;

    /** A batch's distinct user and title rows (buffers reused by the next batch). */
    record BatchRows(UniqueRows users, UniqueRows titles) {}

    private final EmbeddingTable users;
    private final EmbeddingTable titles;
    private final HomeGroups homeGroups;
    private final UserHistory history;
    private final UniqueRows userUnique = new UniqueRows();
    private final UniqueRows titleUnique = new UniqueRows();

    RowLifecycle(
            EmbeddingTable users,
            EmbeddingTable titles,
            HomeGroups homeGroups,
            UserHistory history) {
        this.users = users;
        this.titles = titles;
        this.homeGroups = homeGroups;
        this.history = history;
    }

    /**
     * The batch's ids observed at step {@code version} (rows for ids now past their min count, the
     * users' groups remembered), and the batch's distinct rows.
     */
    BatchRows observe(ExampleBatch batch, long version) {
        int n = batch.size();
        int[] userRows = users.observe(batch.userIds(), n, version);
        int[] titleRows = titles.observe(batch.titleIds(), n, version);
        homeGroups.remember(batch, userRows, users.rowLimit());
        return new BatchRows(userUnique.build(userRows, n), titleUnique.build(titleRows, n));
    }

    /** Gives ids their rows ahead of training; min counts are bypassed. */
    void preallocate(String[] userIds, String[] titleIds, long version) {
        preallocate(users, userIds, version);
        preallocate(titles, titleIds, version);
        homeGroups.ensureRows(users.rowLimit());
    }

    private static void preallocate(EmbeddingTable table, String[] ids, long version) {
        for (int pass = 0; pass < table.ids().config().minCount(); pass++) {
            table.observe(ids, ids.length, version);
        }
    }

    /** Evicts both tables' idle ids when due (at step {@code version}); users lose histories. */
    void evictIfDue(long version) {
        history.forget(evictIfDue(users, version));
        evictIfDue(titles, version);
    }

    /** Evicts the table's idle ids when due; returns the evicted ids. */
    private static List<String> evictIfDue(EmbeddingTable table, long version) {
        long idle = table.ids().config().evictAfterSteps();
        if (idle > 0
                && version % Math.max(1, Math.min(MAX_EVICTION_INTERVAL_STEPS, idle / 4)) == 0) {
            return table.evictIdle(version);
        }
        return List.of();
    }

    /** What is kept about one user, or null when nothing is (no row and no history). */
    UserRowState exportUser(String userId) {
        RowStore.RowState row = users.rowState(userId);
        String[] played = history.titles(userId);
        if (row == null && played.length == 0) {
            return null;
        }
        int r = users.ids().rowOf(userId);
        return new UserRowState(
                userId,
                row,
                homeGroups.territory(r),
                homeGroups.activity(r),
                homeGroups.territoryCode(r),
                played);
    }

    /** Takes a user over from another trainer; the row counts as seen at step {@code version}. */
    void importUser(UserRowState state, long version) {
        String id = state.userId();
        if (state.row() == null) {
            users.remove(id);
        } else {
            int row = users.putRowState(id, state.row(), version);
            if (row != IdMap.UNKNOWN_ROW) {
                homeGroups.set(
                        row, state.territoryGroup(), state.activityGroup(), state.territory());
            }
        }
        history.put(id, state.history());
    }

    /** Frees the users' rows and drops their histories; returns how many had a row. */
    int dropUsers(Collection<String> userIds) {
        int dropped = 0;
        for (String id : userIds) {
            if (users.remove(id)) {
                dropped++;
            }
        }
        history.forget(userIds);
        return dropped;
    }
}
