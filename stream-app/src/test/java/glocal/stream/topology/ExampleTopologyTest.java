package glocal.stream.topology;

import static glocal.stream.config.GlocalStreamsConfig.*;
import static glocal.stream.topology.TopologyFixture.T0;
import static glocal.stream.topology.TopologyFixture.impression;
import static glocal.stream.topology.TopologyFixture.play;
import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.territory.TerritoryGrouping;
import glocal.schemas.avro.TrainingBatch;
import glocal.schemas.avro.UserWeight;
import glocal.stream.GlocalMetrics;
import glocal.stream.examples.PackedColumns;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExampleTopologyTest {

    private TopologyFixture f;

    private void start(Map<String, Object> overrides) throws Exception {
        f = new TopologyFixture(getClass().getSimpleName(), overrides);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void playBecomesPositiveWithColumnsPackedLittleEndian() throws Exception {
        start(Map.of());
        f.pipe(play("e1", "u1", "t1", "BR", T0));
        List<TestRecord<String, TrainingBatch>> out = f.batches.readRecordsToList();
        assertThat(out).hasSize(1);
        TrainingBatch b = out.get(0).value();
        int version = TerritoryGrouping.of(Map.of("US", 0, "CA", 0, "BR", 1), 4).version();
        assertThat(out.get(0).key()).isEqualTo("0-0-0");
        assertThat(b.getBatchId()).isEqualTo("0-0-0");
        assertThat(b.getSize()).isEqualTo(1);
        assertThat(b.getGroupingVersion()).isEqualTo(version);
        assertThat(b.getCreatedAt()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(b.getUserIds()).containsExactly("u1");
        assertThat(b.getTitleIds()).containsExactly("t1");
        assertThat(b.getTerritories()).containsExactly("BR");
        assertThat(PackedColumns.toInts(b.getTerritoryGroups())).containsExactly(1);
        assertThat(PackedColumns.toInts(b.getActivityGroups())).containsExactly(0);
        assertThat(PackedColumns.toInts(b.getExampleKinds()))
                .containsExactly(ExampleKind.PLAY.code());
        assertThat(PackedColumns.toInts(b.getSampleSources()))
                .containsExactly(ExampleBatch.SOURCE_RANDOM);
        assertThat(PackedColumns.toFloats(b.getPlay())).containsExactly(1f);
        assertThat(PackedColumns.toFloats(b.getWatchRatio())).containsExactly(0.5f);
        assertThat(PackedColumns.toFloats(b.getWeights())).containsExactly(1f);
        assertThat(PackedColumns.toLongs(b.getEventTimes())).containsExactly(T0);
        assertThat(b.getApplicationId())
                .as("glocal.application.id, default")
                .isEqualTo("glocal-streams");
    }

    @Test
    void playGetsKNegativesFromItsTerritoryExcludingRecentTitles() throws Exception {
        start(Map.of(NEGATIVES_PER_POSITIVE_CONFIG, 2, BATCH_SIZE_CONFIG, 3));
        // catalogue: BR has t1..t4 played by other users; US has u-only titles
        f.pipe(play("c1", "x1", "t1", "BR", T0));
        f.pipe(play("c2", "x2", "t2", "BR", T0));
        f.pipe(play("c3", "x3", "t3", "BR", T0));
        f.pipe(play("c4", "x4", "t4", "BR", T0));
        f.pipe(play("c5", "x5", "us1", "US", T0));
        f.driver.advanceWallClockTime(Duration.ofMillis(1_000)); // linger flush
        f.drainBatches();
        f.pipe(play("e0", "u1", "t1", "BR", T0 + 10));
        f.pipe(play("e1", "u1", "t2", "BR", T0 + 20));
        List<TrainingBatch> batches = f.drainBatches();
        TrainingBatch last = batches.get(batches.size() - 1);
        assertThat(last.getTitleIds().get(0)).isEqualTo("t2");
        assertThat(PackedColumns.toInts(last.getExampleKinds()))
                .containsExactly(
                        ExampleKind.PLAY.code(),
                        ExampleKind.NEGATIVE.code(),
                        ExampleKind.NEGATIVE.code());
        assertThat(last.getTitleIds().subList(1, 3)).containsExactlyInAnyOrder("t3", "t4");
        assertThat(PackedColumns.toFloats(last.getPlay())).containsExactly(1f, 0f, 0f);
    }

    @Test
    void negativesComeFromTheCountsAsOfThePlayItselfWithNoWaitForARefresh() throws Exception {
        // The sampler follows every play (there is no catalogue refresh to wait for), so the second
        // play of the run already gets the first as a negative, and the third gets both.
        start(Map.of(NEGATIVES_PER_POSITIVE_CONFIG, 2, BATCH_SIZE_CONFIG, 3));
        f.pipe(play("c1", "x1", "t1", "BR", T0));
        assertThat(lingered()).containsExactly("t1 PLAY");
        f.pipe(play("c2", "x2", "t2", "BR", T0));
        assertThat(lingered()).containsExactly("t2 PLAY", "t1 NEGATIVE");
        f.pipe(play("c3", "x3", "t3", "BR", T0));
        List<String> third = lingered();
        assertThat(third.get(0)).isEqualTo("t3 PLAY");
        assertThat(third.subList(1, 3)).containsExactlyInAnyOrder("t1 NEGATIVE", "t2 NEGATIVE");
    }

    /** "title KIND" of each example of the batches written once the linger has passed. */
    private List<String> lingered() {
        f.driver.advanceWallClockTime(Duration.ofMillis(1_000));
        List<String> out = new java.util.ArrayList<>();
        for (TrainingBatch b : f.drainBatches()) {
            int[] kinds = PackedColumns.toInts(b.getExampleKinds());
            for (int i = 0; i < b.getSize(); i++) {
                out.add(b.getTitleIds().get(i) + " " + ExampleKind.of(kinds[i]));
            }
        }
        return out;
    }

    @Test
    void aViewsExamplesThatOverflowABatchStartTheNextOne() throws Exception {
        start(Map.of(NEGATIVES_PER_POSITIVE_CONFIG, 2, BATCH_SIZE_CONFIG, 4));
        for (int i = 0; i < 4; i++) {
            f.pipe(play("c" + i, "x" + i, "t" + i, "BR", T0));
        }
        f.driver.advanceWallClockTime(Duration.ofMillis(1_000)); // linger flush
        f.drainBatches();
        f.pipe(play("e1", "u1", "t0", "BR", T0 + 1)); // 3 examples
        f.pipe(play("e2", "u2", "t1", "BR", T0 + 2)); // 3 more: 4 fill a batch, 2 wait
        List<TrainingBatch> out = f.drainBatches();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getUserIds()).containsExactly("u1", "u1", "u1", "u2");
        f.driver.advanceWallClockTime(Duration.ofMillis(1_000));
        List<TrainingBatch> rest = f.drainBatches();
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).getUserIds()).containsExactly("u2", "u2");
        assertThat(PackedColumns.toInts(rest.get(0).getExampleKinds()))
                .containsExactly(ExampleKind.NEGATIVE.code(), ExampleKind.NEGATIVE.code());
    }

    @Test
    void impressionWithoutPlayBecomesNegativeAfterTheWindow() throws Exception {
        start(Map.of());
        f.pipe(impression("e1", "u1", "t1", "US", T0));
        f.pipe(impression("e2", "u1", "t2", "US", T0 + 1_000));
        f.pipe(play("e3", "u1", "t2", "US", T0 + 2_000)); // cancels the t2 impression
        assertThat(f.drainBatches()).extracting(b -> b.getTitleIds().get(0)).containsExactly("t2");
        f.pipe(play("e4", "u2", "t5", "US", T0 + 10_000)); // stream time passes t1's window
        List<TrainingBatch> out = f.drainBatches();
        assertThat(out).extracting(b -> b.getTitleIds().get(0)).containsExactly("t5", "t1");
        TrainingBatch negative = out.get(1);
        assertThat(PackedColumns.toInts(negative.getExampleKinds()))
                .containsExactly(ExampleKind.IMPRESSION.code());
        assertThat(PackedColumns.toFloats(negative.getPlay())).containsExactly(0f);
        assertThat(PackedColumns.toLongs(negative.getEventTimes())).containsExactly(T0);
        f.pipe(play("e5", "u2", "t6", "US", T0 + 60_000));
        assertThat(f.drainBatches()).extracting(b -> b.getTitleIds().get(0)).containsExactly("t6");
    }

    @Test
    void examplesCarryTheUserWeightFromTheTrainer() throws Exception {
        start(Map.of());
        f.pipe(play("e1", "u1", "t1", "US", T0));
        f.weights.pipeInput("u1", new UserWeight("u1", 2.5f, 3L, Instant.ofEpochMilli(T0)), T0);
        f.pipe(play("e2", "u1", "t2", "US", T0 + 1));
        assertThat(f.drainBatches())
                .extracting(b -> PackedColumns.toFloats(b.getWeights())[0])
                .containsExactly(1f, 2.5f);
    }

    @Test
    void aNonFiniteOrOutOfClipUserWeightIsReadAsOneAndCounted() throws Exception {
        start(Map.of());
        f.weights.pipeInput(
                "u1", new UserWeight("u1", Float.NaN, 3L, Instant.ofEpochMilli(T0)), T0);
        f.weights.pipeInput(
                "u2",
                new UserWeight("u2", Float.POSITIVE_INFINITY, 3L, Instant.ofEpochMilli(T0)),
                T0);
        f.weights.pipeInput("u3", new UserWeight("u3", 50f, 3L, Instant.ofEpochMilli(T0)), T0);
        f.weights.pipeInput("u4", new UserWeight("u4", 0.5f, 3L, Instant.ofEpochMilli(T0)), T0);
        f.pipe(play("e1", "u1", "t1", "US", T0));
        f.pipe(play("e2", "u2", "t2", "US", T0 + 1));
        f.pipe(play("e3", "u3", "t3", "US", T0 + 2));
        f.pipe(play("e4", "u4", "t4", "US", T0 + 3));
        assertThat(f.drainBatches())
                .extracting(b -> PackedColumns.toFloats(b.getWeights())[0])
                .containsExactly(1f, 1f, 1f, 0.5f);
        assertThat(f.counter(GlocalMetrics.USER_WEIGHTS_REPLACED, null, null)).isEqualTo(3.0);
    }

    @Test
    void fullBatchesHaveSizeBAndPartialOnesLeaveAfterTheLinger() throws Exception {
        start(Map.of(BATCH_SIZE_CONFIG, 3));
        for (int i = 0; i < 7; i++) {
            f.pipe(play("e" + i, "u" + i, "t" + i, "US", T0 + i));
        }
        List<TestRecord<String, TrainingBatch>> out = f.batches.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly("0-0-0", "0-0-1");
        assertThat(out.get(1).value().getTitleIds()).containsExactly("t3", "t4", "t5");
        f.driver.advanceWallClockTime(Duration.ofMillis(999));
        assertThat(f.batches.isEmpty()).isTrue();
        f.driver.advanceWallClockTime(Duration.ofMillis(1));
        TestRecord<String, TrainingBatch> partial = f.batches.readRecord();
        assertThat(partial.key()).isEqualTo("0-0-2");
        assertThat(partial.value().getTitleIds()).containsExactly("t6");
    }

    @Test
    void activeUsersAreUpsampledAtTheirOwnRateDisjointFromRandomUsers() throws Exception {
        start(
                Map.of(
                        RANDOM_USER_RATE_CONFIG,
                        0.2,
                        ACTIVE_USER_RATE_CONFIG,
                        0.5,
                        ACTIVITY_THRESHOLD_CONFIG,
                        3,
                        SEED_CONFIG,
                        11L,
                        STATE_STORE_TYPE_CONFIG,
                        IN_MEMORY));
        int users = 2_000;
        // even users are active (3 plays in the window), odd users play once
        for (int u = 0; u < users; u++) {
            int plays = u % 2 == 0 ? 3 : 1;
            for (int p = 0; p < plays; p++) {
                f.pipe(play("e" + u + "-" + p, "user" + u, "t" + p, "US", T0 + p));
            }
        }
        Map<String, Integer> sourceOfUser = new HashMap<>();
        int activeUpsampledInactive = 0;
        for (TrainingBatch b : f.drainBatches()) {
            int source = PackedColumns.toInts(b.getSampleSources())[0];
            Integer before = sourceOfUser.put(b.getUserIds().get(0), source);
            if (before != null && before == ExampleBatch.SOURCE_RANDOM) {
                assertThat(source).isEqualTo(ExampleBatch.SOURCE_RANDOM);
            }
            int user = Integer.parseInt(b.getUserIds().get(0).substring(4));
            if (source == ExampleBatch.SOURCE_ACTIVE && user % 2 == 1) {
                activeUpsampledInactive++;
            }
        }
        long random =
                sourceOfUser.values().stream().filter(s -> s == ExampleBatch.SOURCE_RANDOM).count();
        long upsampled =
                sourceOfUser.values().stream().filter(s -> s == ExampleBatch.SOURCE_ACTIVE).count();
        assertThat(random / (double) users).isBetween(0.17, 0.23);
        // half of the non-random active users (about 0.8 * 1000)
        assertThat(upsampled / (0.8 * users / 2)).isBetween(0.43, 0.57);
        assertThat(activeUpsampledInactive).isZero();
    }
}
