package glocal.stream.config;

import glocal.model.labelling.LabellingPolicy;
import glocal.model.territory.TerritoryGrouping;
import glocal.model.weights.AdaptiveWeightsConfig;
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
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
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
public final class GlocalStreamsConfig extends AbstractConfig {

    public static final String ENV_PREFIX = "GLOCAL_";

    public static final String BOOTSTRAP_SERVERS_CONFIG = "glocal.bootstrap.servers";
    static final String BOOTSTRAP_SERVERS_DOC =
            "Kafka bootstrap servers. Empty: start an embedded KRaft broker in process.";
    public static final String SCHEMA_REGISTRY_URL_CONFIG = "glocal.schema.registry.url";
    static final String SCHEMA_REGISTRY_URL_DOC =
            "Schema registry URL; mock://<scope> is the in-process registry.";
    public static final String APPLICATION_ID_CONFIG = "glocal.application.id";
    static final String APPLICATION_ID_DOC =
            "Kafka Streams application.id: names the consumer group, internal topics and state directory.";
    public static final String STATE_DIR_CONFIG = "glocal.state.dir";
    static final String STATE_DIR_DOC = "Directory for the RocksDB state stores.";
    public static final String PROCESSING_GUARANTEE_CONFIG = "glocal.processing.guarantee";
    static final String PROCESSING_GUARANTEE_DOC =
            "Kafka Streams processing.guarantee: exactly_once_v2 or at_least_once.";

    public static final String STREAM_THREADS_CONFIG = "glocal.stream.threads";
    static final String STREAM_THREADS_DOC =
            "Kafka Streams num.stream.threads of this instance: one task per views partition runs on one of them, so more threads than partitions stay idle.";
    public static final String COMMIT_INTERVAL_MS_CONFIG = "glocal.commit.interval.ms";
    static final String COMMIT_INTERVAL_MS_DOC =
            "Kafka Streams commit.interval.ms. State changed between two commits reaches the stores and changelogs once, at the commit: longer absorbs more repeated keys; under exactly_once_v2 it is also how long outputs wait to become visible.";
    public static final String STATIC_MEMBERSHIP_CONFIG = "glocal.static.membership";
    static final String STATIC_MEMBERSHIP_DOC =
            "Kafka static membership (group.instance.id) for the stream threads: an instance restarted after a crash (kill -9) gets its tasks back as soon as it rejoins, instead of after the group has dropped the dead member (glocal.session.timeout.ms). Off: a restarted instance waits that long.";
    public static final String INSTANCE_ID_CONFIG = "glocal.instance.id";
    static final String INSTANCE_ID_DOC =
            "group.instance.id of this instance under static membership; unique per instance and the same across its restarts; 1 to 240 of A-Z a-z 0-9 . _ - (Kafka Streams appends -<thread number>). Empty: <application id>-<host name>-<hash of the absolute glocal.state.dir>.";
    public static final String SESSION_TIMEOUT_MS_CONFIG = "glocal.session.timeout.ms";
    static final String SESSION_TIMEOUT_MS_DOC =
            "session.timeout.ms of the stream threads' consumers: how long the group waits for an instance that stopped without leaving (a crash, or a stop under static membership) before its tasks move to other instances. The broker accepts group.min.session.timeout.ms (6 s by default) to group.max.session.timeout.ms (30 min).";
    public static final String STANDBY_REPLICAS_CONFIG = "glocal.standby.replicas";
    static final String STANDBY_REPLICAS_DOC =
            "Kafka Streams num.standby.replicas: copies of each task's state kept up to date on other instances, so a task whose instance dies moves to one that holds its state instead of restoring it from the changelogs. Needs more instances than this.";
    public static final String CHANGELOG_ADDITIONAL_RETENTION_MS_CONFIG =
            "glocal.changelog.additional.retention.ms";
    static final String CHANGELOG_ADDITIONAL_RETENTION_MS_DOC =
            "Kafka Streams windowstore.changelog.additional.retention.ms: how much longer than its store (dedup ids 3 x glocal.dedup.window.ms, counters 2 x glocal.popularity.window.ms) a window store's changelog keeps records, by wall clock. A restore reads them all and drops the expired ones, so with the 1-day default the dedup ids of a day are read back; shorter restores faster but must exceed how far the stream may lag the wall clock, or a restart during such a lag forgets ids and counts the store still held.";
    public static final String CHANGELOG_SEGMENT_BYTES_CONFIG = "glocal.changelog.segment.bytes";
    static final String CHANGELOG_SEGMENT_BYTES_DOC =
            "segment.bytes of the changelog topics Kafka Streams creates for the stores. The log cleaner compacts closed segments only, so with Kafka's 1 GiB default a restart restores every write since the start (up to 1 GiB per partition); smaller segments keep a restore near one record per key. Existing topics keep theirs (kafka-configs --alter).";
    public static final String PRODUCER_BATCH_BYTES_CONFIG = "glocal.producer.batch.bytes";
    static final String PRODUCER_BATCH_BYTES_DOC =
            "batch.size of the Kafka Streams producer (changelogs, training-batches, DLQ). Changelog records are small and many: bigger batches mean fewer produce requests per commit.";
    public static final String STATE_STORE_TYPE_CONFIG = "glocal.state.store.type";
    static final String STATE_STORE_TYPE_DOC =
            "rocksdb (default, spills to disk) or in-memory (faster, state must fit the heap; changelogs still restore it).";
    public static final String ROCKSDB = "rocksdb";
    public static final String IN_MEMORY = "in-memory";

    public static final String DEDUP_WINDOW_MS_CONFIG = "glocal.dedup.window.ms";
    static final String DEDUP_WINDOW_MS_DOC =
            "A view whose eventId was already seen within this many ms of event time is dropped as a duplicate.";
    public static final String DEDUP_INDEX_IDS_CONFIG = "glocal.dedup.index.ids";
    static final String DEDUP_INDEX_IDS_DOC =
            "Event-id fingerprints each stream task keeps in memory (11 to 22 bytes each) so that a new id needs no store read; past this the oldest dedup bucket's look-ups read the store. Dedup decisions are the same either way.";
    public static final String MAX_FUTURE_SKEW_MS_CONFIG = "glocal.max.future.skew.ms";
    static final String MAX_FUTURE_SKEW_MS_DOC =
            "A view whose eventTime is more than this many ms ahead of the record timestamp goes to the DLQ.";
    public static final String MAX_EVENT_AGE_MS_CONFIG = "glocal.max.event.age.ms";
    static final String MAX_EVENT_AGE_MS_DOC =
            "A view whose eventTime is more than this many ms behind the record timestamp goes to the DLQ.";
    public static final String EXTRA_TERRITORY_CODES_CONFIG = "glocal.territory.extra.codes";
    static final String EXTRA_TERRITORY_CODES_DOC =
            "Territory codes accepted besides ISO 3166-1 alpha-2, e.g. US-Z0,US-Z1 for MovieLens pseudo territories.";

    public static final String ACTIVITY_WINDOW_MS_CONFIG = "glocal.activity.window.ms";
    static final String ACTIVITY_WINDOW_MS_DOC =
            "Sliding event-time window W over which a user's plays are counted (16 buckets of W/16).";
    public static final String ACTIVITY_THRESHOLD_CONFIG = "glocal.activity.threshold";
    static final String ACTIVITY_THRESHOLD_DOC =
            "K: a user is active with at least K plays within W.";
    public static final String ACTIVITY_NEW_BELOW_CONFIG = "glocal.activity.group.new.below";
    static final String ACTIVITY_NEW_BELOW_DOC =
            "Activity group 'new': fewer than this many plays in total.";
    public static final String ACTIVITY_HIGH_FROM_CONFIG = "glocal.activity.group.high.from";
    static final String ACTIVITY_HIGH_FROM_DOC =
            "Activity group 'high': at least this many plays within W (otherwise 'low').";
    public static final String ACTIVITY_CACHE_USERS_CONFIG = "glocal.activity.cache.users";
    static final String ACTIVITY_CACHE_USERS_DOC =
            "Users whose activity state each stream task keeps in memory (least recently seen first read back from the store when they return); about 1 KB each.";
    public static final String RECENT_TITLES_CONFIG = "glocal.recent.titles";
    static final String RECENT_TITLES_DOC =
            "How many of a user's last titles are kept (excluded from negative sampling).";

    public static final String POPULARITY_WINDOW_MS_CONFIG = "glocal.popularity.window.ms";
    static final String POPULARITY_WINDOW_MS_DOC =
            "Tumbling event-time window of the territory play counters; the stores keep two windows and popularity sums what they keep.";
    public static final String LOCAL_SHARE_CONFIG = "glocal.territory.local.share";
    static final String LOCAL_SHARE_DOC =
            "θ: a title is local to a territory when that territory has at least this share of its views and it is not in the global top-K.";
    public static final String GLOBAL_TOP_K_CONFIG = "glocal.territory.global.top.k";
    static final String GLOBAL_TOP_K_DOC = "Size of the global top-K that makes a title global.";
    public static final String TERRITORY_TOP_K_CONFIG = "glocal.territory.top.k";
    static final String TERRITORY_TOP_K_DOC = "How many titles a territory's top-K query returns.";
    public static final String TERRITORY_GROUPS_CONFIG = "glocal.territory.groups";
    static final String TERRITORY_GROUPS_DOC =
            "Explicit territory grouping 'US:0,CA:0,BR:1'. Empty: groups are computed from viewership by the task of views partition 0 and published on territory-groups, which every task follows.";
    public static final String TERRITORY_GROUP_COUNT_CONFIG = "glocal.territory.group.count";
    static final String TERRITORY_GROUP_COUNT_DOC = "G, the number of territory groups.";
    public static final String REGROUP_INTERVAL_MS_CONFIG = "glocal.territory.regroup.interval.ms";
    static final String REGROUP_INTERVAL_MS_DOC =
            "How often (wall clock) a computed grouping is recomputed; each change gets a new version, whose group ids follow the previous one (a group keeps the id of the old group it shares most plays with).";

    public static final String IMPRESSION_WINDOW_MS_CONFIG = "glocal.impression.play.window.ms";
    static final String IMPRESSION_WINDOW_MS_DOC =
            "An impression becomes an explicit negative when no PLAY of the same user and title follows within this many ms of event time.";
    public static final String NEGATIVES_PER_POSITIVE_CONFIG = "glocal.negatives.per.positive";
    static final String NEGATIVES_PER_POSITIVE_DOC = "k sampled negatives per positive.";
    public static final String NEGATIVE_EXPONENT_CONFIG = "glocal.negatives.popularity.exponent";
    static final String NEGATIVE_EXPONENT_DOC =
            "β: negatives are drawn from the territory catalogue with probability ∝ popularity^β.";
    public static final String RANDOM_USER_RATE_CONFIG = "glocal.sample.random.user.rate";
    static final String RANDOM_USER_RATE_DOC =
            "p: share of users kept as random-user samples (hash of the user id).";
    public static final String ACTIVE_USER_RATE_CONFIG = "glocal.sample.active.user.rate";
    static final String ACTIVE_USER_RATE_DOC =
            "Share of the active users outside the random set that are upsampled (independent hash).";
    public static final String SEED_CONFIG = "glocal.sample.seed";
    static final String SEED_DOC = "Seed of the user hashes and the negative sampler.";
    public static final String BATCH_SIZE_CONFIG = "glocal.batch.size";
    static final String BATCH_SIZE_DOC = "B, examples per TrainingBatch.";
    public static final String BATCH_LINGER_MS_CONFIG = "glocal.batch.linger.ms";
    static final String BATCH_LINGER_MS_DOC =
            "T: a partial batch is written once its oldest example has waited this many ms (wall clock).";
    public static final String QUERY_HOST_CONFIG = "glocal.query.host";
    static final String QUERY_HOST_DOC =
            "Host name of the HTTP query endpoint as other instances reach it (advertised as application.server).";
    public static final String QUERY_PORT_CONFIG = "glocal.query.port";
    static final String QUERY_PORT_DOC = "Port of the HTTP query endpoint; 0 picks a free port.";
    public static final String QUERY_FORWARD_TIMEOUT_MS_CONFIG = "glocal.query.forward.timeout.ms";
    static final String QUERY_FORWARD_TIMEOUT_MS_DOC =
            "How long an instance waits for another instance's query endpoint (a forwarded user query, or its partial counts) before it answers 503 naming that instance.";
    public static final String STARTUP_CHECK_TIMEOUT_MS_CONFIG = "glocal.startup.check.timeout.ms";
    static final String STARTUP_CHECK_TIMEOUT_MS_DOC =
            "How long a command waits at start for the Kafka broker (glocal.bootstrap.servers) and an http(s) schema registry to answer before it stops with an error naming the address.";

    public static final String DATA_DIR_CONFIG = "glocal.data.dir";
    static final String DATA_DIR_DOC =
            "Where the embedded broker and the embedded registry keep their data when no bootstrap servers are given.";
    public static final String REGISTRY_HTTP_PORT_CONFIG = "glocal.registry.http.port";
    static final String REGISTRY_HTTP_PORT_DOC =
            "Port on 127.0.0.1 where the embedded registry is served over HTTP (Confluent REST subset); 0 picks a free port.";
    public static final String METRICS_PORT_CONFIG = "glocal.metrics.port";
    static final String METRICS_PORT_DOC =
            "Port of the Prometheus /metrics endpoint; 0 picks a free port, -1 turns it off.";

    public static final String MODEL_KIND_CONFIG = "glocal.model.kind";
    static final String MODEL_KIND_DOC =
            "Model the trainer learns and publishes: baseline, mtl, shared-bottom, mmoe, cgc or mfh.";
    public static final String MODEL_EMBEDDING_DIM_CONFIG = "glocal.model.embedding.dim";
    static final String MODEL_EMBEDDING_DIM_DOC = "Width of the user and title embedding rows.";
    public static final String MODEL_OUTPUT_DIM_CONFIG = "glocal.model.output.dim";
    static final String MODEL_OUTPUT_DIM_DOC =
            "Width of the published user and title vectors (dot-product space).";
    public static final String MODEL_TOWER_HIDDEN_CONFIG = "glocal.model.tower.hidden";
    static final String MODEL_TOWER_HIDDEN_DOC =
            "Hidden layer widths of the user and title towers, e.g. 64 or 128,64.";
    public static final String MODEL_BIASNET_CONFIG = "glocal.model.biasnet";
    static final String MODEL_BIASNET_DOC =
            "Add a biasnet logit fed the territory and activity groups.";
    public static final String TRAIN_LEARNING_RATE_CONFIG = "glocal.train.learning.rate";
    static final String TRAIN_LEARNING_RATE_DOC =
            "Adam learning rate of the dense part (towers, heads, experts).";
    public static final String TRAIN_EMBEDDING_LEARNING_RATE_CONFIG =
            "glocal.train.embedding.learning.rate";
    static final String TRAIN_EMBEDDING_LEARNING_RATE_DOC =
            "Row-wise Adam learning rate of the embedding tables.";
    public static final String TRAIN_THREADS_CONFIG = "glocal.train.threads";
    static final String TRAIN_THREADS_DOC =
            "libtorch intra-op threads of the trainer; on a small shared CPU one thread is fastest (see bench trainer).";
    public static final String TRAIN_SEED_CONFIG = "glocal.train.seed";
    static final String TRAIN_SEED_DOC = "Seed of every random initialisation of the model.";

    public static final String TRAINER_CHECKPOINT_DIR_CONFIG = "glocal.trainer.checkpoint.dir";
    static final String TRAINER_CHECKPOINT_DIR_DOC =
            "Directory of the trainer checkpoint (model, optimizer state, id maps, consumed offsets); empty keeps none.";
    public static final String TRAINER_CHECKPOINT_EVERY_CONFIG =
            "glocal.trainer.checkpoint.every.steps";
    static final String TRAINER_CHECKPOINT_EVERY_DOC = "Training steps between checkpoints.";
    public static final String TRAINER_PUBLISH_EVERY_CONFIG = "glocal.trainer.publish.every.steps";
    static final String TRAINER_PUBLISH_EVERY_DOC =
            "Training steps between publications of changed embeddings, user weights and metrics.";
    public static final String TRAINER_PUBLISH_INTERVAL_MS_CONFIG =
            "glocal.trainer.publish.interval.ms";
    static final String TRAINER_PUBLISH_INTERVAL_MS_DOC =
            "Publish at least this often (ms) while training.";
    public static final String TRAINER_VALIDATION_WINDOW_CONFIG =
            "glocal.trainer.validation.window";
    static final String TRAINER_VALIDATION_WINDOW_DOC =
            "Examples per group over which progressive-validation AUC, PR-AUC and log loss are reported.";
    public static final String TRAINER_MAX_POLL_RECORDS_CONFIG = "glocal.trainer.max.poll.records";
    static final String TRAINER_MAX_POLL_RECORDS_DOC =
            "Training batches fetched at a time: bounds the trainer's memory when training is slower than the stream.";
    public static final String TRAINER_SHADOW_MODELS_CONFIG = "glocal.trainer.shadow.models";
    static final String TRAINER_SHADOW_MODELS_DOC =
            "Extra models trained on the same batches for comparison only (metrics, never published), e.g. baseline.";
    public static final String WEIGHTS_ALPHA_CONFIG = "glocal.weights.alpha";
    static final String WEIGHTS_ALPHA_DOC =
            "TALL adaptive user weights: temperature; smaller skews weights more toward users whose loss falls slowly.";
    public static final String WEIGHTS_GAP_WINDOWS_CONFIG = "glocal.weights.gap.windows";
    static final String WEIGHTS_GAP_WINDOWS_DOC =
            "Loss windows at the start during which every user weight stays 1.";
    public static final String WEIGHTS_WINDOW_STEPS_CONFIG = "glocal.weights.window.steps";
    static final String WEIGHTS_WINDOW_STEPS_DOC =
            "Training steps per loss window of the adaptive user weights.";
    public static final String WEIGHTS_MIN_EXAMPLES_CONFIG = "glocal.weights.min.examples";
    static final String WEIGHTS_MIN_EXAMPLES_DOC =
            "Examples a user needs in a loss window for it to count toward their "
                    + "adaptive weight; with fewer, the losses carry over to the next window.";

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

    public Map<String, Integer> explicitTerritoryGroups() {
        return explicitGroups;
    }

    public TerritoryCodes territoryCodes() {
        return territoryCodes;
    }

    private static ConfigDef definition() {
        return new ConfigDef()
                .define(
                        BOOTSTRAP_SERVERS_CONFIG,
                        Type.STRING,
                        "",
                        Importance.HIGH,
                        BOOTSTRAP_SERVERS_DOC)
                .define(
                        SCHEMA_REGISTRY_URL_CONFIG,
                        Type.STRING,
                        "mock://glocal",
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        SCHEMA_REGISTRY_URL_DOC)
                .define(
                        APPLICATION_ID_CONFIG,
                        Type.STRING,
                        "glocal-streams",
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        APPLICATION_ID_DOC)
                .define(
                        STATE_DIR_CONFIG,
                        Type.STRING,
                        "glocal-data/streams",
                        new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM,
                        STATE_DIR_DOC)
                .define(
                        PROCESSING_GUARANTEE_CONFIG,
                        Type.STRING,
                        StreamsConfig.EXACTLY_ONCE_V2,
                        ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE),
                        Importance.MEDIUM,
                        PROCESSING_GUARANTEE_DOC)
                .define(
                        STREAM_THREADS_CONFIG,
                        Type.INT,
                        1,
                        Range.between(1, 64),
                        Importance.MEDIUM,
                        STREAM_THREADS_DOC)
                .define(
                        COMMIT_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        1_000L,
                        Range.atLeast(10),
                        Importance.MEDIUM,
                        COMMIT_INTERVAL_MS_DOC)
                .define(
                        STATIC_MEMBERSHIP_CONFIG,
                        Type.BOOLEAN,
                        true,
                        Importance.MEDIUM,
                        STATIC_MEMBERSHIP_DOC)
                .define(INSTANCE_ID_CONFIG, Type.STRING, "", Importance.LOW, INSTANCE_ID_DOC)
                .define(
                        SESSION_TIMEOUT_MS_CONFIG,
                        Type.INT,
                        45_000,
                        Range.between(6_000, 1_800_000),
                        Importance.LOW,
                        SESSION_TIMEOUT_MS_DOC)
                .define(
                        STANDBY_REPLICAS_CONFIG,
                        Type.INT,
                        0,
                        Range.between(0, 16),
                        Importance.MEDIUM,
                        STANDBY_REPLICAS_DOC)
                .define(
                        CHANGELOG_ADDITIONAL_RETENTION_MS_CONFIG,
                        Type.LONG,
                        86_400_000L,
                        Range.atLeast(0),
                        Importance.LOW,
                        CHANGELOG_ADDITIONAL_RETENTION_MS_DOC)
                .define(
                        CHANGELOG_SEGMENT_BYTES_CONFIG,
                        Type.INT,
                        16 << 20,
                        Range.between(1 << 20, 1 << 30),
                        Importance.LOW,
                        CHANGELOG_SEGMENT_BYTES_DOC)
                .define(
                        PRODUCER_BATCH_BYTES_CONFIG,
                        Type.INT,
                        256 << 10,
                        Range.between(1024, 16 << 20),
                        Importance.LOW,
                        PRODUCER_BATCH_BYTES_DOC)
                .define(
                        STATE_STORE_TYPE_CONFIG,
                        Type.STRING,
                        ROCKSDB,
                        ValidString.in(ROCKSDB, IN_MEMORY),
                        Importance.LOW,
                        STATE_STORE_TYPE_DOC)
                .define(
                        DEDUP_WINDOW_MS_CONFIG,
                        Type.LONG,
                        3_600_000L,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        DEDUP_WINDOW_MS_DOC)
                .define(
                        DEDUP_INDEX_IDS_CONFIG,
                        Type.LONG,
                        4_000_000L,
                        Range.atLeast(0),
                        Importance.LOW,
                        DEDUP_INDEX_IDS_DOC)
                .define(
                        MAX_FUTURE_SKEW_MS_CONFIG,
                        Type.LONG,
                        300_000L,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        MAX_FUTURE_SKEW_MS_DOC)
                .define(
                        MAX_EVENT_AGE_MS_CONFIG,
                        Type.LONG,
                        7 * 86_400_000L,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        MAX_EVENT_AGE_MS_DOC)
                .define(
                        EXTRA_TERRITORY_CODES_CONFIG,
                        Type.LIST,
                        "",
                        Importance.LOW,
                        EXTRA_TERRITORY_CODES_DOC)
                .define(
                        ACTIVITY_WINDOW_MS_CONFIG,
                        Type.LONG,
                        LabellingPolicy.ACTIVITY_WINDOW_MS,
                        Range.atLeast(1000),
                        Importance.MEDIUM,
                        ACTIVITY_WINDOW_MS_DOC)
                .define(
                        ACTIVITY_THRESHOLD_CONFIG,
                        Type.INT,
                        LabellingPolicy.ACTIVE_THRESHOLD,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        ACTIVITY_THRESHOLD_DOC)
                .define(
                        ACTIVITY_NEW_BELOW_CONFIG,
                        Type.INT,
                        LabellingPolicy.NEW_BELOW,
                        Range.atLeast(1),
                        Importance.LOW,
                        ACTIVITY_NEW_BELOW_DOC)
                .define(
                        ACTIVITY_HIGH_FROM_CONFIG,
                        Type.INT,
                        LabellingPolicy.HIGH_FROM,
                        Range.atLeast(1),
                        Importance.LOW,
                        ACTIVITY_HIGH_FROM_DOC)
                .define(
                        RECENT_TITLES_CONFIG,
                        Type.INT,
                        LabellingPolicy.RECENT_TITLES,
                        Range.between(1, 1000),
                        Importance.LOW,
                        RECENT_TITLES_DOC)
                .define(
                        ACTIVITY_CACHE_USERS_CONFIG,
                        Type.INT,
                        200_000,
                        Range.atLeast(1),
                        Importance.LOW,
                        ACTIVITY_CACHE_USERS_DOC)
                .define(
                        POPULARITY_WINDOW_MS_CONFIG,
                        Type.LONG,
                        LabellingPolicy.POPULARITY_WINDOW_MS,
                        Range.atLeast(1000),
                        Importance.MEDIUM,
                        POPULARITY_WINDOW_MS_DOC)
                .define(
                        LOCAL_SHARE_CONFIG,
                        Type.DOUBLE,
                        0.5,
                        Range.between(0.01, 1.0),
                        Importance.MEDIUM,
                        LOCAL_SHARE_DOC)
                .define(
                        GLOBAL_TOP_K_CONFIG,
                        Type.INT,
                        100,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        GLOBAL_TOP_K_DOC)
                .define(
                        TERRITORY_TOP_K_CONFIG,
                        Type.INT,
                        20,
                        Range.atLeast(1),
                        Importance.LOW,
                        TERRITORY_TOP_K_DOC)
                .define(
                        TERRITORY_GROUPS_CONFIG,
                        Type.STRING,
                        "",
                        Importance.MEDIUM,
                        TERRITORY_GROUPS_DOC)
                .define(
                        TERRITORY_GROUP_COUNT_CONFIG,
                        Type.INT,
                        4,
                        Range.between(1, 64),
                        Importance.MEDIUM,
                        TERRITORY_GROUP_COUNT_DOC)
                .define(
                        REGROUP_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        3_600_000L,
                        Range.atLeast(1000),
                        Importance.LOW,
                        REGROUP_INTERVAL_MS_DOC)
                .define(
                        IMPRESSION_WINDOW_MS_CONFIG,
                        Type.LONG,
                        LabellingPolicy.IMPRESSION_WINDOW_MS,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        IMPRESSION_WINDOW_MS_DOC)
                .define(
                        NEGATIVES_PER_POSITIVE_CONFIG,
                        Type.INT,
                        LabellingPolicy.NEGATIVES_PER_POSITIVE,
                        Range.between(0, 100),
                        Importance.MEDIUM,
                        NEGATIVES_PER_POSITIVE_DOC)
                .define(
                        NEGATIVE_EXPONENT_CONFIG,
                        Type.DOUBLE,
                        LabellingPolicy.NEGATIVE_EXPONENT,
                        Range.between(0.0, 2.0),
                        Importance.MEDIUM,
                        NEGATIVE_EXPONENT_DOC)
                .define(
                        RANDOM_USER_RATE_CONFIG,
                        Type.DOUBLE,
                        LabellingPolicy.RANDOM_USER_RATE,
                        Range.between(0.0, 1.0),
                        Importance.MEDIUM,
                        RANDOM_USER_RATE_DOC)
                .define(
                        ACTIVE_USER_RATE_CONFIG,
                        Type.DOUBLE,
                        LabellingPolicy.ACTIVE_USER_RATE,
                        Range.between(0.0, 1.0),
                        Importance.MEDIUM,
                        ACTIVE_USER_RATE_DOC)
                .define(SEED_CONFIG, Type.LONG, LabellingPolicy.SEED, Importance.LOW, SEED_DOC)
                .define(
                        BATCH_SIZE_CONFIG,
                        Type.INT,
                        1024,
                        Range.between(1, 1 << 20),
                        Importance.HIGH,
                        BATCH_SIZE_DOC)
                .define(
                        BATCH_LINGER_MS_CONFIG,
                        Type.LONG,
                        5_000L,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        BATCH_LINGER_MS_DOC)
                .define(
                        QUERY_HOST_CONFIG,
                        Type.STRING,
                        "localhost",
                        new ConfigDef.NonEmptyString(),
                        Importance.LOW,
                        QUERY_HOST_DOC)
                .define(
                        QUERY_PORT_CONFIG,
                        Type.INT,
                        7070,
                        Range.between(0, 65535),
                        Importance.LOW,
                        QUERY_PORT_DOC)
                .define(
                        QUERY_FORWARD_TIMEOUT_MS_CONFIG,
                        Type.LONG,
                        5_000L,
                        Range.atLeast(1),
                        Importance.LOW,
                        QUERY_FORWARD_TIMEOUT_MS_DOC)
                .define(
                        STARTUP_CHECK_TIMEOUT_MS_CONFIG,
                        Type.LONG,
                        15_000L,
                        Range.atLeast(100),
                        Importance.LOW,
                        STARTUP_CHECK_TIMEOUT_MS_DOC)
                .define(
                        DATA_DIR_CONFIG,
                        Type.STRING,
                        "glocal-data",
                        new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM,
                        DATA_DIR_DOC)
                .define(
                        REGISTRY_HTTP_PORT_CONFIG,
                        Type.INT,
                        0,
                        Range.between(0, 65_535),
                        Importance.LOW,
                        REGISTRY_HTTP_PORT_DOC)
                .define(
                        METRICS_PORT_CONFIG,
                        Type.INT,
                        0,
                        Range.between(-1, 65_535),
                        Importance.LOW,
                        METRICS_PORT_DOC)
                .define(
                        MODEL_KIND_CONFIG,
                        Type.STRING,
                        "mtl",
                        ValidString.in("baseline", "mtl", "shared-bottom", "mmoe", "cgc", "mfh"),
                        Importance.HIGH,
                        MODEL_KIND_DOC)
                .define(
                        MODEL_EMBEDDING_DIM_CONFIG,
                        Type.INT,
                        64,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        MODEL_EMBEDDING_DIM_DOC)
                .define(
                        MODEL_OUTPUT_DIM_CONFIG,
                        Type.INT,
                        64,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        MODEL_OUTPUT_DIM_DOC)
                .define(
                        MODEL_TOWER_HIDDEN_CONFIG,
                        Type.LIST,
                        "64",
                        Importance.LOW,
                        MODEL_TOWER_HIDDEN_DOC)
                .define(
                        MODEL_BIASNET_CONFIG,
                        Type.BOOLEAN,
                        false,
                        Importance.LOW,
                        MODEL_BIASNET_DOC)
                .define(
                        TRAIN_LEARNING_RATE_CONFIG,
                        Type.DOUBLE,
                        1e-3,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        TRAIN_LEARNING_RATE_DOC)
                .define(
                        TRAIN_EMBEDDING_LEARNING_RATE_CONFIG,
                        Type.DOUBLE,
                        1e-2,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        TRAIN_EMBEDDING_LEARNING_RATE_DOC)
                .define(
                        TRAIN_SEED_CONFIG,
                        Type.LONG,
                        LabellingPolicy.SEED,
                        Importance.LOW,
                        TRAIN_SEED_DOC)
                .define(
                        TRAIN_THREADS_CONFIG,
                        Type.INT,
                        1,
                        Range.atLeast(1),
                        Importance.LOW,
                        TRAIN_THREADS_DOC)
                .define(
                        TRAINER_CHECKPOINT_DIR_CONFIG,
                        Type.STRING,
                        "glocal-data/checkpoints",
                        Importance.HIGH,
                        TRAINER_CHECKPOINT_DIR_DOC)
                .define(
                        TRAINER_CHECKPOINT_EVERY_CONFIG,
                        Type.INT,
                        50,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        TRAINER_CHECKPOINT_EVERY_DOC)
                .define(
                        TRAINER_PUBLISH_EVERY_CONFIG,
                        Type.INT,
                        20,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        TRAINER_PUBLISH_EVERY_DOC)
                .define(
                        TRAINER_PUBLISH_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        5_000L,
                        Range.atLeast(100),
                        Importance.LOW,
                        TRAINER_PUBLISH_INTERVAL_MS_DOC)
                .define(
                        TRAINER_VALIDATION_WINDOW_CONFIG,
                        Type.INT,
                        20_000,
                        Range.atLeast(2),
                        Importance.LOW,
                        TRAINER_VALIDATION_WINDOW_DOC)
                .define(
                        TRAINER_MAX_POLL_RECORDS_CONFIG,
                        Type.INT,
                        8,
                        Range.atLeast(1),
                        Importance.LOW,
                        TRAINER_MAX_POLL_RECORDS_DOC)
                .define(
                        TRAINER_SHADOW_MODELS_CONFIG,
                        Type.LIST,
                        "",
                        Importance.LOW,
                        TRAINER_SHADOW_MODELS_DOC)
                .define(
                        WEIGHTS_ALPHA_CONFIG,
                        Type.DOUBLE,
                        0.5,
                        Range.atLeast(0),
                        Importance.LOW,
                        WEIGHTS_ALPHA_DOC)
                .define(
                        WEIGHTS_GAP_WINDOWS_CONFIG,
                        Type.INT,
                        2,
                        Range.atLeast(0),
                        Importance.LOW,
                        WEIGHTS_GAP_WINDOWS_DOC)
                .define(
                        WEIGHTS_WINDOW_STEPS_CONFIG,
                        Type.LONG,
                        200L,
                        Range.atLeast(1),
                        Importance.LOW,
                        WEIGHTS_WINDOW_STEPS_DOC)
                .define(
                        WEIGHTS_MIN_EXAMPLES_CONFIG,
                        Type.INT,
                        AdaptiveWeightsConfig.defaults().minExamples(),
                        Range.atLeast(1),
                        Importance.LOW,
                        WEIGHTS_MIN_EXAMPLES_DOC);
    }
}
