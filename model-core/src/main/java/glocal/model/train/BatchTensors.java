package glocal.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import glocal.model.batch.ExampleBatch;
import glocal.model.embedding.EmbeddingTable;
import glocal.model.embedding.IdMap;
import glocal.model.embedding.UniqueRows;
import glocal.model.prior.PopularityPrior;
import glocal.model.tower.TwoTower;

/**
 * The DJL arrays a forward pass reads, made in a caller's (per-batch) manager from the JVM row
 * stores and an {@link ExampleBatch}: embedding, prior and history rows, the towers' inputs, the
 * labels. {@code D} is {@code model.embedding.dim}. Stateless apart from the tables it reads.
 */
final class BatchTensors {

    private final ModelSpec spec;
    private final TwoTower model;
    private final EmbeddingTable users;
    private final EmbeddingTable titles;
    private final TitleInputs titleInputs;
    private final UserHistory history;
    private final PopularityPrior popularity;

    /**
     * @param popularity the popularity prior, or null when the spec has none
     */
    BatchTensors(
            ModelSpec spec,
            TwoTower model,
            EmbeddingTable users,
            EmbeddingTable titles,
            TitleInputs titleInputs,
            UserHistory history,
            PopularityPrior popularity) {
        this.spec = spec;
        this.model = model;
        this.users = users;
        this.titles = titles;
        this.titleInputs = titleInputs;
        this.history = history;
        this.popularity = popularity;
    }

    /** {@code (count, D)}: the users' embedding rows, or zeros without {@code model.user.row}. */
    NDArray userRows(NDManager sub, int[] rows, int count) {
        return spec.userRow()
                ? sub.create(users.gather(rows, count), new Shape(count, spec.embeddingDim()))
                : sub.zeros(new Shape(count, spec.embeddingDim()));
    }

    /** {@code (tu.count, titleInputs.width)}: the title tower's input of the distinct titles. */
    NDArray titleRows(NDManager sub, UniqueRows tu) {
        return sub.create(titleInputs.rows(tu), new Shape(tu.count(), titleInputs.width()));
    }

    /** {@code (rows, titleInputs.width)}: the title tower's input of the given titles. */
    NDArray titleRows(NDManager sub, int[] rows, String[] ids) {
        return sub.create(titleInputs.rows(rows, ids), new Shape(rows.length, titleInputs.width()));
    }

    /** {@code (count, priorColumns)}: the titles' prior rows. */
    NDArray priorRows(NDManager sub, int[] rows, int count) {
        return sub.create(
                titles.gatherCompanion(rows, count), new Shape(count, spec.priorColumns()));
    }

    /** {@code (bag.count, D)}: the title rows of the bag's histories. */
    NDArray historyRows(NDManager sub, UserHistory.Bag bag) {
        return sub.create(
                titles.gather(bag.rows(), bag.count()),
                new Shape(bag.count(), spec.embeddingDim()));
    }

    /** {@code (groups, PopularityPrior.FEATURES)}: the popularity prior's weights. */
    NDArray popularityWeights(NDManager sub) {
        return sub.create(
                popularity.weights(), new Shape(popularity.groups(), PopularityPrior.FEATURES));
    }

    /**
     * {@code (U, D)}: each user's mean of its history's title rows ({@code historyRows} is {@code
     * (bag.count, D)}; a user without history gets zeros).
     */
    NDArray historyMean(NDManager sub, UserHistory.Bag bag, NDArray historyRows, int userCount) {
        int h = history.length();
        return historyRows
                .get(sub.create(bag.index()))
                .mul(sub.create(bag.weights(), new Shape((long) userCount * h, 1)))
                .reshape(userCount, h, spec.embeddingDim())
                .sum(new int[] {1});
    }

    /**
     * {@code (rows, D)}: the user tower's input of the given users, their rows plus (with {@code
     * model.user.history}) the mean of their history's title rows.
     */
    NDArray userInputs(NDManager sub, int[] rows, String[] ids, int count) {
        NDArray input = userRows(sub, rows, count);
        if (!history.enabled()) {
            return input;
        }
        UserHistory.Bag bag = history.bag(ids, titles);
        if (bag.count() == 0) {
            return input;
        }
        return input.add(historyMean(sub, bag, historyRows(sub, bag), count));
    }

    /**
     * The model's inputs: the distinct users' input, each example's user-and-task index, the
     * distinct titles' input, each example's title index, and (with a bias net) each example's
     * one-hot territory and activity groups.
     */
    NDList inputs(
            NDManager sub,
            ExampleBatch batch,
            NDArray userSlice,
            UniqueRows uu,
            NDArray titleSlice,
            UniqueRows tu) {
        long[] userTask = uu.localIndex();
        int tasks = spec.tasks();
        for (int i = 0; i < userTask.length; i++) {
            userTask[i] =
                    userTask[i] * tasks
                            + spec.task(batch.territoryGroups()[i], batch.activityGroups()[i]);
        }
        NDList inputs =
                new NDList(
                        userSlice, sub.create(userTask), titleSlice, sub.create(tu.localIndex()));
        if (model.hasBiasNet()) {
            int g = spec.territoryGroups();
            int width = g + spec.activityGroups();
            float[] features = new float[batch.size() * width];
            for (int i = 0; i < batch.size(); i++) {
                features[i * width + batch.territoryGroups()[i]] = 1f;
                features[i * width + g + batch.activityGroups()[i]] = 1f;
            }
            inputs.add(sub.create(features, new Shape(batch.size(), width)));
        }
        return inputs;
    }

    /** Play, finished, skipped, watch ratio and weight: the behaviour heads' labels. */
    static NDList headLabels(NDManager sub, ExampleBatch batch) {
        return new NDList(
                sub.create(batch.play()),
                sub.create(batch.finished()),
                sub.create(batch.skipped()),
                sub.create(batch.watchRatio()),
                sub.create(batch.weights()));
    }

    /** Play and weight: the retrieval loss's labels. */
    static NDList labels(NDManager sub, ExampleBatch batch) {
        return new NDList(sub.create(batch.play()), sub.create(batch.weights()));
    }

    /**
     * Per distinct row of {@code distinct}, the id of its first example ({@code null} for the
     * shared unknown row, which has no history of its own).
     */
    static String[] distinctIds(String[] ids, UniqueRows distinct) {
        String[] out = new String[distinct.count()];
        long[] local = distinct.localIndex();
        for (int i = local.length - 1; i >= 0; i--) {
            out[(int) local[i]] = ids[i];
        }
        for (int u = 0; u < out.length; u++) {
            if (distinct.rows()[u] == IdMap.UNKNOWN_ROW) {
                out[u] = null;
            }
        }
        return out;
    }
}
