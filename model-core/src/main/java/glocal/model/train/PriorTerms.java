package glocal.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import glocal.model.batch.ExampleBatch;
import glocal.model.prior.PopularityPrior;
import glocal.model.tower.TwoTower;

/**
 * The score's prior terms beside the towers' dot product: the title priors ({@code
 * model.title.priors}: a bias row per title, for everyone and per territory group, selected by
 * {@code [1, one-hot(group)]} on the user side) and the popularity prior ({@code
 * model.popularity.prior}: per group, learned weights times the title's decayed play counts in the
 * example's territory and everywhere). Shapes: {@code N} examples, {@code P} plays, {@code C}
 * in-batch candidates. Stateless apart from the prior it reads; used by the trainer's step ({@link
 * StepLoss}), scoring ({@link BatchScorer}) and vectors ({@link TowerVectors}).
 */
final class PriorTerms {

    private final ModelSpec spec;
    private final PopularityPrior popularity;

    /**
     * @param popularity the popularity prior, or null when the spec has none
     */
    PriorTerms(ModelSpec spec, PopularityPrior popularity) {
        this.spec = spec;
        this.popularity = popularity;
    }

    /**
     * The forward outputs with the title priors in: each example's user vector gains {@code [1,
     * one-hot(territory group)]}, each title vector its prior row, and the logit their product (the
     * example's title's bias for everyone plus its bias in the example's group).
     */
    TwoTower.Outputs withPriors(
            NDManager sub,
            TwoTower.Outputs out,
            ExampleBatch batch,
            NDArray priors,
            NDArray titleIndex) {
        NDArray mask = priorMask(sub, batch);
        NDArray logits = out.logits().add(priors.get(titleIndex).mul(mask).sum(new int[] {1}));
        return new TwoTower.Outputs(
                logits,
                out.headLogits(),
                out.exampleUsers().concat(mask, 1),
                out.titles().concat(priors, 1));
    }

    /**
     * {@code (N, priorColumns)}: 1, then the one-hot of the example's territory group (none for
     * baseline).
     */
    NDArray priorMask(NDManager sub, ExampleBatch batch) {
        int width = spec.priorColumns();
        float[] mask = new float[batch.size() * width];
        for (int i = 0; i < batch.size(); i++) {
            mask[i * width] = 1f;
            if (width > 1) {
                mask[i * width + 1 + batch.territoryGroups()[i]] = 1f;
            }
        }
        return sub.create(mask, new Shape(batch.size(), width));
    }

    /**
     * {@code (N)}: each example's {@code w_g · f}, its group's popularity weights times its
     * features.
     */
    NDArray popularityTerm(NDManager sub, ExampleBatch batch, NDArray weights, float[] features) {
        NDArray f = sub.create(features, new Shape(batch.size(), PopularityPrior.FEATURES));
        return weights.get(sub.create(popularityGroups(batch.territoryGroups(), batch.size())))
                .mul(f)
                .sum(new int[] {1});
    }

    /**
     * Each example's row of popularity weights: its territory group, or 0 when the model has one
     * row.
     */
    long[] popularityGroups(int[] territoryGroups, int n) {
        long[] out = new long[n];
        if (popularity.groups() > 1) {
            for (int i = 0; i < n; i++) {
                out[i] = territoryGroups[i];
            }
        }
        return out;
    }

    /**
     * {@code (P, C)}: for each play p and candidate title c of an in-batch softmax, the popularity
     * term of c in p's territory with p's group's weights.
     */
    NDArray popularityPairs(
            NDManager sub,
            ExampleBatch batch,
            int[] plays,
            String[] candidateIds,
            NDArray weights) {
        int c = candidateIds.length;
        float[] territory = new float[plays.length * c];
        float[] global = new float[c];
        // A batch holds few territories: each one's candidate features are looked up once.
        java.util.Map<String, float[]> byTerritory = new java.util.HashMap<>();
        for (int j = 0; j < c; j++) {
            global[j] = popularity.features(batch.territories()[plays[0]], candidateIds[j])[1];
        }
        int[] groups = new int[plays.length];
        for (int p = 0; p < plays.length; p++) {
            groups[p] = batch.territoryGroups()[plays[p]];
            float[] row =
                    byTerritory.computeIfAbsent(
                            batch.territories()[plays[p]],
                            code -> {
                                float[] out = new float[c];
                                for (int j = 0; j < c; j++) {
                                    out[j] = popularity.features(code, candidateIds[j])[0];
                                }
                                return out;
                            });
            System.arraycopy(row, 0, territory, p * c, c);
        }
        NDArray w = weights.get(sub.create(popularityGroups(groups, plays.length)));
        return w.get(":, 0:1")
                .mul(sub.create(territory, new Shape(plays.length, c)))
                .add(w.get(":, 1:2").mul(sub.create(global, new Shape(1, c))));
    }

    /** The part of a published user vector that selects its priors: {@code [1, one-hot(group)]}. */
    float[] priorSelector(int territoryGroup) {
        float[] out = new float[spec.priorColumns()];
        if (out.length > 0) {
            out[0] = 1f;
            if (out.length > 1 && territoryGroup >= 0) {
                out[1 + territoryGroup] = 1f;
            }
        }
        return out;
    }
}
