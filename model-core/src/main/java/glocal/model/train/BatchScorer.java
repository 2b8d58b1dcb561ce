package glocal.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import glocal.model.batch.ExampleBatch;
import glocal.model.embedding.EmbeddingTable;
import glocal.model.embedding.UniqueRows;
import glocal.model.prior.PopularityPrior;
import glocal.model.tower.TwoTower;

/**
 * Play probabilities of a batch under the current model, without training: the towers, the title
 * priors, the popularity term, then the exposure head (with {@code model.exposure.head}) or log Q.
 * Unseen ids use the shared unknown rows; nothing is observed or changed.
 */
final class BatchScorer {

    private final ModelSpec spec;
    private final DjlRuntime runtime;
    private final BatchTensors tensors;
    private final EmbeddingTable users;
    private final EmbeddingTable titles;
    private final PopularityPrior popularity;
    private final PriorTerms priorTerms;
    private final RetrievalTerms retrieval;
    private final ExposureHead exposure;

    /**
     * @param popularity the popularity prior, or null when the spec has none
     * @param exposure the exposure head, or null when the spec has none
     */
    BatchScorer(
            ModelSpec spec,
            DjlRuntime runtime,
            BatchTensors tensors,
            EmbeddingTable users,
            EmbeddingTable titles,
            PopularityPrior popularity,
            PriorTerms priorTerms,
            RetrievalTerms retrieval,
            ExposureHead exposure) {
        this.spec = spec;
        this.runtime = runtime;
        this.tensors = tensors;
        this.users = users;
        this.titles = titles;
        this.popularity = popularity;
        this.priorTerms = priorTerms;
        this.retrieval = retrieval;
        this.exposure = exposure;
    }

    /** The batch's play probabilities (its groups already checked). */
    float[] score(ExampleBatch batch) {
        int n = batch.size();
        UniqueRows uu = new UniqueRows().build(users.lookup(batch.userIds(), n), n);
        UniqueRows tu = new UniqueRows().build(titles.lookup(batch.titleIds(), n), n);
        try (NDManager sub = runtime.newSubManager()) {
            NDArray userSlice =
                    tensors.userInputs(
                            sub,
                            uu.rows(),
                            BatchTensors.distinctIds(batch.userIds(), uu),
                            uu.count());
            NDArray titleSlice = tensors.titleRows(sub, tu);
            NDList inputs = tensors.inputs(sub, batch, userSlice, uu, titleSlice, tu);
            TwoTower model = runtime.model();
            TwoTower.Outputs towers =
                    exposure == null ? null : model.forwardAll(runtime.store(), inputs, false);
            NDArray logits =
                    towers == null
                            ? model.forward(runtime.store(), inputs, false).get(0)
                            : towers.logits();
            if (spec.priorColumns() > 0) {
                NDArray priors = tensors.priorRows(sub, tu.rows(), tu.count());
                logits =
                        logits.add(
                                priors.get(inputs.get(3))
                                        .mul(priorTerms.priorMask(sub, batch))
                                        .sum(new int[] {1}));
            }
            if (popularity != null) {
                logits =
                        logits.add(
                                priorTerms.popularityTerm(
                                        sub,
                                        batch,
                                        tensors.popularityWeights(sub),
                                        popularity.features(
                                                batch.territories(), batch.titleIds(), n)));
            }
            if (towers != null) {
                return Activation.sigmoid(
                                exposure.forward(
                                                sub,
                                                runtime.store(),
                                                batch,
                                                towers.exampleUsers(),
                                                towers.titles(),
                                                logits,
                                                users,
                                                uu,
                                                titles,
                                                tu,
                                                false)
                                        .logits())
                        .toFloatArray();
            }
            if (spec.loss() == RetrievalLoss.BCE_LOGQ) {
                logits = logits.sub(sub.create(retrieval.samplingOffsets(batch)));
            }
            return Activation.sigmoid(logits).toFloatArray();
        }
    }
}
