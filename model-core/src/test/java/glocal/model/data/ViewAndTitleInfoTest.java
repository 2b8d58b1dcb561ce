package glocal.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ViewAndTitleInfoTest {

    @Test
    void impressionCarriesNoBehaviour() {
        View v = View.impression("e1", "u1", "t1", "BR", 1_000L);
        assertThat(v)
                .isEqualTo(
                        new View(
                                "e1",
                                "u1",
                                "t1",
                                "BR",
                                1_000L,
                                ViewType.IMPRESSION,
                                0f,
                                false,
                                false));
        assertThat(v.isPlay()).isFalse();
    }

    @Test
    void watchRatioOutsideZeroToOneIsRejectedNamingTheEvent() {
        assertThatThrownBy(
                        () ->
                                new View(
                                        "e7",
                                        "u1",
                                        "t1",
                                        "BR",
                                        0L,
                                        ViewType.PLAY,
                                        1.5f,
                                        true,
                                        false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("e7")
                .hasMessageContaining("1.5");
        assertThatThrownBy(
                        () ->
                                new View(
                                        "e8",
                                        "u1",
                                        "t1",
                                        "BR",
                                        0L,
                                        ViewType.PLAY,
                                        Float.NaN,
                                        false,
                                        false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void titleInfoComparesEmbeddingByValueAndCopiesIt() {
        float[] embedding = {0.5f, -1f};
        TitleInfo a = new TitleInfo("t1", "JP", List.of("anime"), embedding);
        embedding[0] = 9f;
        TitleInfo b = new TitleInfo("t1", "JP", List.of("anime"), new float[] {0.5f, -1f});

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.contentEmbedding()).containsExactly(0.5f, -1f);
        a.contentEmbedding()[1] = 3f;
        assertThat(a.contentEmbedding()).containsExactly(0.5f, -1f);
        assertThat(new TitleInfo("t1", "JP", List.of(), null).hasContentEmbedding()).isFalse();
        assertThat(new TitleInfo("t1", "JP", List.of(), null)).isNotEqualTo(a);
    }
}
