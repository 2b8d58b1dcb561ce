package glocal.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import glocal.model.batch.ExampleBatch;
import glocal.model.embedding.UniqueRows;
import glocal.model.loss.InBatchSoftmax;
import glocal.model.sampling.PlayFrequencies;
import glocal.model.tower.TwoTower;

/**
 * The retrieval loss's side of a step ({@link RetrievalLoss}): the play counts behind the log Q
 * corrections (the sampling offsets of {@code bce-logq}, the shares of {@code softmax-logq}),
 * counted from the plays the trainer has seen before each batch, and the in-batch softmax over the
 * distinct titles of a batch's plays. Shapes: {@code N} examples, {@code P} plays, {@code C}
 * candidates. Holds the counts; not thread-safe, like the trainer.
 */
final class RetrievalTerms {

    private final ModelSpec spec;
    private final PriorTerms priorTerms;
    private final InBatchSoftmax inBatch;
    private PlayFrequencies frequencies;

    RetrievalTerms(ModelSpec spec, PriorTerms priorTerms) {
        this.spec = spec;
        this.priorTerms = priorTerms;
        this.inBatch = new InBatchSoftmax(spec.temperature());
        restart();
    }

    /** Counts from nothing again (a new pass over a period already trained on). */
    void restart() {
        frequencies = new PlayFrequencies(spec.logQExponent(), spec.frequencyHalfLife());
    }

    PlayFrequencies frequencies() {
        return frequencies;
    }

    void restore(PlayFrequencies restored) {
        frequencies = restored;
    }

    /** Moves the counts' clock to step {@code version} (their half-life is in steps). */
    void at(long version) {
        frequencies.at(version);
    }

    /** Indices of the batch's plays (the examples an in-batch softmax classifies). */
    static int[] plays(ExampleBatch batch) {
        int count = 0;
        for (int i = 0; i < batch.size(); i++) {
            count += batch.play()[i] > 0.5f ? 1 : 0;
        }
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (batch.play()[i] > 0.5f) {
                out[k++] = i;
            }
        }
        return out;
    }

    void observePlays(ExampleBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.play()[i] > 0.5f) {
                frequencies.play(batch.territories()[i], batch.titleIds()[i]);
            }
        }
    }

    /**
     * Per-play losses {@code (P)} of the in-batch softmax: the candidates are the distinct titles
     * of the batch's plays, corrected by log Q (their share of plays) for {@link
     * RetrievalLoss#SOFTMAX_LOGQ}.
     */
    NDArray inBatchLosses(
            NDManager sub,
            ExampleBatch batch,
            TwoTower.Outputs out,
            UniqueRows tu,
            int[] plays,
            NDArray popularityWeights) {
        if (plays.length == 0) {
            return sub.zeros(new Shape(0));
        }
        long[] titleOf = tu.localIndex();
        int[] column = new int[tu.count()];
        java.util.Arrays.fill(column, -1);
        long[] candidates = new long[plays.length];
        String[] candidateIds = new String[plays.length];
        float[] logQ = new float[plays.length];
        int columns = 0;
        int[] target = new int[plays.length];
        for (int p = 0; p < plays.length; p++) {
            int local = (int) titleOf[plays[p]];
            if (column[local] < 0) {
                column[local] = columns;
                candidates[columns] = local;
                candidateIds[columns] = batch.titleIds()[plays[p]];
                logQ[columns] =
                        spec.loss() == RetrievalLoss.SOFTMAX_LOGQ
                                ? (float) frequencies.logShare(batch.titleIds()[plays[p]])
                                : 0f;
                columns++;
            }
            target[p] = column[local];
        }
        NDArray users = out.exampleUsers().get(sub.create(toLongs(plays)));
        NDArray titleVectors =
                out.titles().get(sub.create(java.util.Arrays.copyOf(candidates, columns)));
        NDArray logitOffsets = sub.create(java.util.Arrays.copyOf(logQ, columns)).reshape(1, -1);
        if (popularityWeights != null) {
            // The softmax subtracts its offsets: minus the popularity term is plus it in the logit.
            logitOffsets =
                    logitOffsets.sub(
                            priorTerms
                                    .popularityPairs(
                                            sub,
                                            batch,
                                            plays,
                                            java.util.Arrays.copyOf(candidateIds, columns),
                                            popularityWeights)
                                    .div(inBatch.temperature()));
        }
        return inBatch.perPlay(
                users, titleVectors, logitOffsets, InBatchSoftmax.targets(sub, target, columns));
    }

    /**
     * log Q of each example's title under the stream's negative sampler in the example's territory,
     * relative to a uniform draw over the titles played there (a per-territory constant that the
     * ranking within a territory does not see, and that keeps the offsets near 0).
     */
    float[] samplingOffsets(ExampleBatch batch) {
        float[] out = new float[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            out[i] =
                    (float)
                            (frequencies.logSamplingProbability(
                                            batch.territories()[i], batch.titleIds()[i])
                                    + frequencies.logTitlesPlayed(batch.territories()[i]));
        }
        return out;
    }

    static float[] gather(float[] values, int[] at) {
        float[] out = new float[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = values[at[i]];
        }
        return out;
    }

    private static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /**
     * Per-example losses from per-play ones: examples that are not plays have no loss of their own
     * (NaN).
     */
    static float[] spread(NDArray perPlay, int[] plays, int n) {
        float[] out = new float[n];
        java.util.Arrays.fill(out, Float.NaN);
        float[] values = perPlay.toFloatArray();
        for (int p = 0; p < plays.length; p++) {
            out[plays[p]] = values[p];
        }
        return out;
    }
}
