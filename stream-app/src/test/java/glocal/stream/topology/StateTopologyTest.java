package glocal.stream.topology;

import static glocal.stream.topology.TopologyFixture.T0;
import static glocal.stream.topology.TopologyFixture.impression;
import static glocal.stream.topology.TopologyFixture.play;
import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.labelling.ActivityPolicy;
import glocal.model.labelling.UserActivity;
import glocal.stream.activity.ActivityProcessor;
import glocal.stream.territory.TerritoryCountProcessor;
import glocal.stream.territory.TerritoryPopularity;
import glocal.stream.territory.TitleCount;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StateTopologyTest {

    private TopologyFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new TopologyFixture(getClass().getSimpleName(), Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void activeUsersStoreTracksWindowTotalsTitlesAndHomeTerritory() {
        f.pipe(play("e1", "u1", "t1", "BR", T0));
        f.pipe(impression("e2", "u1", "t9", "BR", T0 + 500));
        f.pipe(play("e3", "u1", "t2", "US", T0 + 1_000));
        f.pipe(play("e4", "u1", "t3", "BR", T0 + 2_000));
        KeyValueStore<String, UserActivity> store =
                f.driver.getKeyValueStore(ActivityProcessor.STORE);
        UserActivity u1 = store.get("u1");
        assertThat(u1.totalViews()).isEqualTo(3);
        assertThat(u1.firstSeen()).isEqualTo(T0);
        assertThat(u1.lastSeen()).isEqualTo(T0 + 2_000);
        assertThat(u1.recentTitles()).containsExactly("t3", "t2", "t1");
        assertThat(u1.homeTerritory()).isEqualTo("BR");
        ActivityPolicy policy = new ActivityPolicy(16_000, 3, 2, 4, 50);
        assertThat(policy.isActive(u1, T0 + 2_000)).isTrue();
        assertThat(policy.isActive(u1, T0 + 40_000)).isFalse();
        assertThat(store.get("nobody")).isNull();
    }

    @Test
    void territoryCountersCountPlaysPerTerritoryAndTitleAndGlobally() {
        f.pipe(play("e1", "u1", "t1", "BR", T0));
        f.pipe(play("e2", "u2", "t1", "BR", T0 + 1));
        f.pipe(play("e3", "u3", "t1", "US", T0 + 2));
        f.pipe(play("e4", "u3", "t2", "US", T0 + 3));
        f.pipe(impression("e5", "u3", "t3", "US", T0 + 4));
        WindowStore<String, Long> byTerritory =
                f.driver.getWindowStore(TerritoryCountProcessor.TERRITORY_TITLE_STORE);
        WindowStore<String, Long> global =
                f.driver.getWindowStore(TerritoryCountProcessor.TITLE_STORE);
        long window = Math.floorDiv(T0, 3_600_000L) * 3_600_000L;
        assertThat(byTerritory.fetch(TerritoryCountProcessor.territoryTitleKey("BR", "t1"), window))
                .isEqualTo(2L);
        assertThat(byTerritory.fetch(TerritoryCountProcessor.territoryTitleKey("US", "t1"), window))
                .isEqualTo(1L);
        assertThat(global.fetch("t1", window)).isEqualTo(3L);
        assertThat(global.fetch("t3", window)).isNull();
        TerritoryPopularity pop;
        try (var it = byTerritory.all()) {
            pop = TerritoryPopularity.fromWindows(it);
        }
        assertThat(pop.topK("US", 5))
                .containsExactly(new TitleCount("t1", 1), new TitleCount("t2", 1));
        assertThat(pop.titleClass("t1", 0.6, 1)).isEqualTo("GLOBAL");
        assertThat(pop.titleClass("t2", 0.6, 1)).isEqualTo("LOCAL:US");
    }
}
