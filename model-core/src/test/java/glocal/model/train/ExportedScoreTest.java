package glocal.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import glocal.model.batch.ExampleBatch;
import glocal.model.prior.PopularityPrior;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the trainer publishes is enough to rank as it ranks: a ranking service that has only the
 * exported user and title records (vector, and with the popularity prior the user's territory and
 * weights and the title's popularity features) gets the trainer's own top-K, titles and scores.
 */
class ExportedScoreTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theExportedRecordsScoreTitlesAsTheTrainersTopK(boolean prior) {
        ModelSpec spec =
                ModelSpec.defaults(ModelKind.MTL)
                        .with(
                                ModelSpec.EMBEDDING_DIM, "16",
                                ModelSpec.OUTPUT_DIM, "16",
                                ModelSpec.TOWER_HIDDEN, "16",
                                ModelSpec.LOSS, "softmax-logq",
                                ModelSpec.TITLE_PRIORS, "true",
                                ModelSpec.POPULARITY_PRIOR, Boolean.toString(prior));
        TinyWorld world = new TinyWorld(9, 150, 60, 4);
        List<ExampleBatch> batches = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batches.add(world.nextBatch(128));
        }
        try (OnlineTrainer t = OnlineTrainer.create(spec)) {
            batches.forEach(t::step);
            List<String> userIds =
                    batches.stream().flatMap(b -> Arrays.stream(b.userIds())).distinct().toList();
            List<String> titleIds =
                    batches.stream().flatMap(b -> Arrays.stream(b.titleIds())).distinct().toList();
            List<TitleVector> titles = t.exportTitles(titleIds);
            assertThat(titles).hasSize(titleIds.size());
            for (TitleVector v : titles) {
                assertThat(v.popularity() != null).isEqualTo(prior);
            }
            for (UserVector u : t.exportUsers(userIds.subList(0, 40))) {
                assertThat(u.popularityWeights() != null).isEqualTo(prior);
                assertThat(u.territory() != null).isEqualTo(prior);
                if (prior) {
                    // the prior's term is there: a dot product alone would rank otherwise
                    assertThat(u.popularityWeights()).isNotEqualTo(new float[2]);
                }
                List<ScoredTitle> top = t.topK(u.userId(), u.territoryGroup(), 10);
                List<ScoredTitle> fromRecords =
                        titles.stream()
                                .map(v -> new ScoredTitle(v.titleId(), score(u, v)))
                                .sorted(Comparator.comparingDouble(ScoredTitle::score).reversed())
                                .limit(10)
                                .toList();
                for (int i = 0; i < 10; i++) {
                    assertThat(fromRecords.get(i).titleId()).isEqualTo(top.get(i).titleId());
                    assertThat(fromRecords.get(i).score())
                            .isCloseTo(top.get(i).score(), within(1e-4f));
                }
            }
        }
    }

    /** The score as a ranking service computes it from the records alone. */
    private static float score(UserVector u, TitleVector t) {
        float s = 0;
        for (int i = 0; i < u.vector().length; i++) {
            s += u.vector()[i] * t.vector()[i];
        }
        if (u.popularityWeights() != null) {
            Map<String, Float> p = t.popularity();
            s +=
                    u.popularityWeights()[0] * p.getOrDefault(u.territory(), 0f)
                            + u.popularityWeights()[1]
                                    * p.getOrDefault(PopularityPrior.EVERYWHERE, 0f);
        }
        return s;
    }
}
