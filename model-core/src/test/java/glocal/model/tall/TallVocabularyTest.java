package glocal.model.tall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TallVocabularyTest {

    private final TallVocabulary vocabulary = new TallVocabulary(List.of("a", "b", "c"));

    @Test
    void titlesKeepTheirGivenOrderAndUnknownTitlesAreLeftOut() {
        assertThat(vocabulary.size()).isEqualTo(3);
        assertThat(vocabulary.titleAt(2)).isEqualTo("c");
        assertThat(vocabulary.positionOf("b")).isEqualTo(1);
        assertThat(vocabulary.positionOf("z")).isEqualTo(-1);
        assertThat(vocabulary.positions(List.of("c", "z", "a", "c"))).containsExactly(0, 2);
        assertThat(vocabulary.positions(null)).isEmpty();
    }

    @Test
    void targetsAreMultiHotAndInputsL2NormalisedWithoutDropout() {
        int[][] histories = {{0, 2}, {}};
        assertThat(vocabulary.targets(histories)).containsExactly(1f, 0f, 1f, 0f, 0f, 0f);
        float h = (float) (1 / Math.sqrt(2));
        assertThat(vocabulary.inputs(histories, 0f, new SplittableRandom(1)))
                .containsExactly(h, 0f, h, 0f, 0f, 0f);
    }

    @Test
    void dropoutKeepsSurvivorsScaledAndDependsOnlyOnTheRandomStream() {
        int[][] histories = {{0, 1, 2}};
        float[] once = vocabulary.inputs(histories, 0.5f, new SplittableRandom(9));
        float[] again = vocabulary.inputs(histories, 0.5f, new SplittableRandom(9));
        assertThat(again).containsExactly(once);
        float kept = (float) (1 / Math.sqrt(3) / 0.5);
        for (float v : once) {
            assertThat(v).isIn(0f, kept);
        }
    }

    @Test
    void anEmptyVocabularyIsRejected() {
        assertThatThrownBy(() -> new TallVocabulary(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one title");
    }
}
