package glocal.model.train;

import glocal.model.embedding.EmbeddingTable;
import glocal.model.embedding.IdMap;
import glocal.model.prior.PopularityPrior;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The trainer's reading side: the vectors it publishes (users from the block of their last seen
 * groups, titles with their prior rows) and the top-K over every known title, built from a {@link
 * RankingSnapshot} that is kept while the model does not change. {@link TowerVectors} computes the
 * towers' vectors ({@link Vectors}) with the trainer's model; this class decides which rows, in
 * which blocks, in chunks of {@value #EXPORT_CHUNK}, so a published user vector scores a published
 * title vector by the same dot product {@link #topK} ranks by. Not thread-safe, like the trainer.
 */
final class TrainerExport {

    private static final int EXPORT_CHUNK = 8_192;

    /** The towers' vectors of given rows, computed by the trainer's model. */
    interface Vectors {
        /**
         * {@code (rows, outputDim + priorColumns)}: each row's vector from its task's block, ending
         * in the selector of its group's priors; {@code ids} the rows' user ids.
         */
        float[][] users(int[] rows, String[] ids, int[] tasks, int[] territoryGroups);

        /** {@code (rows, outputDim + priorColumns)}: the title tower's vectors and prior rows. */
        float[][] titles(int[] rows, String[] ids);
    }

    private final ModelSpec spec;
    private final EmbeddingTable users;
    private final EmbeddingTable titles;
    private final HomeGroups homeGroups;
    private final PopularityPrior popularity;
    private final LongSupplier version;
    private final Vectors vectors;

    /** Title vectors for ranking, valid while the model does not change. */
    private RankingSnapshot snapshot;

    TrainerExport(
            ModelSpec spec,
            EmbeddingTable users,
            EmbeddingTable titles,
            HomeGroups homeGroups,
            PopularityPrior popularity,
            LongSupplier version,
            Vectors vectors) {
        this.spec = spec;
        this.users = users;
        this.titles = titles;
        this.homeGroups = homeGroups;
        this.popularity = popularity;
        this.version = version;
        this.vectors = vectors;
    }

    /** Drops the ranking snapshot (title inputs or counts changed outside a step). */
    void invalidate() {
        snapshot = null;
    }

    /**
     * The user's vector from the block of the given groups (unknown users get the shared row's
     * vector).
     */
    float[] userEmbedding(String userId, int territoryGroup, int activityGroup) {
        checkGroup(territoryGroup, activityGroup);
        int row = users.ids().rowOf(userId);
        return vectors.users(
                        new int[] {row},
                        new String[] {row == IdMap.UNKNOWN_ROW ? null : userId},
                        new int[] {spec.task(territoryGroup, activityGroup)},
                        new int[] {territoryGroup})[0];
    }

    /**
     * The user's vector from the given territory group's block, for the user's last seen activity
     * group.
     */
    float[] userEmbedding(String userId, int territoryGroup) {
        int row = users.ids().rowOf(userId);
        int activity = row == IdMap.UNKNOWN_ROW ? 0 : homeGroups.activity(row);
        return userEmbedding(userId, territoryGroup, activity);
    }

    float[] titleEmbedding(String titleId) {
        return vectors.titles(new int[] {titles.ids().rowOf(titleId)}, new String[] {titleId})[0];
    }

    /** The territory group the user was last trained in, or -1 if the user has no row. */
    int homeTerritoryGroup(String userId) {
        int row = users.ids().rowOf(userId);
        return row == IdMap.UNKNOWN_ROW ? -1 : homeGroups.territory(row);
    }

    /**
     * Vectors of the given users, each from the block of its last seen groups; users without a row
     * are skipped.
     */
    List<UserVector> exportUsers(Collection<String> userIds) {
        List<String> known = new ArrayList<>();
        for (String id : userIds) {
            if (users.ids().rowOf(id) != IdMap.UNKNOWN_ROW) {
                known.add(id);
            }
        }
        List<UserVector> out = new ArrayList<>(known.size());
        for (int from = 0; from < known.size(); from += EXPORT_CHUNK) {
            List<String> chunk = known.subList(from, Math.min(known.size(), from + EXPORT_CHUNK));
            int[] rows = new int[chunk.size()];
            int[] tasks = new int[chunk.size()];
            int[] groups = new int[chunk.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = users.ids().rowOf(chunk.get(i));
                groups[i] = homeGroups.territory(rows[i]);
                tasks[i] = spec.task(groups[i], homeGroups.activity(rows[i]));
            }
            float[][] out2 = vectors.users(rows, chunk.toArray(String[]::new), tasks, groups);
            for (int i = 0; i < rows.length; i++) {
                int group = homeGroups.territory(rows[i]);
                out.add(
                        new UserVector(
                                chunk.get(i),
                                group,
                                homeGroups.activity(rows[i]),
                                out2[i],
                                popularity == null ? null : homeGroups.territoryCode(rows[i]),
                                popularity == null ? null : popularityWeights(group)));
            }
        }
        return out;
    }

    /**
     * Vectors of the given titles, with the popularity prior's features of each (the ranking
     * snapshot keeps its own per territory); titles without a row are skipped.
     */
    List<TitleVector> exportTitles(Collection<String> titleIds) {
        return exportTitles(titleIds, popularity != null);
    }

    private List<TitleVector> exportTitles(Collection<String> titleIds, boolean withPopularity) {
        List<String> known = new ArrayList<>();
        for (String id : titleIds) {
            if (titles.ids().rowOf(id) != IdMap.UNKNOWN_ROW) {
                known.add(id);
            }
        }
        List<TitleVector> out = new ArrayList<>(known.size());
        for (int from = 0; from < known.size(); from += EXPORT_CHUNK) {
            List<String> chunk = known.subList(from, Math.min(known.size(), from + EXPORT_CHUNK));
            int[] rows = chunk.stream().mapToInt(id -> titles.ids().rowOf(id)).toArray();
            float[][] out2 = vectors.titles(rows, chunk.toArray(String[]::new));
            for (int i = 0; i < rows.length; i++) {
                String id = chunk.get(i);
                out.add(
                        new TitleVector(
                                id, out2[i], withPopularity ? popularity.titleFeatures(id) : null));
            }
        }
        return out;
    }

    /**
     * The {@code k} best titles for the user in the given territory group, scored over every known
     * title (with the popularity prior, in the user's last seen territory).
     */
    List<ScoredTitle> topK(String userId, int territoryGroup, int k) {
        float[] user = userEmbedding(userId, territoryGroup);
        int userRow = users.ids().rowOf(userId);
        String territory = userRow == IdMap.UNKNOWN_ROW ? "" : homeGroups.territoryCode(userRow);
        float[] popularityWeights = popularity == null ? null : popularityWeights(territoryGroup);
        return rankingSnapshot().topK(user, territory, popularityWeights, k);
    }

    /** The popularity prior's weights {@code [w_r, w_*]} for a user of {@code territoryGroup}. */
    private float[] popularityWeights(int territoryGroup) {
        return popularity.weights(popularity.groups() > 1 ? territoryGroup : 0);
    }

    private RankingSnapshot rankingSnapshot() {
        int count = titles.ids().size();
        if (snapshot == null || !snapshot.current(version.getAsLong(), count)) {
            snapshot = null; // the old one may be large: let it go before the new one is built
            List<String> ids = new ArrayList<>(count);
            for (int row = 1; row < titles.rowLimit(); row++) {
                String id = titles.ids().idOf(row);
                if (id != null) {
                    ids.add(id);
                }
            }
            List<TitleVector> vectors = exportTitles(ids, false);
            snapshot =
                    new RankingSnapshot(
                            version.getAsLong(),
                            count,
                            vectors.stream().map(TitleVector::titleId).toArray(String[]::new),
                            vectors.stream().map(TitleVector::vector).toArray(float[][]::new),
                            popularity);
        }
        return snapshot;
    }

    private void checkGroup(int territoryGroup, int activityGroup) {
        if (territoryGroup < 0
                || territoryGroup >= spec.territoryGroups()
                || activityGroup < 0
                || activityGroup >= spec.activityGroups()) {
            throw new IllegalArgumentException(
                    "territory group "
                            + territoryGroup
                            + " / activity group "
                            + activityGroup
                            + " out of range: the model has "
                            + spec.territoryGroups()
                            + " and "
                            + spec.activityGroups());
        }
    }
}
