package glocal.model.evaluation.reference;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.evaluation.EvaluationData;
import glocal.model.metrics.TopK;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.train.ScoredTitle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ceiling of a synthetic evaluation, not a yardstick to beat: it knows what no model can, the
 * generator's true affinity {@link SyntheticWorld#affinity(String, String)} = P(play | shown) of
 * every user and title. A title is played in the test period when it is shown and then chosen, so
 * it ranks the catalogue by {@code exposure(territory, title) × affinity(user, title)}, where
 * exposure is how often the title was shown in the user's home territory during the training period
 * (the split's PLAY and IMPRESSION examples there: the stream's labelling turns a shown-then-played
 * title into one PLAY); it scores a pair for test PR-AUC and AUC by the affinity alone (the test
 * examples are all shown titles). What it reaches is about the best NDCG@20 any recommender can
 * reach on that split; the report prints it beside the references and never counts it as the best
 * reference.
 */
public final class SyntheticOracle implements ReferenceRecommender {

    public static final String NAME = "oracle";

    private final SyntheticWorld world;
    private final EvaluationData data;
    private final Map<String, Map<String, Long>> exposures = new HashMap<>();

    private SyntheticOracle(SyntheticWorld world, EvaluationData data) {
        this.world = world;
        this.data = data;
        for (ExampleBatch b : data.trainBatches()) {
            for (int i = 0; i < b.size(); i++) {
                if (ExampleKind.exposed(b.exampleKinds()[i])) {
                    exposures
                            .computeIfAbsent(b.territories()[i], t -> new HashMap<>())
                            .merge(b.titleIds()[i], 1L, Long::sum);
                }
            }
        }
    }

    /** The oracle of {@code world} on a split of that world's views. */
    public static SyntheticOracle fit(SyntheticWorld world, EvaluationData data) {
        return new SyntheticOracle(world, data);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ScoredTitle> topK(String user, int territoryGroup, int k) {
        Map<String, Long> shown =
                exposures.getOrDefault(data.userTerritory().getOrDefault(user, ""), Map.of());
        TopK<ScoredTitle> best = new TopK<>(k, ScoredTitle.BEST_FIRST);
        for (String title : data.catalogue()) {
            long n = shown.getOrDefault(title, 0L);
            if (n > 0) {
                best.offer(new ScoredTitle(title, (float) (n * world.affinity(user, title))));
            }
        }
        return best.best();
    }

    @Override
    public double score(String user, String title) {
        return world.affinity(user, title);
    }
}
