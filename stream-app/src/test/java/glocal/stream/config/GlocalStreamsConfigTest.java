package glocal.stream.config;

import static glocal.stream.config.GlocalStreamsConfig.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlocalStreamsConfigTest {

    private static GlocalStreamsConfig with(String key, Object value) {
        Map<String, Object> props = new HashMap<>();
        props.put(key, value);
        return new GlocalStreamsConfig(props);
    }

    @Test
    void defaultsMatchTheIssue() {
        GlocalStreamsConfig c = new GlocalStreamsConfig(Map.of());
        assertThat(c.getString(PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(c.getInt(BATCH_SIZE_CONFIG)).isEqualTo(1024);
        assertThat(c.getDouble(NEGATIVE_EXPONENT_CONFIG)).isEqualTo(0.75);
        assertThat(c.getString(BOOTSTRAP_SERVERS_CONFIG)).isEmpty();
        assertThat(c.explicitTerritoryGroups()).isEmpty();
    }

    @Test
    void environmentOverridesFileAndMapsUnderscoresToDots(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("glocal.properties");
        Files.writeString(file, "glocal.batch.size=64\nglocal.negatives.per.positive=2\n");
        GlocalStreamsConfig c =
                GlocalStreamsConfig.load(
                        file,
                        Map.of(
                                "GLOCAL_BATCH_SIZE",
                                "128",
                                "GLOCAL_JAVA_OPTS",
                                "-Xmx1g",
                                "PATH",
                                "/bin"));
        assertThat(c.getInt(BATCH_SIZE_CONFIG)).isEqualTo(128);
        assertThat(c.getInt(NEGATIVES_PER_POSITIVE_CONFIG)).isEqualTo(2);
        assertThat(envToKey("GLOCAL_BATCH_LINGER_MS")).isEqualTo(BATCH_LINGER_MS_CONFIG);
    }

    @Test
    void anUnknownGlocalVariableNamesItselfAndTheClosestKeysVariable() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () ->
                                GlocalStreamsConfig.load(
                                        null,
                                        Map.of(
                                                "GLOCAL_BATCHSIZE",
                                                "512",
                                                "GLOCAL_JAVA_OPTS",
                                                "-Xmx1g")));
        assertThat(e.getMessage())
                .isEqualTo(
                        "unknown configuration key glocal.batchsize (from environment variable "
                                + "GLOCAL_BATCHSIZE): did you mean glocal.batch.size (GLOCAL_BATCH_SIZE)? ./glocal config --markdown lists every key");
    }

    @Test
    void theClosestKeyIsTheOneFewestEditsAway() {
        assertThat(ConfigLoader.editDistance("glocal.batchsize", BATCH_SIZE_CONFIG)).isEqualTo(1);
        assertThat(ConfigLoader.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(ConfigLoader.closest("glocal.metric.port")).isEqualTo(METRICS_PORT_CONFIG);
        assertThat(ConfigLoader.closest("glocal.querry.host")).isEqualTo(QUERY_HOST_CONFIG);
    }

    @Test
    void explicitTerritoryGroupsAreParsed() {
        GlocalStreamsConfig c = with(TERRITORY_GROUPS_CONFIG, "US:0, CA:0,BR:1,MX:3");
        assertThat(c.explicitTerritoryGroups())
                .containsExactly(
                        Map.entry("US", 0),
                        Map.entry("CA", 0),
                        Map.entry("BR", 1),
                        Map.entry("MX", 3));
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource({
        "glocal.schema.registry.url, ''",
        "glocal.application.id, ''",
        "glocal.state.dir, ''",
        "glocal.processing.guarantee, exactly_once",
        "glocal.state.store.type, memory",
        "glocal.commit.interval.ms, 1",
        "glocal.dedup.window.ms, 0",
        "glocal.max.future.skew.ms, -1",
        "glocal.max.event.age.ms, 0",
        "glocal.activity.window.ms, 10",
        "glocal.activity.threshold, 0",
        "glocal.activity.group.new.below, 0",
        "glocal.activity.group.high.from, 0",
        "glocal.recent.titles, 0",
        "glocal.popularity.window.ms, 5",
        "glocal.territory.local.share, 1.5",
        "glocal.territory.global.top.k, 0",
        "glocal.territory.top.k, 0",
        "glocal.territory.group.count, 0",
        "glocal.territory.regroup.interval.ms, 1",
        "glocal.activity.cache.users, 0",
        "glocal.impression.play.window.ms, 0",
        "glocal.negatives.per.positive, -1",
        "glocal.negatives.popularity.exponent, -0.5",
        "glocal.sample.random.user.rate, 1.1",
        "glocal.sample.active.user.rate, -0.1",
        "glocal.sample.seed, notanumber",
        "glocal.batch.size, 0",
        "glocal.batch.linger.ms, 0",
        "glocal.query.port, 70000",
    })
    void outOfRangeValueIsRejectedNamingTheKey(String key, String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> with(key, value));
        assertThat(e.getMessage()).contains(key);
    }

    @Test
    void highActivityBelowActiveThresholdIsRejected() {
        Map<String, Object> p = Map.of(ACTIVITY_THRESHOLD_CONFIG, 10, ACTIVITY_HIGH_FROM_CONFIG, 5);
        ConfigException e = assertThrows(ConfigException.class, () -> new GlocalStreamsConfig(p));
        assertThat(e.getMessage())
                .contains(ACTIVITY_HIGH_FROM_CONFIG)
                .contains(ACTIVITY_THRESHOLD_CONFIG);
    }

    @Test
    void theExposureHeadInATrainerGroupIsRejectedNamingBothKeys() {
        Map<String, Object> p =
                Map.of(TRAINER_GROUP_ENABLED_CONFIG, true, MODEL_EXPOSURE_HEAD_CONFIG, true);
        ConfigException e = assertThrows(ConfigException.class, () -> new GlocalStreamsConfig(p));
        assertThat(e.getMessage())
                .contains(MODEL_EXPOSURE_HEAD_CONFIG)
                .contains(TRAINER_GROUP_ENABLED_CONFIG);
        new GlocalStreamsConfig(Map.of(TRAINER_GROUP_ENABLED_CONFIG, true));
        new GlocalStreamsConfig(Map.of(MODEL_EXPOSURE_HEAD_CONFIG, true));
    }

    @Test
    void batchSmallerThanPositivePlusNegativesIsRejected() {
        Map<String, Object> p = Map.of(BATCH_SIZE_CONFIG, 4, NEGATIVES_PER_POSITIVE_CONFIG, 4);
        ConfigException e = assertThrows(ConfigException.class, () -> new GlocalStreamsConfig(p));
        assertThat(e.getMessage())
                .contains(BATCH_SIZE_CONFIG)
                .contains(NEGATIVES_PER_POSITIVE_CONFIG);
    }

    @Test
    void dedupWindowLongerThanMaxEventAgeIsRejected() {
        Map<String, Object> p =
                Map.of(DEDUP_WINDOW_MS_CONFIG, 10_000L, MAX_EVENT_AGE_MS_CONFIG, 5_000L);
        ConfigException e = assertThrows(ConfigException.class, () -> new GlocalStreamsConfig(p));
        assertThat(e.getMessage())
                .contains(DEDUP_WINDOW_MS_CONFIG)
                .contains(MAX_EVENT_AGE_MS_CONFIG);
    }

    @Test
    void impressionWindowLongerThanDedupWindowIsRejected() {
        Map<String, Object> p =
                Map.of(IMPRESSION_WINDOW_MS_CONFIG, 10_000L, DEDUP_WINDOW_MS_CONFIG, 5_000L);
        ConfigException e = assertThrows(ConfigException.class, () -> new GlocalStreamsConfig(p));
        assertThat(e.getMessage()).contains(IMPRESSION_WINDOW_MS_CONFIG);
    }

    @Test
    void unknownTerritoryInGroupsIsRejected() {
        ConfigException e =
                assertThrows(
                        ConfigException.class, () -> with(TERRITORY_GROUPS_CONFIG, "US:0,XX:1"));
        assertThat(e.getMessage()).contains(TERRITORY_GROUPS_CONFIG).contains("XX");
    }

    @Test
    void groupIdNotBelowGroupCountIsRejected() {
        Map<String, Object> p =
                Map.of(TERRITORY_GROUPS_CONFIG, "US:0,BR:4", TERRITORY_GROUP_COUNT_CONFIG, 4);
        ConfigException e = assertThrows(ConfigException.class, () -> new GlocalStreamsConfig(p));
        assertThat(e.getMessage())
                .contains(TERRITORY_GROUPS_CONFIG)
                .contains(TERRITORY_GROUP_COUNT_CONFIG);
    }

    @Test
    void malformedGroupEntryIsRejected() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> with(TERRITORY_GROUPS_CONFIG, "US=0"));
        assertThat(e.getMessage()).contains(TERRITORY_GROUPS_CONFIG).contains("TERRITORY:GROUP");
    }

    @Test
    void extraTerritoryCodesAreAccepted() {
        Map<String, Object> p =
                Map.of(
                        EXTRA_TERRITORY_CODES_CONFIG,
                        "US-Z0,US-Z1",
                        TERRITORY_GROUPS_CONFIG,
                        "US-Z0:1");
        assertThat(new GlocalStreamsConfig(p).territoryCodes().isKnown("US-Z1")).isTrue();
    }

    @Test
    void markdownTableListsEveryKeyWithItsEnvironmentVariable() {
        String table = GlocalStreamsConfig.markdownTable();
        for (String key : configDef().names()) {
            assertThat(table).contains("`" + key + "`").contains("`" + keyToEnv(key) + "`");
        }
    }
}
