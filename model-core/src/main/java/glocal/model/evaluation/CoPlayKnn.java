package glocal.model.evaluation;

import glocal.model.train.ScoredTitle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A diagnostic item-item recommender on a {@link CoPlayEmbedding} alone (the evaluation model
 * {@code coplay-knn}): a user's profile is the sum of the co-play vectors of their training plays,
 * a title's score the dot product of its vector with it (ties by training plays, then id). It says
 * how much signal the co-play vectors carry before any two-tower model has to learn to use them.
 */
final class CoPlayKnn implements Evaluator.Ranker, Evaluator.Scorer {

    private final EvaluationData data;
    private final Map<String, float[]> vectors;
    private final int dim;
    private final List<String> catalogue;

    CoPlayKnn(EvaluationData data, CoPlayEmbedding embedding) {
        this.data = data;
        this.vectors = embedding.vectors();
        this.dim = embedding.dim();
        this.catalogue = new ArrayList<>(data.catalogue());
        catalogue.sort(
                Comparator.<String>comparingLong(t -> -data.popularity().count(t))
                        .thenComparing(Comparator.naturalOrder()));
    }

    private float[] profile(String user) {
        float[] p = new float[dim];
        for (String t : data.trainPlays().getOrDefault(user, Set.of())) {
            float[] v = vectors.get(t);
            if (v != null) {
                for (int i = 0; i < dim; i++) {
                    p[i] += v[i];
                }
            }
        }
        return p;
    }

    private double dot(float[] profile, String title) {
        float[] v = vectors.get(title);
        if (v == null) {
            return 0;
        }
        double s = 0;
        for (int i = 0; i < dim; i++) {
            s += profile[i] * v[i];
        }
        return s;
    }

    @Override
    public List<ScoredTitle> topK(String user, int territoryGroup, int k) {
        float[] p = profile(user);
        List<ScoredTitle> scored = new ArrayList<>(catalogue.size());
        for (String t : catalogue) {
            scored.add(new ScoredTitle(t, (float) dot(p, t)));
        }
        // Stable: equal scores keep the catalogue's order (training plays, then id).
        scored.sort(Comparator.comparingDouble(s -> -s.score()));
        return scored.subList(0, Math.min(k, scored.size()));
    }

    @Override
    public double score(String user, String title) {
        return 1 / (1 + Math.exp(-dot(profile(user), title)));
    }
}
