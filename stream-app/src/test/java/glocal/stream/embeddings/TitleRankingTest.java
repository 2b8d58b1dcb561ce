package glocal.stream.embeddings;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.TitleEmbedding;
import glocal.schemas.avro.UserEmbedding;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The published records rank with the popularity prior's term when the user carries weights. */
class TitleRankingTest {

    private static TitleEmbedding title(String id, float x, Map<String, Float> popularity) {
        return TitleEmbedding.newBuilder()
                .setTitleId(id)
                .setVector(List.of(x, 0f))
                .setModelVersion(1)
                .setUpdatedAt(Instant.EPOCH)
                .setPopularity(popularity)
                .build();
    }

    private static UserEmbedding user(String territory, List<Float> weights) {
        return UserEmbedding.newBuilder()
                .setUserId("u")
                .setTerritoryGroup("G0")
                .setVector(List.of(1f, 0f))
                .setModelVersion(1)
                .setUpdatedAt(Instant.EPOCH)
                .setTerritory(territory)
                .setPopularityWeights(weights)
                .build();
    }

    @Test
    void theLocalHitOvertakesTheBetterDotProductOnlyThroughTheUsersTerritorysCount() {
        List<TitleEmbedding> titles =
                List.of(
                        title("dot", 1.0f, Map.of("*", 1.0f)),
                        title("local", 0.5f, Map.of("BR", 2.0f, "*", 1.0f)));
        // 0.5 + 0.4 * 2.0 + 0.1 * 1.0 = 1.4 against 1.0 + 0.1 * 1.0 = 1.1
        TitleRanking br = TitleRanking.rank(user("BR", List.of(0.4f, 0.1f)), titles, 2);
        assertThat(br.top()).extracting(RankedTitle::titleId).containsExactly("local", "dot");
        assertThat(br.top().get(0).score())
                .isCloseTo(1.4, org.assertj.core.data.Offset.offset(1e-6));
        // another territory: no count of "local" there, the dot product decides
        TitleRanking us = TitleRanking.rank(user("US", List.of(0.4f, 0.1f)), titles, 2);
        assertThat(us.top()).extracting(RankedTitle::titleId).containsExactly("dot", "local");
        // a user without the prior's weights: the dot product alone
        TitleRanking plain = TitleRanking.rank(user(null, null), titles, 2);
        assertThat(plain.top().get(0).score())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }
}
