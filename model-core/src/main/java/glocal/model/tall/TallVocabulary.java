package glocal.model.tall;

import glocal.model.embedding.IdMap;
import glocal.model.embedding.IdMapConfig;
import java.util.Collection;
import java.util.SplittableRandom;

/**
 * The titles a {@link TallExperts} mixture reads and recommends, each at a fixed position (its
 * column in the dense input and output, {@code 0 .. size-1} in the order given), and the dense
 * encodings of users' histories over them: the multi-hot target {@code (N, titles)} and the
 * encoder's dropped-out, L2-normalised input {@code (N, titles)}. Plain arrays, no tensors; the
 * mixture turns them into NDArrays.
 */
final class TallVocabulary {

    private final IdMap titles;
    private final String[] titleIds;

    TallVocabulary(Collection<String> titleIds) {
        if (titleIds.isEmpty()) {
            throw new IllegalArgumentException(
                    "TALL experts need at least one title in the vocabulary");
        }
        this.titles = new IdMap(new IdMapConfig(1, Math.max(1, titleIds.size()), 0));
        for (String id : titleIds) {
            titles.observe(id, 0);
        }
        this.titleIds = new String[titles.size()];
        for (int row = 1; row < titles.rowLimit(); row++) {
            this.titleIds[row - 1] = titles.idOf(row);
        }
    }

    /** Titles in the vocabulary. */
    int size() {
        return titleIds.length;
    }

    /** The title at a position. */
    String titleAt(int position) {
        return titleIds[position];
    }

    /** The position of a title, or -1 when it is outside the vocabulary. */
    int positionOf(String titleId) {
        return titles.rowOf(titleId) - 1;
    }

    /** Positions of a history's titles, sorted and distinct; unknown titles are left out. */
    int[] positions(Collection<String> history) {
        if (history == null) {
            return new int[0];
        }
        return history.stream()
                .mapToInt(titles::rowOf)
                .filter(r -> r != IdMap.UNKNOWN_ROW)
                .map(r -> r - 1)
                .distinct()
                .sorted()
                .toArray();
    }

    /** The multi-hot targets of {@code histories} (positions), row-major {@code (N, titles)}. */
    float[] targets(int[][] histories) {
        int v = size();
        float[] x = new float[histories.length * v];
        for (int u = 0; u < histories.length; u++) {
            for (int t : histories[u]) {
                x[u * v + t] = 1f;
            }
        }
        return x;
    }

    /**
     * The encoder input {@code (N, titles)}: the history L2-normalised, and in training each title
     * dropped with probability {@code dropout}, survivors scaled by 1/(1 − dropout) (Liang et al.).
     * Drawn over the sparse history from {@code random} (the mixture's seeded stream, one draw per
     * title while {@code dropout} > 0), so a run depends only on the seed.
     */
    float[] inputs(int[][] histories, float dropout, SplittableRandom random) {
        int v = size();
        float[] in = new float[histories.length * v];
        for (int u = 0; u < histories.length; u++) {
            if (histories[u].length == 0) {
                continue;
            }
            float value = (float) (1 / Math.sqrt(histories[u].length) / (1 - dropout));
            for (int t : histories[u]) {
                if (dropout == 0f || random.nextDouble() >= dropout) {
                    in[u * v + t] = value;
                }
            }
        }
        return in;
    }
}
