package glocal.model.evaluation;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Each split's {@link CoPlayEmbedding}s, computed once per dimension and seed and shared by the
 * models of one evaluator (the co-play title content and the co-play diagnostic).
 */
final class CoPlayEmbeddingCache {

    private final IdentityHashMap<EvaluationData, Map<String, CoPlayEmbedding>> embeddings =
            new IdentityHashMap<>();

    /** {@code data}'s co-play embedding of {@code dim} dimensions from its training batches. */
    CoPlayEmbedding of(EvaluationData data, int dim, long seed) {
        return embeddings
                .computeIfAbsent(data, d -> new HashMap<>())
                .computeIfAbsent(
                        dim + ":" + seed, k -> CoPlayEmbedding.fromTraining(data, dim, seed));
    }
}
