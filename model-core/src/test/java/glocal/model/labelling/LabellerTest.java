package glocal.model.labelling;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.data.View;
import glocal.model.data.ViewType;
import glocal.model.sampling.UserSampler;
import glocal.model.territory.TerritoryGrouping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The offline labeller applies the stream's rules (the topology tests check the same rules on the
 * stream side; StreamAndEvaluationLabelsTest that both give the same examples).
 */
class LabellerTest {

    private static final TerritoryGrouping GROUPS =
            TerritoryGrouping.of(Map.of("US", 0, "BR", 1), 2);

    /**
     * Impression window 10 s, 2 negatives, activity window 16 s: active from 3 plays, new below 2,
     * high from 4.
     */
    private static final LabellingPolicy POLICY =
            new LabellingPolicy(10_000, 2, 0.75, 3_600_000, 16_000, 3, 2, 4, 50, 1.0, 0.0, 7);

    private static View play(String id, String user, String title, long t) {
        return new View(id, user, title, "US", t, ViewType.PLAY, 0.5f, false, false);
    }

    private static View impression(String id, String user, String title, long t) {
        return View.impression(id, user, title, "US", t);
    }

    private static List<String> rows(List<ExampleBatch> batches) {
        List<String> out = new ArrayList<>();
        for (ExampleBatch b : batches) {
            for (int i = 0; i < b.size(); i++) {
                out.add(
                        b.userIds()[i]
                                + " "
                                + b.titleIds()[i]
                                + " "
                                + ExampleKind.of(b.exampleKinds()[i])
                                + " "
                                + b.eventTimes()[i]);
            }
        }
        return out;
    }

    @Test
    void anImpressionIsCancelledByAPlayWithinTheWindowAndLeavesAsANegativeOnceTheClockPassesIt() {
        Labeller labeller = new Labeller(POLICY.withNegativesPerPositive(0), GROUPS);
        List<ExampleBatch> out =
                labeller.batches(
                        List.of(
                                impression("i1", "u1", "a", 0),
                                impression("i2", "u1", "b", 1_000),
                                play("p1", "u1", "b", 10_500), // within b's window: cancels it
                                impression("i3", "u1", "c", 11_000),
                                impression(
                                        "i4", "u1", "c",
                                        12_000), // replaces the waiting impression of c
                                play(
                                        "p2", "u2", "x",
                                        22_000), // the clock passes c's window (12 s + 10 s)
                                play(
                                        "p3", "u1", "c",
                                        25_000), // too late for c: a positive, and c stays a
                                // negative
                                impression("i5", "u1", "d", 30_000)),
                        100,
                        "t"); // still waiting at the end: left out
        assertThat(rows(out))
                .containsExactly(
                        "u1 b PLAY 10500",
                        "u1 a IMPRESSION 0", // due at 10 s: leaves after the view that took the
                        // clock past it
                        "u2 x PLAY 22000",
                        "u1 c IMPRESSION 12000",
                        "u1 c PLAY 25000");
    }

    @Test
    void atTheEndOfTheDataEveryImpressionStillWaitingLeavesAsANegative() {
        List<View> views =
                List.of(
                        impression("i1", "u1", "a", 0),
                        impression("i2", "u1", "b", 1_000),
                        play("p1", "u1", "b", 2_000));
        assertThat(rows(new Labeller(POLICY, GROUPS).batches(views, 10, "t")))
                .containsExactly("u1 b PLAY 2000");
        assertThat(
                        rows(
                                new Labeller(POLICY, GROUPS)
                                        .withoutNegatives()
                                        .batchesToTheEnd(views, 10, "t")))
                .containsExactly("u1 b PLAY 2000", "u1 a IMPRESSION 0");
    }

    @Test
    void negativesComeFromThePlaysTerritoryAndExcludeTheUsersRecentTitles() {
        Labeller labeller = new Labeller(POLICY, GROUPS);
        List<View> views = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            views.add(play("c" + i, "other" + i, "t" + i, i));
        }
        views.add(new View("br", "other", "br-only", "BR", 10, ViewType.PLAY, 1f, true, false));
        views.add(play("u-1", "u", "t0", 20));
        views.add(play("u-2", "u", "t1", 21));
        List<String> uRows =
                rows(labeller.batches(views, 100, "t")).stream()
                        .filter(r -> r.startsWith("u "))
                        .toList();
        assertThat(uRows).hasSize(6);
        assertThat(uRows.get(3)).isEqualTo("u t1 PLAY 21");
        for (String negative : uRows.subList(4, 6)) {
            assertThat(negative)
                    .endsWith("NEGATIVE 21")
                    .doesNotContain(" t0 ")
                    .doesNotContain(" t1 ")
                    .doesNotContain("br-only");
        }
    }

    @Test
    void onlyPlaysInTheWindowMakeAUserActiveNotImpressions() {
        // The old offline sampling counted impressions as activity: ten impressions and two plays
        // were "active".
        Labeller labeller =
                new Labeller(POLICY.withNegativesPerPositive(0), GROUPS, UserSampler.everyone());
        List<View> views = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            views.add(impression("i" + i, "u", "seen" + i, i * 100L));
        }
        views.add(play("p1", "u", "a", 1_100));
        views.add(play("p2", "u", "b", 1_200));
        views.add(play("p3", "u", "c", 1_300));
        List<ExampleBatch> out = labeller.batches(views, 100, "t");
        ExampleBatch b = out.get(0);
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            if (b.exampleKinds()[i] == ExampleKind.PLAY.code()) {
                tags.add(
                        b.titleIds()[i]
                                + (b.sampleSources()[i] == ExampleBatch.SOURCE_ACTIVE
                                        ? " active"
                                        : " inactive")
                                + " "
                                + ActivityGroup.values()[b.activityGroups()[i]]);
            }
        }
        assertThat(tags).containsExactly("a inactive NEW", "b inactive LOW", "c active LOW");
    }

    @Test
    void aViewsExamplesMayStraddleTwoBatchesAndMaxBatchesStopsTheReading() {
        Labeller labeller = new Labeller(POLICY, GROUPS);
        List<View> views = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            views.add(play("e" + i, "user" + i, "t" + (i % 5), i));
        }
        List<ExampleBatch> all = new Labeller(POLICY, GROUPS).batches(views, 4, "b");
        assertThat(all).extracting(ExampleBatch::batchId).startsWith("b-0", "b-1");
        assertThat(all.subList(0, all.size() - 1))
                .allSatisfy(b -> assertThat(b.size()).isEqualTo(4));
        List<ExampleBatch> first = labeller.batches(views.iterator(), 4, 3, "b");
        assertThat(first).hasSize(3);
        assertThat(rows(first)).containsExactlyElementsOf(rows(all.subList(0, 3)));
        assertThat(all).extracting(ExampleBatch::groupingVersion).containsOnly(GROUPS.version());
    }

    @Test
    void theTestPeriodGoesOnFromTheTrainingStateWithoutSampledNegatives() {
        Labeller train = new Labeller(POLICY, GROUPS);
        train.batches(
                List.of(play("a", "u", "t1", 0), play("b", "u", "t2", 1), play("c", "x", "t3", 2)),
                10,
                "train");
        List<ExampleBatch> test =
                train.withoutNegatives().batches(List.of(play("d", "u", "t3", 3)), 10, "test");
        assertThat(test).hasSize(1);
        assertThat(test.get(0).size()).isEqualTo(1);
        // u's third play: activity went on from training (LOW from 2 plays, new below 2).
        assertThat(test.get(0).activityGroups()).containsExactly(ActivityGroup.LOW.ordinal());
    }
}
