package glocal.model.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticConfigTest {

    @Test
    void presetsAreValidAndDifferWhereTheirScenarioSays() {
        SyntheticConfig d = SyntheticConfig.defaults();
        assertThat(SyntheticConfig.balanced().meanLocalTaste()).isGreaterThan(d.meanLocalTaste());
        assertThat(SyntheticConfig.strongLocalTaste().meanLocalTaste()).isGreaterThanOrEqualTo(0.7);
        assertThat(SyntheticConfig.strongLocalTaste().localCandidateShare())
                .isLessThan(d.localCandidateShare());
        assertThat(SyntheticConfig.tinyTerritory().territorySizeExponent()).isGreaterThan(1.5);
        assertThat(SyntheticConfig.manyNiche().nicheUserShare()).isGreaterThanOrEqualTo(0.4);
        assertThat(d.totalTitles()).isEqualTo(4_000 + 4 * 100 + 33 * 60);
    }

    @Test
    void eachBadValueIsReportedWithItsKey() {
        SyntheticConfig d = SyntheticConfig.defaults();
        List<Runnable> bad =
                List.of(
                        () -> d.toBuilder().users(0).build(),
                        () -> d.toBuilder().territories(99).build(),
                        () -> d.toBuilder().activityParetoAlpha(1.0).build(),
                        () -> d.toBuilder().nicheUserShare(1.5).build(),
                        () -> d.toBuilder().meanEventGapMs(0).build(),
                        () ->
                                d.toBuilder()
                                        .localTitlesPerTerritory(0)
                                        .regionalTitlesPerRegion(0)
                                        .build());
        List<String> keys =
                List.of(
                        "synthetic.users",
                        "synthetic.territories",
                        "synthetic.activityParetoAlpha",
                        "synthetic.nicheUserShare",
                        "synthetic.meanEventGapMs",
                        "synthetic.localCandidateShare");
        for (int i = 0; i < bad.size(); i++) {
            assertThatThrownBy(bad.get(i)::run)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(keys.get(i));
        }
    }

    @Test
    void propertiesOverridePresetFieldsAndBadKeysAreNamed() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("synthetic.users", "5000");
        p.setProperty("synthetic.nicheUserShare", "0.25");
        p.setProperty("other.key", "ignored");
        SyntheticConfig c = SyntheticConfig.preset("manyNiche").with(p);
        assertThat(c.users()).isEqualTo(5_000);
        assertThat(c.nicheUserShare()).isEqualTo(0.25);
        assertThat(c.zipfExponent()).isEqualTo(SyntheticConfig.manyNiche().zipfExponent());

        p.setProperty("synthetic.users", "many");
        assertThatThrownBy(() -> SyntheticConfig.defaults().with(p))
                .hasMessageContaining("synthetic.users = many: not a number");
        p.setProperty("synthetic.users", "5000");
        p.setProperty("synthetic.userz", "1");
        assertThatThrownBy(() -> SyntheticConfig.defaults().with(p))
                .hasMessageContaining("synthetic.userz is not a synthetic config key");
        assertThatThrownBy(() -> SyntheticConfig.preset("huge"))
                .hasMessageContaining("synthetic.preset = huge")
                .hasMessageContaining("tinyTerritory");
    }

    @Test
    void fewerTerritoriesKeepTheLargestOnes() {
        SyntheticWorld world =
                new SyntheticWorld(
                        SyntheticConfig.defaults().toBuilder().users(1_000).territories(3).build(),
                        1);
        assertThat(world.territories())
                .extracting(Territory::code)
                .containsExactly("US", "BR", "IN");
        assertThat(world.region("BR")).isEqualTo(Region.LATAM);
        assertThatThrownBy(() -> world.region("IS")).hasMessageContaining("'IS'");
    }
}
