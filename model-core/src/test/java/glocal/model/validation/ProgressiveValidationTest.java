package glocal.model.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.metrics.GroupedBinaryMetrics.Summary;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressiveValidationTest {

    private static ExampleBatch batch(String id, int[] groups, int[] activity, float[] play) {
        int n = play.length;
        String[] users = new String[n];
        String[] titles = new String[n];
        String[] territories = new String[n];
        Arrays.fill(users, "u");
        Arrays.fill(titles, "t");
        Arrays.fill(territories, "US");
        float[] zeros = new float[n];
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        return new ExampleBatch(
                id,
                n,
                1,
                users,
                titles,
                territories,
                groups,
                activity,
                new int[n],
                new int[n],
                play,
                zeros,
                zeros,
                zeros,
                ones,
                new long[n]);
    }

    @Test
    void reportsHandComputedAucPerTerritoryGroupAndOverall() {
        ProgressiveValidation validation = new ProgressiveValidation(100);
        // Group 0: scores [0.1, 0.4, 0.35, 0.8], labels [0, 0, 1, 1] -> AUC 0.75.
        // Group 1: perfectly ranked -> AUC 1.
        validation.add(
                batch(
                        "b1",
                        new int[] {0, 0, 0, 0, 1, 1},
                        new int[] {2, 2, 2, 2, 0, 0},
                        new float[] {0, 0, 1, 1, 0, 1}),
                new float[] {0.1f, 0.4f, 0.35f, 0.8f, 0.2f, 0.9f});

        List<Summary> summaries = validation.summaries();
        assertThat(summaries.get(0).group()).isEqualTo("all");
        Summary g0 = find(summaries, "territoryGroup=G0");
        assertThat(g0.examples()).isEqualTo(4);
        assertThat(g0.auc()).isCloseTo(0.75, within(1e-6));
        assertThat(find(summaries, "territoryGroup=G1").auc()).isCloseTo(1.0, within(1e-6));
        assertThat(find(summaries, "activityGroup=high").examples()).isEqualTo(4);
        assertThat(find(summaries, "activityGroup=new").examples()).isEqualTo(2);
        assertThat(validation.examplesSeen()).isEqualTo(6);
    }

    @Test
    void forgetsExamplesOlderThanTheWindow() {
        ProgressiveValidation validation = new ProgressiveValidation(4);
        // First batch ranks everything wrongly, the second perfectly; only the second stays in a
        // window of 4.
        validation.add(
                batch("b1", new int[4], new int[4], new float[] {1, 1, 0, 0}),
                new float[] {0.1f, 0.2f, 0.8f, 0.9f});
        validation.add(
                batch("b2", new int[4], new int[4], new float[] {1, 1, 0, 0}),
                new float[] {0.9f, 0.8f, 0.2f, 0.1f});

        Summary all = validation.summaries().get(0);
        assertThat(all.examples()).isEqualTo(4);
        assertThat(all.auc()).isCloseTo(1.0, within(1e-9));
        assertThat(validation.examplesSeen()).isEqualTo(8);
    }

    @Test
    void sampledNegativesAreNotExposuresAndDoNotCount() {
        ProgressiveValidation validation = new ProgressiveValidation(100);
        // plays and impressions perfectly ranked; the sampled negative scored above everything
        ExampleBatch b =
                ExampleBatch.builder("b")
                        .add("u", "a", "US", 0, 0, ExampleKind.PLAY, 1f, 1f, 0L)
                        .add("u", "b", "US", 0, 0, ExampleKind.IMPRESSION, 0f, 1f, 0L)
                        .add("u", "c", "US", 0, 0, ExampleKind.NEGATIVE, 0f, 1f, 0L)
                        .build();
        validation.add(b, new float[] {0.6f, 0.2f, 0.9f});
        Summary all = validation.summaries().get(0);
        assertThat(all.examples()).isEqualTo(2);
        assertThat(all.auc()).isCloseTo(1.0, within(1e-9));
        assertThat(validation.examplesSeen()).isEqualTo(2);
    }

    private static Summary find(List<Summary> summaries, String group) {
        return summaries.stream().filter(s -> s.group().equals(group)).findFirst().orElseThrow();
    }
}
