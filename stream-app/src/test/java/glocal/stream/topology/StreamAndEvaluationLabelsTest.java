package glocal.stream.topology;

import static glocal.stream.config.GlocalStreamsConfig.*;
import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.data.View;
import glocal.model.evaluation.EvaluationData;
import glocal.model.evaluation.EvaluationPresets;
import glocal.model.evaluation.EvaluationProtocol;
import glocal.model.evaluation.GroupingChoice;
import glocal.model.evaluation.LocalRule;
import glocal.model.evaluation.ModelVariant;
import glocal.model.labelling.ActivityGroup;
import glocal.model.labelling.LabellingPolicy;
import glocal.model.synthetic.SyntheticWorld;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.examples.TrainingBatches;
import glocal.stream.produce.AvroMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One labelling path: the same views fed to the topology (TopologyTestDriver) and to the offline
 * evaluation's example building give the same examples, column by column: user, title, territory,
 * territory group, grouping version, activity group, kind, sample source, play, finished, skipped,
 * watch ratio, weight, event time. The evaluation keeps every user and its sampled variants pick
 * rows with the stream's sampling, so each of the three stream samplings is compared: everyone
 * (also batch by batch), random users only ({@code mtl-sampled}) and random plus upsampled active
 * users ({@code mtl-upsampled}, the stream's defaults).
 *
 * <p>The views are a synthetic world's with a 2 s mean gap (about 3 h of event time, so the 1 h
 * popularity windows and the 2 h activity window slide) plus hand-made plays that come 30 s
 * (cancelling) and 90 s (too late) after an unplayed impression, and repeated impressions.
 */
class StreamAndEvaluationLabelsTest {

    private static final long SEED = 7;
    private static final long EVENTS = 7_500;
    private static final int BATCH = 256;

    private static List<View> views;
    private static EvaluationData evaluation;
    private static List<View> trainingViews;
    private static Map<String, Object> labelling;

    @BeforeAll
    static void labelOffline() {
        SyntheticWorld world =
                new SyntheticWorld(
                        EvaluationPresets.preset("tiny").toBuilder().meanEventGapMs(2_000).build(),
                        SEED);
        views = withLatePlaysAndRepeatedImpressions(world);
        labelling =
                new HashMap<>(
                        Map.of(
                                BATCH_SIZE_CONFIG,
                                BATCH,
                                SEED_CONFIG,
                                SEED,
                                POPULARITY_WINDOW_MS_CONFIG,
                                3_600_000L,
                                ACTIVITY_WINDOW_MS_CONFIG,
                                7_200_000L));
        // Every other labelling key at its default, whatever the test fixture's base configuration
        // says.
        for (String key :
                List.of(
                        NEGATIVES_PER_POSITIVE_CONFIG,
                        IMPRESSION_WINDOW_MS_CONFIG,
                        NEGATIVE_EXPONENT_CONFIG,
                        ACTIVITY_THRESHOLD_CONFIG,
                        ACTIVITY_NEW_BELOW_CONFIG,
                        ACTIVITY_HIGH_FROM_CONFIG,
                        RECENT_TITLES_CONFIG,
                        DEDUP_WINDOW_MS_CONFIG)) {
            labelling.put(key, GlocalStreamsConfig.configDef().defaultValues().get(key));
        }
        GlocalStreamsConfig config = config(1.0, 0.0, "");
        EvaluationProtocol protocol = new EvaluationProtocol(0.8, BATCH, config.labellingPolicy());
        evaluation =
                protocol.split(
                        views,
                        GroupingChoice.REGION.strategy(world, world.territories().size()),
                        LocalRule.majority());
        trainingViews =
                views.stream().filter(v -> v.eventTimeMs() < evaluation.splitTimeMs()).toList();
    }

    /**
     * Views in time order (a tie keeps the generated view first); both sides get this one order.
     */
    private static List<View> withLatePlaysAndRepeatedImpressions(SyntheticWorld world) {
        List<View> generated = new ArrayList<>();
        world.views(EVENTS).forEachRemaining(generated::add);
        List<View> all = new ArrayList<>(generated);
        int unplayed = 0;
        for (int i = 0; i + 1 < generated.size(); i++) {
            View v = generated.get(i);
            View next = generated.get(i + 1);
            boolean playedNext =
                    next.isPlay()
                            && next.userId().equals(v.userId())
                            && next.titleId().equals(v.titleId());
            if (v.isPlay() || playedNext) {
                continue;
            }
            unplayed++;
            long t = v.eventTimeMs() | 1;
            if (unplayed % 40 == 0) {
                all.add(
                        new View(
                                "late-" + i,
                                v.userId(),
                                v.titleId(),
                                v.territory(),
                                t + 90_000,
                                glocal.model.data.ViewType.PLAY,
                                0.7f,
                                false,
                                false));
            } else if (unplayed % 40 == 13) {
                all.add(
                        new View(
                                "soon-" + i,
                                v.userId(),
                                v.titleId(),
                                v.territory(),
                                t + 30_000,
                                glocal.model.data.ViewType.PLAY,
                                1f,
                                true,
                                false));
            } else if (unplayed % 40 == 27) {
                all.add(
                        View.impression(
                                "again-" + i, v.userId(), v.titleId(), v.territory(), t + 20_000));
            }
        }
        all.sort(Comparator.comparingLong(View::eventTimeMs));
        return all;
    }

    private static GlocalStreamsConfig config(double randomRate, double activeRate, String groups) {
        Map<String, Object> props = TopologyFixture.baseConfig();
        props.putAll(overrides(randomRate, activeRate, groups));
        return new GlocalStreamsConfig(props);
    }

    private static Map<String, Object> overrides(
            double randomRate, double activeRate, String groups) {
        Map<String, Object> o = new HashMap<>(labelling);
        o.put(RANDOM_USER_RATE_CONFIG, randomRate);
        o.put(ACTIVE_USER_RATE_CONFIG, activeRate);
        o.put(TERRITORY_GROUPS_CONFIG, groups);
        o.put(STATE_STORE_TYPE_CONFIG, IN_MEMORY);
        return o;
    }

    /**
     * The training views through the topology with this sampling; the last partial batch after the
     * linger.
     */
    private static List<ExampleBatch> stream(double randomRate, double activeRate)
            throws Exception {
        String groups =
                evaluation.grouping().assignment().entrySet().stream()
                        .map(e -> e.getKey() + ":" + e.getValue())
                        .collect(Collectors.joining(","));
        try (TopologyFixture f =
                new TopologyFixture(
                        StreamAndEvaluationLabelsTest.class.getSimpleName(),
                        overrides(randomRate, activeRate, groups))) {
            for (View v : trainingViews) {
                f.pipe(AvroMapper.toAvro(v));
            }
            f.driver.advanceWallClockTime(Duration.ofMillis(1_000));
            assertThat(f.dlq.isEmpty())
                    .as("no view of the test went to the dead-letter topic")
                    .isTrue();
            return f.drainBatches().stream().map(TrainingBatches::toExampleBatch).toList();
        }
    }

    @Test
    void everyUserKeptTheStreamAndTheEvaluationWriteTheSameBatches() throws Exception {
        List<ExampleBatch> stream = stream(1.0, 0.0);
        List<ExampleBatch> offline = evaluation.trainBatches();
        assertThat(stream)
                .extracting(ExampleBatch::size)
                .containsExactlyElementsOf(offline.stream().map(ExampleBatch::size).toList());
        assertSameRows(stream, offline, false);
        // With every user kept the stream says RANDOM; the evaluation's rows tell the activity
        // stratum instead.
        Rows rows = new Rows(offline);
        assertThat(rows.count(i -> rows.sources[i] == ExampleBatch.SOURCE_ACTIVE)).isPositive();
        assertThat(rows.count(i -> rows.sources[i] == ExampleBatch.SOURCE_RANDOM)).isPositive();
        // The views exercised every rule.
        assertThat(rows.count(i -> rows.kinds[i] == ExampleKind.PLAY.code())).isGreaterThan(1_000);
        assertThat(rows.count(i -> rows.kinds[i] == ExampleKind.NEGATIVE.code()))
                .isGreaterThan(3_000);
        assertThat(rows.count(i -> rows.kinds[i] == ExampleKind.IMPRESSION.code()))
                .isGreaterThan(500);
        for (ActivityGroup g : ActivityGroup.values()) {
            assertThat(rows.count(i -> rows.activity[i] == g.ordinal())).as(g.name()).isPositive();
        }
        assertThat(offline)
                .extracting(ExampleBatch::groupingVersion)
                .containsOnly(evaluation.grouping().version());
    }

    @Test
    void randomUsersOnlyTheStreamWritesTheRowsOfTheSampledVariant() throws Exception {
        List<ExampleBatch> sampled =
                ModelVariant.parse("mtl-sampled", 4, SEED)
                        .sampling()
                        .apply(evaluation.trainBatches());
        assertSameRows(stream(0.5, 0.0), sampled, true);
    }

    @Test
    void withTheStreamsDefaultUpsamplingTheStreamWritesTheRowsOfTheUpsampledVariant()
            throws Exception {
        List<ExampleBatch> upsampled =
                ModelVariant.parse("mtl-upsampled", 4, SEED)
                        .sampling()
                        .apply(evaluation.trainBatches());
        Rows rows = new Rows(upsampled);
        assertThat(rows.count(i -> rows.sources[i] == ExampleBatch.SOURCE_ACTIVE)).isPositive();
        assertSameRows(stream(0.5, 0.5), upsampled, true);
    }

    @Test
    void theStreamsDefaultsAreTheLabellingDefaultsTheEvaluationStartsFrom() {
        assertThat(new GlocalStreamsConfig(Map.of()).labellingPolicy())
                .isEqualTo(LabellingPolicy.defaults());
    }

    /** Every column of every row, in order (batch boundaries aside). */
    private static void assertSameRows(
            List<ExampleBatch> stream, List<ExampleBatch> offline, boolean sources) {
        Rows s = new Rows(stream);
        Rows o = new Rows(offline);
        assertThat(o.users).as("rows").isNotEmpty();
        for (int i = 0; i < Math.min(s.users.size(), o.users.size()); i++) {
            String row =
                    "row "
                            + i
                            + " ("
                            + s.users.get(i)
                            + ", "
                            + s.titles.get(i)
                            + ", t="
                            + s.times[i]
                            + ") ";
            assertThat(s.users.get(i)).as(row + "user").isEqualTo(o.users.get(i));
            assertThat(s.titles.get(i)).as(row + "title").isEqualTo(o.titles.get(i));
            assertThat(s.territories.get(i)).as(row + "territory").isEqualTo(o.territories.get(i));
            assertThat(s.groups[i]).as(row + "territory group").isEqualTo(o.groups[i]);
            assertThat(s.versions[i]).as(row + "grouping version").isEqualTo(o.versions[i]);
            assertThat(s.activity[i]).as(row + "activity group").isEqualTo(o.activity[i]);
            assertThat(s.kinds[i]).as(row + "kind").isEqualTo(o.kinds[i]);
            if (sources) {
                assertThat(s.sources[i]).as(row + "sample source").isEqualTo(o.sources[i]);
            }
            assertThat(s.play[i]).as(row + "play").isEqualTo(o.play[i]);
            assertThat(s.finished[i]).as(row + "finished").isEqualTo(o.finished[i]);
            assertThat(s.skipped[i]).as(row + "skipped").isEqualTo(o.skipped[i]);
            assertThat(s.ratio[i]).as(row + "watch ratio").isEqualTo(o.ratio[i]);
            assertThat(s.weight[i]).as(row + "weight").isEqualTo(o.weight[i]);
            assertThat(s.times[i]).as(row + "event time").isEqualTo(o.times[i]);
        }
        assertThat(s.users.size()).as("rows").isEqualTo(o.users.size());
    }

    /** The rows of a list of batches, column by column. */
    private static final class Rows {
        final List<String> users = new ArrayList<>();
        final List<String> titles = new ArrayList<>();
        final List<String> territories = new ArrayList<>();
        final int[] groups;
        final int[] versions;
        final int[] activity;
        final int[] kinds;
        final int[] sources;
        final float[] play;
        final float[] finished;
        final float[] skipped;
        final float[] ratio;
        final float[] weight;
        final long[] times;

        Rows(List<ExampleBatch> batches) {
            int n = batches.stream().mapToInt(ExampleBatch::size).sum();
            groups = new int[n];
            versions = new int[n];
            activity = new int[n];
            kinds = new int[n];
            sources = new int[n];
            play = new float[n];
            finished = new float[n];
            skipped = new float[n];
            ratio = new float[n];
            weight = new float[n];
            times = new long[n];
            int r = 0;
            for (ExampleBatch b : batches) {
                for (int i = 0; i < b.size(); i++, r++) {
                    users.add(b.userIds()[i]);
                    titles.add(b.titleIds()[i]);
                    territories.add(b.territories()[i]);
                    groups[r] = b.territoryGroups()[i];
                    versions[r] = b.groupingVersion();
                    activity[r] = b.activityGroups()[i];
                    kinds[r] = b.exampleKinds()[i];
                    sources[r] = b.sampleSources()[i];
                    play[r] = b.play()[i];
                    finished[r] = b.finished()[i];
                    skipped[r] = b.skipped()[i];
                    ratio[r] = b.watchRatio()[i];
                    weight[r] = b.weights()[i];
                    times[r] = b.eventTimes()[i];
                }
            }
        }

        long count(java.util.function.IntPredicate row) {
            return java.util.stream.IntStream.range(0, times.length).filter(row).count();
        }
    }
}
