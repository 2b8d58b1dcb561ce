package glocal.stream.territory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerritoryLogicTest {

    private final TerritoryPopularity popularity =
            new TerritoryPopularity(
                    Map.of(
                            "US", Map.of("blockbuster", 900L, "us-drama", 50L, "telenovela", 10L),
                            "BR", Map.of("blockbuster", 300L, "telenovela", 90L),
                            "CA", Map.of("blockbuster", 100L, "us-drama", 40L)));

    @Test
    void topKIsOrderedByCountThenTitle() {
        assertThat(popularity.topK("US", 2))
                .containsExactly(
                        new TitleCount("blockbuster", 900), new TitleCount("us-drama", 50));
        assertThat(popularity.globalTopK(1)).containsExactly(new TitleCount("blockbuster", 1300));
    }

    @Test
    void titleIsLocalWhenOneTerritoryHasThetaShareAndItIsNotGloballyTop() {
        assertThat(popularity.titleClass("telenovela", 0.8, 1)).isEqualTo("LOCAL:BR"); // 90/100
        assertThat(popularity.titleClass("us-drama", 0.8, 1)).isEqualTo("GLOBAL"); // 50/90
        assertThat(popularity.titleClass("us-drama", 0.5, 1)).isEqualTo("LOCAL:US");
        assertThat(popularity.titleClass("blockbuster", 0.5, 1))
                .isEqualTo("GLOBAL"); // global top-1
        assertThat(popularity.titleClass("telenovela", 0.8, 3))
                .isEqualTo("GLOBAL"); // in global top-3
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
