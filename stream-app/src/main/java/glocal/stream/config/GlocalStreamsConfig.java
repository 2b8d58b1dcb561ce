package glocal.stream.config;

import glocal.model.labelling.LabellingPolicy;
import glocal.model.territory.TerritoryGrouping;
import glocal.model.train.ModelSpec;
import glocal.stream.examples.ExamplePolicy;
import glocal.stream.state.GlocalRocksDbConfig;
import glocal.stream.territory.TerritoryCodes;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Typed configuration of the stream side of Glocal, declared once in a {@link ConfigDef} in the
 * style of Kafka's own {@code StreamsConfig}. Values come from a properties file and from {@code
 * GLOCAL_*} environment variables ({@code GLOCAL_BATCH_SIZE} sets {@code glocal.batch.size}:
 * lower-case the name and turn every {@code _} into {@code .}); the environment wins. All keys and
 * cross-key rules are checked in the constructor and a failure names the key to change.
 */
public final class GlocalStreamsConfig extends AbstractConfig
        implements EndpointsRoleConfig, StreamRoleConfig, ModelRoleConfig, TrainerRoleConfig {

    public static final String ENV_PREFIX = "GLOCAL_";

    private static final ConfigDef CONFIG = definition();

    private final Map<String, Integer> explicitGroups;
    private final TerritoryCodes territoryCodes;

    public GlocalStreamsConfig(Map<?, ?> props) {
        super(CONFIG, props, false);
        territoryCodes = TerritoryCodes.isoPlus(getList(EXTRA_TERRITORY_CODES_CONFIG));
        explicitGroups = parseGroups(getString(TERRITORY_GROUPS_CONFIG));
        checkCrossKeyRules();
    }

    /**
     * Loads {@code file} (may be null) and overrides it with the {@code GLOCAL_*} entries of {@code
     * env}; see {@link ConfigLoader} for the errors.
     */
    public static GlocalStreamsConfig load(Path file, Map<String, String> env) {
        return new ConfigLoader().file(file).environment(env).load();
    }

    public static String envToKey(String envName) {
        return envName.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public static String keyToEnv(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    private void checkCrossKeyRules() {
        String instanceIdProblem = InstanceId.problem(getString(INSTANCE_ID_CONFIG).trim());
        if (instanceIdProblem != null) {
            throw new ConfigException(
                    INSTANCE_ID_CONFIG, getString(INSTANCE_ID_CONFIG), instanceIdProblem);
        }
        if (getBoolean(TRAINER_GROUP_ENABLED_CONFIG) && getBoolean(MODEL_EXPOSURE_HEAD_CONFIG)) {
            // The changelog moves a user's row, Adam state, groups and history; the exposure
            // head's per-user bias and play counts are not in it yet.
            throw new ConfigException(
                    MODEL_EXPOSURE_HEAD_CONFIG,
                    true,
                    "the exposure head's per-user state does not move with a partition between"
                            + " trainers yet: turn it off or set "
                            + TRAINER_GROUP_ENABLED_CONFIG
                            + "=false");
        }
        if (getInt(ACTIVITY_HIGH_FROM_CONFIG) < getInt(ACTIVITY_THRESHOLD_CONFIG)) {
            throw new ConfigException(
                    ACTIVITY_HIGH_FROM_CONFIG,
                    getInt(ACTIVITY_HIGH_FROM_CONFIG),
                    "a high-activity user must also be active: raise it to at least "
                            + ACTIVITY_THRESHOLD_CONFIG
                            + "="
                            + getInt(ACTIVITY_THRESHOLD_CONFIG));
        }
        if (getInt(BATCH_SIZE_CONFIG) < getInt(NEGATIVES_PER_POSITIVE_CONFIG) + 1) {
            throw new ConfigException(
                    BATCH_SIZE_CONFIG,
                    getInt(BATCH_SIZE_CONFIG),
                    "a batch must hold one positive and its "
                            + NEGATIVES_PER_POSITIVE_CONFIG
                            + "="
                            + getInt(NEGATIVES_PER_POSITIVE_CONFIG)
                            + " negatives");
        }
        if (getLong(DEDUP_WINDOW_MS_CONFIG) > getLong(MAX_EVENT_AGE_MS_CONFIG)) {
            throw new ConfigException(
                    DEDUP_WINDOW_MS_CONFIG,
                    getLong(DEDUP_WINDOW_MS_CONFIG),
                    "views older than "
                            + MAX_EVENT_AGE_MS_CONFIG
                            + "="
                            + getLong(MAX_EVENT_AGE_MS_CONFIG)
                            + " are rejected anyway: lower the dedup window to at most that");
        }
        if (getLong(IMPRESSION_WINDOW_MS_CONFIG) > getLong(DEDUP_WINDOW_MS_CONFIG)) {
            throw new ConfigException(
                    IMPRESSION_WINDOW_MS_CONFIG,
                    getLong(IMPRESSION_WINDOW_MS_CONFIG),
                    "must not exceed "
                            + DEDUP_WINDOW_MS_CONFIG
                            + "="
                            + getLong(DEDUP_WINDOW_MS_CONFIG)
                            + ", or a replayed PLAY could cancel an impression after its duplicate was forgotten");
        }
        int groups = getInt(TERRITORY_GROUP_COUNT_CONFIG);
        explicitGroups.forEach(
                (territory, group) -> {
                    if (!territoryCodes.isKnown(territory)) {
                        throw new ConfigException(
                                TERRITORY_GROUPS_CONFIG,
                                getString(TERRITORY_GROUPS_CONFIG),
                                "territory '"
                                        + territory
                                        + "' is neither ISO 3166-1 alpha-2 nor listed in "
                                        + EXTRA_TERRITORY_CODES_CONFIG);
                    }
                    if (group >= groups) {
                        throw new ConfigException(
                                TERRITORY_GROUPS_CONFIG,
                                getString(TERRITORY_GROUPS_CONFIG),
                                "group "
                                        + group
                                        + " of "
                                        + territory
                                        + " is not below "
                                        + TERRITORY_GROUP_COUNT_CONFIG
                                        + "="
                                        + groups);
                    }
                });
    }

    private static Map<String, Integer> parseGroups(String spec) {
        try {
            return TerritoryGrouping.parseAssignment(spec);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(TERRITORY_GROUPS_CONFIG, spec, e.getMessage());
        }
    }

    /** Kafka Streams properties derived from this configuration. */
    public Properties streamsProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, getString(APPLICATION_ID_CONFIG));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, getString(STATE_DIR_CONFIG));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, getString(PROCESSING_GUARANTEE_CONFIG));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, getLong(COMMIT_INTERVAL_MS_CONFIG));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, getInt(STREAM_THREADS_CONFIG));
        if (getBoolean(STATIC_MEMBERSHIP_CONFIG)) {
            // Kafka Streams appends "-<thread index>" for each stream thread's consumer.
            p.put(
                    StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                    instanceId());
        }
        p.put(
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                getInt(SESSION_TIMEOUT_MS_CONFIG));
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, getInt(STANDBY_REPLICAS_CONFIG));
        p.put(
                StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG,
                getLong(CHANGELOG_ADDITIONAL_RETENTION_MS_CONFIG));
        p.put(
                StreamsConfig.topicPrefix(TopicConfig.SEGMENT_BYTES_CONFIG),
                getInt(CHANGELOG_SEGMENT_BYTES_CONFIG));
        // No store uses Kafka's record cache: the processors keep their state in memory themselves.
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        p.put(
                StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG),
                getInt(PRODUCER_BATCH_BYTES_CONFIG));
        if (ROCKSDB.equals(getString(STATE_STORE_TYPE_CONFIG))) {
            p.put(
                    StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG,
                    GlocalRocksDbConfig.class.getName());
        }
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        p.put(
                StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG,
                Serdes.ByteArraySerde.class.getName());
        return p;
    }

    /**
     * The group.instance.id under static membership: {@value #INSTANCE_ID_CONFIG}, or derived when
     * empty.
     */
    public String instanceId() {
        String configured = getString(INSTANCE_ID_CONFIG).trim();
        return configured.isEmpty()
                ? InstanceId.derive(getString(APPLICATION_ID_CONFIG), getString(STATE_DIR_CONFIG))
                : configured;
    }

    /**
     * Markdown table of every key (README): name, env variable, type, default, valid values, doc.
     */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(
                "| key | environment | type | default | valid values | importance | description |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : CONFIG.configKeys().values()) {
            Object dflt = key.hasDefault() ? key.defaultValue : "(required)";
            sb.append("| `")
                    .append(key.name)
                    .append("` | `")
                    .append(keyToEnv(key.name))
                    .append("` | ")
                    .append(key.type.name().toLowerCase(Locale.ROOT))
                    .append(" | `")
                    .append(
                            dflt instanceof List<?> l
                                    ? String.join(",", l.stream().map(String::valueOf).toList())
                                    : dflt)
                    .append("` | ")
                    .append(
                            key.validator == null
                                    ? ""
                                    : key.validator.toString().replace("|", "\\|"))
                    .append(" | ")
                    .append(key.importance.name().toLowerCase(Locale.ROOT))
                    .append(" | ")
                    .append(key.documentation)
                    .append(" |\n");
        }
        return sb.toString();
    }

    /**
     * The labelling rules the configuration sets (the offline evaluation's {@link
     * LabellingPolicy#defaults()} otherwise); {@link LabellingPolicy#activity()} is the activity
     * rule the stream and the query endpoint share.
     */
    public LabellingPolicy labellingPolicy() {
        return new LabellingPolicy(
                getLong(IMPRESSION_WINDOW_MS_CONFIG),
                getInt(NEGATIVES_PER_POSITIVE_CONFIG),
                getDouble(NEGATIVE_EXPONENT_CONFIG),
                getLong(POPULARITY_WINDOW_MS_CONFIG),
                getLong(ACTIVITY_WINDOW_MS_CONFIG),
                getInt(ACTIVITY_THRESHOLD_CONFIG),
                getInt(ACTIVITY_NEW_BELOW_CONFIG),
                getInt(ACTIVITY_HIGH_FROM_CONFIG),
                getInt(RECENT_TITLES_CONFIG),
                getDouble(RANDOM_USER_RATE_CONFIG),
                getDouble(ACTIVE_USER_RATE_CONFIG),
                getLong(SEED_CONFIG));
    }

    /** The labelling rules with the territory grouping the stream's examples carry. */
    public ExamplePolicy examplePolicy() {
        return new ExamplePolicy(
                labellingPolicy(),
                explicitGroups,
                getInt(TERRITORY_GROUP_COUNT_CONFIG),
                getLong(REGROUP_INTERVAL_MS_CONFIG));
    }

    /**
     * The spec of model {@code kind} with this configuration's model keys ({@link
     * ModelRoleConfig}).
     */
    public ModelSpec modelSpec(String kind) {
        return ModelRoleConfig.modelSpec(this, kind);
    }

    public Map<String, Integer> explicitTerritoryGroups() {
        return explicitGroups;
    }

    public TerritoryCodes territoryCodes() {
        return territoryCodes;
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        EndpointsRoleConfig.define(def);
        StreamRoleConfig.define(def);
        ModelRoleConfig.define(def);
        TrainerRoleConfig.define(def);
        return def;
    }
}
