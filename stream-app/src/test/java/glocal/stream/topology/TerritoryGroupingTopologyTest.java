package glocal.stream.topology;

import static glocal.stream.config.GlocalStreamsConfig.REGROUP_INTERVAL_MS_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.TERRITORY_GROUPS_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.TERRITORY_GROUP_COUNT_CONFIG;
import static glocal.stream.topology.TopologyFixture.T0;
import static glocal.stream.topology.TopologyFixture.impression;
import static glocal.stream.topology.TopologyFixture.play;
import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.territory.TerritoryGrouping;
import glocal.schemas.avro.TerritoryGroups;
import glocal.schemas.avro.TrainingBatch;
import glocal.stream.Topics;
import glocal.stream.territory.TerritoryGroupsProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With no configured groups, the task of views partition 0 (the only task a TopologyTestDriver
 * runs) computes the grouping from viewership, publishes it on territory-groups and tags batches
 * with its version; after a restart it carries on with the grouping it published.
 */
class TerritoryGroupingTopologyTest {

    private TopologyFixture f;

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private TestOutputTopic<String, TerritoryGroups> published() {
        return f.driver.createOutputTopic(
                Topics.TERRITORY_GROUPS,
                new StringDeserializer(),
                f.serdes.territoryGroups().deserializer());
    }

    @Test
    void theFirstTaskPublishesTheGroupingItComputedAndBatchesCarryItsVersion() throws Exception {
        f = new TopologyFixture(getClass().getSimpleName(), Map.of(TERRITORY_GROUPS_CONFIG, ""));
        f.pipe(play("e1", "u1", "t1", "US", T0));
        f.pipe(play("e2", "u2", "t2", "BR", T0 + 1));
        f.pipe(play("e3", "u3", "t3", "JP", T0 + 2));
        assertThat(published().readValuesToList()).isEmpty(); // nothing before the first check
        f.driver.advanceWallClockTime(Duration.ofMillis(1_000));
        List<TerritoryGroups> groupings = published().readValuesToList();
        assertThat(groupings).hasSize(1);
        TerritoryGroups g = groupings.get(0);
        assertThat(g.getGroups()).containsOnlyKeys("US", "BR", "JP");
        assertThat(g.getVersion()).isEqualTo(TerritoryGroupsProcessor.grouping(g).version());
        f.drainBatches();
        f.pipe(play("e4", "u4", "t4", "US", T0 + 3));
        List<TrainingBatch> batches = f.drainBatches();
        assertThat(batches)
                .extracting(TrainingBatch::getGroupingVersion)
                .containsOnly(g.getVersion());
        f.driver.advanceWallClockTime(Duration.ofMillis(1_000));
        assertThat(published().readValuesToList())
                .as("not due again within the regroup interval")
                .isEmpty();
    }

    @Test
    void afterARestartTheFirstTaskCarriesOnWithThePublishedGrouping() throws Exception {
        f = new TopologyFixture(getClass().getSimpleName(), Map.of(TERRITORY_GROUPS_CONFIG, ""));
        TerritoryGrouping earlier = TerritoryGrouping.of(Map.of("US", 2, "BR", 0, "JP", 1), 4);
        TestInputTopic<String, TerritoryGroups> in =
                f.driver.createInputTopic(
                        Topics.TERRITORY_GROUPS,
                        new StringSerializer(),
                        f.serdes.territoryGroups().serializer());
        in.pipeInput(TerritoryGroupsProcessor.KEY, TerritoryGroupsProcessor.record(earlier, T0));
        f.driver.advanceWallClockTime(Duration.ofMillis(1_000));
        f.pipe(play("e1", "u1", "t1", "US", T0));
        f.pipe(play("e2", "u2", "t2", "BR", T0 + 1));
        f.driver.advanceWallClockTime(Duration.ofMillis(1_000));
        List<TrainingBatch> batches = f.drainBatches();
        assertThat(batches).isNotEmpty();
        assertThat(batches)
                .extracting(TrainingBatch::getGroupingVersion)
                .containsOnly(earlier.version());
        assertThat(batches.get(0).getTerritories()).containsExactly("US");
        assertThat(glocal.stream.examples.PackedColumns.toInts(batches.get(0).getTerritoryGroups()))
                .containsExactly(2);
        assertThat(published().readValuesToList())
                .as("the adopted grouping is not published again")
                .isEmpty();
    }

    /**
     * A regrouping where territories move keeps the group ids of those that did not: DE outgrows
     * US, so a fresh viewership computation would seed group 0 with DE and send every US user to
     * the head trained on DE's group; the published regrouping keeps US, CA in group 0 and DE, AT
     * in group 1, and only MX (which the volume balance now pulls to the smaller group) changes
     * group.
     */
    @Test
    void aRegroupingKeepsTheGroupIdsOfTheTerritoriesThatStayed() throws Exception {
        f =
                new TopologyFixture(
                        getClass().getSimpleName(),
                        Map.of(
                                TERRITORY_GROUPS_CONFIG,
                                "",
                                TERRITORY_GROUP_COUNT_CONFIG,
                                2,
                                REGROUP_INTERVAL_MS_CONFIG,
                                1_000L));
        int[] n = {0};
        playsOf(n, "US", "a", 9);
        playsOf(n, "DE", "d", 5);
        playsOf(n, "CA", "a", 1);
        playsOf(n, "AT", "d", 1);
        playsOf(n, "MX", "x", 1);
        f.driver.advanceWallClockTime(Duration.ofMillis(1_000));
        List<TerritoryGroups> first = published().readValuesToList();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).getGroups())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("US", 0, "CA", 0, "DE", 1, "AT", 1, "MX", 1));

        playsOf(n, "DE", "d", 15);
        f.driver.advanceWallClockTime(Duration.ofMillis(1_000));
        List<TerritoryGroups> second = published().readValuesToList();
        assertThat(second).hasSize(1);
        assertThat(second.get(0).getGroups())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("US", 0, "CA", 0, "DE", 1, "AT", 1, "MX", 0));
        f.drainBatches();
        f.pipe(play("us-late", "us-user", "a", "US", T0 + 1_000));
        f.driver.advanceWallClockTime(Duration.ofMillis(1_000));
        TrainingBatch last = f.drainBatches().get(0);
        assertThat(last.getGroupingVersion()).isEqualTo(second.get(0).getVersion());
        assertThat(glocal.stream.examples.PackedColumns.toInts(last.getTerritoryGroups()))
                .containsExactly(0);
    }

    /**
     * A batch holds one grouping, so an impression that waited across a regrouping leaves in the
     * grouping in use: otherwise each such impression, interleaved with the plays of the new
     * grouping, would cut the batch being filled short (bench streams wrote twice as many batches
     * that way).
     */
    @Test
    void anImpressionThatWaitedAcrossARegroupingLeavesInTheNewGrouping() throws Exception {
        f = new TopologyFixture(getClass().getSimpleName(), Map.of(TERRITORY_GROUPS_CONFIG, ""));
        f.pipe(impression("i1", "u1", "t9", "BR", T0)); // before any grouping is computed
        f.pipe(play("e1", "u2", "t1", "US", T0 + 1));
        f.pipe(play("e2", "u3", "t2", "BR", T0 + 2));
        f.driver.advanceWallClockTime(Duration.ofMillis(1_000));
        TerritoryGroups g = published().readValuesToList().get(0);
        f.drainBatches();
        f.pipe(play("e3", "u4", "t3", "US", T0 + 20_000)); // past the 10 s impression window
        List<TrainingBatch> out = f.drainBatches();
        assertThat(out).extracting(b -> b.getTitleIds().get(0)).containsExactly("t3", "t9");
        assertThat(out).extracting(TrainingBatch::getGroupingVersion).containsOnly(g.getVersion());
        assertThat(glocal.stream.examples.PackedColumns.toInts(out.get(1).getTerritoryGroups()))
                .containsExactly(g.getGroups().get("BR"));
    }

    private void playsOf(int[] n, String territory, String title, int plays) {
        for (int i = 0; i < plays; i++) {
            n[0]++;
            f.pipe(play("e" + n[0], "u" + n[0], title, territory, T0 + n[0]));
        }
    }
}
