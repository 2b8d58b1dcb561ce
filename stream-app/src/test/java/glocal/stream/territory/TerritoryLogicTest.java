package glocal.stream.territory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerritoryLogicTest {

  private final TerritoryPopularity popularity = new TerritoryPopularity(Map.of(
      "US", Map.of("blockbuster", 900L, "us-drama", 50L, "telenovela", 10L),
      "BR", Map.of("blockbuster", 300L, "telenovela", 90L),
      "CA", Map.of("blockbuster", 100L, "us-drama", 40L)));

  @Test
  void topKIsOrderedByCountThenTitle() {
    assertThat(popularity.topK("US", 2)).containsExactly(
        new TitleCount("blockbuster", 900), new TitleCount("us-drama", 50));
    assertThat(popularity.globalTopK(1)).containsExactly(new TitleCount("blockbuster", 1300));
  }

  @Test
  void titleIsLocalWhenOneTerritoryHasThetaShareAndItIsNotGloballyTop() {
    assertThat(popularity.titleClass("telenovela", 0.8, 1)).isEqualTo("LOCAL:BR"); // 90/100
    assertThat(popularity.titleClass("us-drama", 0.8, 1)).isEqualTo("GLOBAL"); // 50/90
    assertThat(popularity.titleClass("us-drama", 0.5, 1)).isEqualTo("LOCAL:US");
    assertThat(popularity.titleClass("blockbuster", 0.5, 1)).isEqualTo("GLOBAL"); // global top-1
    assertThat(popularity.titleClass("telenovela", 0.8, 3)).isEqualTo("GLOBAL"); // in global top-3
  }

  @Test
  void computedGroupingSeedsMajorsAndPutsMinorsWithSimilarViewers() {
    Map<String, Map<String, Long>> counts = Map.of(
        "US", Map.of("a", 1000L, "b", 100L),
        "BR", Map.of("x", 800L, "y", 100L),
        "CA", Map.of("a", 90L, "b", 20L),
        "PT", Map.of("x", 60L, "y", 10L));
    TerritoryGrouping g = ViewershipGrouping.compute(counts, 2);
    assertThat(g.groupOf("US")).isEqualTo(0);
    assertThat(g.groupOf("BR")).isEqualTo(1);
    assertThat(g.groupOf("CA")).isEqualTo(0);
    assertThat(g.groupOf("PT")).isEqualTo(1);
    assertThat(ViewershipGrouping.compute(counts, 2).version()).isEqualTo(g.version());
    assertThat(TerritoryGrouping.of(Map.of("US", 1, "BR", 0, "CA", 0, "PT", 1), 2).version())
        .isNotEqualTo(g.version());
  }

  @Test
  void volumeBalancePullsAMinorTowardsTheSmallerGroup() {
    // KR's titles are unrelated to both majors, so the balance term decides: the smaller group.
    Map<String, Map<String, Long>> counts = Map.of(
        "US", Map.of("a", 1000L), "BR", Map.of("x", 400L), "KR", Map.of("k", 50L));
    assertThat(ViewershipGrouping.compute(counts, 2).groupOf("KR")).isEqualTo(1);
  }

  @Test
  void isoCodesAndConfiguredExtrasAreKnown() {
    TerritoryCodes codes = TerritoryCodes.isoPlus(java.util.List.of("US-Z0"));
    assertThat(codes.isKnown("BR")).isTrue();
    assertThat(codes.isKnown("US-Z0")).isTrue();
    assertThat(codes.isKnown("XX")).isFalse();
    assertThat(codes.isKnown("us")).isFalse();
  }
}
