package glocal.model.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExampleBatchTest {

    @Test
    void builderProducesColumnsOfBatchSize() {
        ExampleBatch b =
                ExampleBatch.builder("b-1")
                        .groupingVersion(3)
                        .add("u1", "t1", "FR", 1, 2, ExampleKind.PLAY, 1f, 1f, 10L)
                        .add("u2", "t2", "DE", 0, 0, ExampleKind.NEGATIVE, 0f, 0.5f, 11L)
                        .build();
        assertThat(b.size()).isEqualTo(2);
        assertThat(b.groupingVersion()).isEqualTo(3);
        assertThat(b.userIds()).containsExactly("u1", "u2");
        assertThat(b.territoryGroups()).containsExactly(1, 0);
        assertThat(b.exampleKinds()).containsExactly(0, 2);
        assertThat(b.weights()).containsExactly(1f, 0.5f);
        assertThat(b.eventTimes()).containsExactly(10L, 11L);
    }

    @Test
    void columnOfWrongLengthIsRejectedNamingTheColumn() {
        assertThatThrownBy(
                        () ->
                                new ExampleBatch(
                                        "b-2",
                                        2,
                                        1,
                                        new String[] {"u", "v"},
                                        new String[] {"t", "s"},
                                        new String[] {"FR", "FR"},
                                        new int[] {0, 0},
                                        new int[] {0, 0},
                                        new int[] {0, 0},
                                        new int[] {0, 0},
                                        new float[] {1, 0},
                                        new float[] {0, 0},
                                        new float[] {0, 0},
                                        new float[] {0, 0},
                                        new float[] {1},
                                        new long[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b-2")
                .hasMessageContaining("weights")
                .hasMessageContaining("size is 2");
    }

    @Test
    void negativeGroupIsRejected() {
        assertThatThrownBy(
                        () ->
                                ExampleBatch.builder("b-3")
                                        .add("u1", "t1", "FR", -1, 0, ExampleKind.PLAY, 1f, 1f, 1L)
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("territory group (-1)");
    }

    @Test
    void exampleKindCodesAreTheWireCodesAndAnUnknownCodeIsNamed() {
        // TrainingBatch.exampleKinds carries these codes: batches already written must keep their
        // meaning.
        assertThat(ExampleKind.PLAY.code()).isZero();
        assertThat(ExampleKind.IMPRESSION.code()).isEqualTo(1);
        assertThat(ExampleKind.NEGATIVE.code()).isEqualTo(2);
        for (ExampleKind k : ExampleKind.values()) {
            assertThat(ExampleKind.of(k.code())).isSameAs(k);
        }
        assertThatThrownBy(() -> ExampleKind.of(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("code 3");
    }
}
