package glocal.model.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.metrics.GroupedBinaryMetrics.Summary;
import org.junit.jupiter.api.Test;

class ProgressiveTerritoryListTest {

    private static double score(int plays) {
        double x = Math.log1p(plays);
        return x / (1 + x);
    }

    private static double prAuc(ProgressiveValidation validation, String group) {
        return validation.summaries().stream()
                .filter(s -> s.group().equals(group))
                .mapToDouble(Summary::averagePrecision)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void scoresEachBatchFromThePlaysBeforeItInTheExamplesTerritoryOverPlaysAndImpressions() {
        ProgressiveTerritoryList list = new ProgressiveTerritoryList(100);
        list.step(
                ExampleBatch.builder("b1")
                        .add("u1", "t1", "US", 0, 0, ExampleKind.PLAY, 1f, 1f, 1L)
                        .add("u2", "t1", "US", 0, 0, ExampleKind.PLAY, 1f, 1f, 1L)
                        .add("u1", "t2", "US", 0, 0, ExampleKind.PLAY, 1f, 1f, 1L)
                        .add("u2", "t3", "US", 0, 0, ExampleKind.IMPRESSION, 0f, 1f, 1L)
                        .build());
        ExampleBatch second =
                ExampleBatch.builder("b2")
                        .add("u3", "t1", "US", 0, 0, ExampleKind.PLAY, 1f, 1f, 2L)
                        .add("u3", "t2", "US", 0, 0, ExampleKind.IMPRESSION, 0f, 1f, 2L)
                        .add("u4", "t3", "US", 0, 0, ExampleKind.PLAY, 1f, 1f, 2L)
                        .add("u4", "t1", "US", 0, 0, ExampleKind.IMPRESSION, 0f, 1f, 2L)
                        .add("u4", "t1", "US", 0, 0, ExampleKind.NEGATIVE, 0f, 1f, 2L)
                        .add("u5", "t1", "FR", 1, 0, ExampleKind.IMPRESSION, 0f, 1f, 2L)
                        .add("u5", "t4", "FR", 1, 0, ExampleKind.PLAY, 1f, 1f, 2L)
                        .build();

        // Before the second batch: t1 played twice in US, t2 once, t3 only shown; nothing in FR.
        float[] scores = list.score(second);
        assertThat(scores[0]).isCloseTo((float) score(2), within(1e-6f));
        assertThat(scores[1]).isCloseTo((float) score(1), within(1e-6f));
        assertThat(scores[2]).isZero();
        assertThat(scores[5]).isZero();
        list.step(second);

        // G0 holds b1's four examples (all scored 0: 3 plays, 1 impression) and b2's four exposed
        // ones (the sampled negative does not count): t1 play and impression at score(2), the t2
        // impression at score(1), the t3 play at 0. Average precision: 1/5 positives at
        // precision 1/2, none at the next tier, the last 4/5 at precision 5/8: 0.1 + 0.5 = 0.6.
        // Had the batch's own plays counted before it was scored, b1's plays would rank first.
        assertThat(prAuc(list.validation(), "territoryGroup=G0")).isCloseTo(0.6, within(1e-9));
        // G1 (FR): t1 was played in US only, so both FR examples tie at 0: precision 1/2.
        assertThat(prAuc(list.validation(), "territoryGroup=G1")).isCloseTo(0.5, within(1e-9));
        assertThat(list.validation().examplesSeen()).isEqualTo(10);

        assertThat(list.topK("US", 5)).containsExactly("t1", "t2", "t3");
        assertThat(list.topK("US", 2)).containsExactly("t1", "t2");
        assertThat(list.topK("FR", 5)).containsExactly("t4");
        assertThat(list.topK("DE", 5)).isEmpty();
    }
}
