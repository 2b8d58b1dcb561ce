package glocal.stream.config;

import glocal.model.labelling.LabellingPolicy;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The keys of the stream application: Kafka Streams settings, state stores, validation and dedup of
 * views, user activity, popularity, territory groups, labelling, user sampling and batching. The
 * labelling defaults are {@link LabellingPolicy}'s, the one place they are written.
 *
 * <p>The configuration is split by role: this interface, {@link EndpointsRoleConfig}, {@link
 * ModelRoleConfig} and {@link TrainerRoleConfig} each hold their keys in Kafka's idiom (a {@code
 * _CONFIG} name and a {@code _DOC} text per key) and a {@code define} that declares them with type,
 * default and valid values. {@link GlocalStreamsConfig} composes the four into its one {@link
 * ConfigDef}, which {@code glocal config --markdown} prints as one table, and implements the four
 * interfaces, so every key is reachable as {@code GlocalStreamsConfig.<KEY>_CONFIG}.
 */
public interface StreamRoleConfig {

    String APPLICATION_ID_CONFIG = "glocal.application.id";
    String APPLICATION_ID_DOC =
            "Kafka Streams application.id: names the consumer group, internal topics and state directory.";
    String STATE_DIR_CONFIG = "glocal.state.dir";
    String STATE_DIR_DOC = "Directory for the RocksDB state stores.";
    String PROCESSING_GUARANTEE_CONFIG = "glocal.processing.guarantee";
    String PROCESSING_GUARANTEE_DOC =
            "Kafka Streams processing.guarantee: exactly_once_v2 or at_least_once.";
    String STREAM_THREADS_CONFIG = "glocal.stream.threads";
    String STREAM_THREADS_DOC =
            "Kafka Streams num.stream.threads of this instance: one task per views partition runs on one of them, so more threads than partitions stay idle.";
    String COMMIT_INTERVAL_MS_CONFIG = "glocal.commit.interval.ms";
    String COMMIT_INTERVAL_MS_DOC =
            "Kafka Streams commit.interval.ms. State changed between two commits reaches the stores and changelogs once, at the commit: longer absorbs more repeated keys; under exactly_once_v2 it is also how long outputs wait to become visible.";
    String STATIC_MEMBERSHIP_CONFIG = "glocal.static.membership";
    String STATIC_MEMBERSHIP_DOC =
            "Kafka static membership (group.instance.id) for the stream threads: an instance restarted after a crash (kill -9) gets its tasks back as soon as it rejoins, instead of after the group has dropped the dead member (glocal.session.timeout.ms). Off: a restarted instance waits that long.";
    String INSTANCE_ID_CONFIG = "glocal.instance.id";
    String INSTANCE_ID_DOC =
            "group.instance.id of this instance under static membership; unique per instance and the same across its restarts; 1 to 240 of A-Z a-z 0-9 . _ - (Kafka Streams appends -<thread number>). Empty: <application id>-<host name>-<hash of the absolute glocal.state.dir>.";
    String SESSION_TIMEOUT_MS_CONFIG = "glocal.session.timeout.ms";
    String SESSION_TIMEOUT_MS_DOC =
            "session.timeout.ms of the stream threads' consumers: how long the group waits for an instance that stopped without leaving (a crash, or a stop under static membership) before its tasks move to other instances. The broker accepts group.min.session.timeout.ms (6 s by default) to group.max.session.timeout.ms (30 min).";
    String STANDBY_REPLICAS_CONFIG = "glocal.standby.replicas";
    String STANDBY_REPLICAS_DOC =
            "Kafka Streams num.standby.replicas: copies of each task's state kept up to date on other instances, so a task whose instance dies moves to one that holds its state instead of restoring it from the changelogs. Needs more instances than this.";
    String CHANGELOG_ADDITIONAL_RETENTION_MS_CONFIG = "glocal.changelog.additional.retention.ms";
    String CHANGELOG_ADDITIONAL_RETENTION_MS_DOC =
            "Kafka Streams windowstore.changelog.additional.retention.ms: how much longer than its store (dedup ids 3 x glocal.dedup.window.ms, counters 2 x glocal.popularity.window.ms) a window store's changelog keeps records, by wall clock. A restore reads them all and drops the expired ones, so with the 1-day default the dedup ids of a day are read back; shorter restores faster but must exceed how far the stream may lag the wall clock, or a restart during such a lag forgets ids and counts the store still held.";
    String CHANGELOG_SEGMENT_BYTES_CONFIG = "glocal.changelog.segment.bytes";
    String CHANGELOG_SEGMENT_BYTES_DOC =
            "segment.bytes of the changelog topics Kafka Streams creates for the stores. The log cleaner compacts closed segments only, so with Kafka's 1 GiB default a restart restores every write since the start (up to 1 GiB per partition); smaller segments keep a restore near one record per key. Existing topics keep theirs (kafka-configs --alter).";
    String PRODUCER_BATCH_BYTES_CONFIG = "glocal.producer.batch.bytes";
    String PRODUCER_BATCH_BYTES_DOC =
            "batch.size of the Kafka Streams producer (changelogs, training-batches, DLQ). Changelog records are small and many: bigger batches mean fewer produce requests per commit.";
    String STATE_STORE_TYPE_CONFIG = "glocal.state.store.type";
    String STATE_STORE_TYPE_DOC =
            "rocksdb (default, spills to disk) or in-memory (faster, state must fit the heap; changelogs still restore it).";
    String ROCKSDB = "rocksdb";
    String IN_MEMORY = "in-memory";
    String DEDUP_WINDOW_MS_CONFIG = "glocal.dedup.window.ms";
    String DEDUP_WINDOW_MS_DOC =
            "A view whose eventId was already seen within this many ms of event time is dropped as a duplicate.";
    String DEDUP_INDEX_IDS_CONFIG = "glocal.dedup.index.ids";
    String DEDUP_INDEX_IDS_DOC =
            "Event-id fingerprints each stream task keeps in memory (11 to 22 bytes each) so that a new id needs no store read; past this the oldest dedup bucket's look-ups read the store. Dedup decisions are the same either way.";
    String MAX_FUTURE_SKEW_MS_CONFIG = "glocal.max.future.skew.ms";
    String MAX_FUTURE_SKEW_MS_DOC =
            "A view whose eventTime is more than this many ms ahead of the record timestamp goes to the DLQ.";
    String MAX_EVENT_AGE_MS_CONFIG = "glocal.max.event.age.ms";
    String MAX_EVENT_AGE_MS_DOC =
            "A view whose eventTime is more than this many ms behind the record timestamp goes to the DLQ.";
    String EXTRA_TERRITORY_CODES_CONFIG = "glocal.territory.extra.codes";
    String EXTRA_TERRITORY_CODES_DOC =
            "Territory codes accepted besides ISO 3166-1 alpha-2, e.g. US-Z0,US-Z1 for MovieLens pseudo territories.";
    String ACTIVITY_WINDOW_MS_CONFIG = "glocal.activity.window.ms";
    String ACTIVITY_WINDOW_MS_DOC =
            "Sliding event-time window W over which a user's plays are counted (16 buckets of W/16).";
    String ACTIVITY_THRESHOLD_CONFIG = "glocal.activity.threshold";
    String ACTIVITY_THRESHOLD_DOC = "K: a user is active with at least K plays within W.";
    String ACTIVITY_NEW_BELOW_CONFIG = "glocal.activity.group.new.below";
    String ACTIVITY_NEW_BELOW_DOC = "Activity group 'new': fewer than this many plays in total.";
    String ACTIVITY_HIGH_FROM_CONFIG = "glocal.activity.group.high.from";
    String ACTIVITY_HIGH_FROM_DOC =
            "Activity group 'high': at least this many plays within W (otherwise 'low').";
    String ACTIVITY_CACHE_USERS_CONFIG = "glocal.activity.cache.users";
    String ACTIVITY_CACHE_USERS_DOC =
            "Users whose activity state each stream task keeps in memory (least recently seen first read back from the store when they return); about 1 KB each.";
    String RECENT_TITLES_CONFIG = "glocal.recent.titles";
    String RECENT_TITLES_DOC =
            "How many of a user's last titles are kept (excluded from negative sampling).";
    String POPULARITY_WINDOW_MS_CONFIG = "glocal.popularity.window.ms";
    String POPULARITY_WINDOW_MS_DOC =
            "Tumbling event-time window of the territory play counters; the stores keep two windows and popularity sums what they keep.";
    String LOCAL_SHARE_CONFIG = "glocal.territory.local.share";
    String LOCAL_SHARE_DOC =
            "θ: a title is local to a territory when that territory has at least this share of its views and it is not in the global top-K.";
    String GLOBAL_TOP_K_CONFIG = "glocal.territory.global.top.k";
    String GLOBAL_TOP_K_DOC = "Size of the global top-K that makes a title global.";
    String TERRITORY_TOP_K_CONFIG = "glocal.territory.top.k";
    String TERRITORY_TOP_K_DOC = "How many titles a territory's top-K query returns.";
    String TERRITORY_GROUPS_CONFIG = "glocal.territory.groups";
    String TERRITORY_GROUPS_DOC =
            "Explicit territory grouping 'US:0,CA:0,BR:1'. Empty: groups are computed from viewership by the task of views partition 0 and published on territory-groups, which every task follows.";
    String TERRITORY_GROUP_COUNT_CONFIG = "glocal.territory.group.count";
    String TERRITORY_GROUP_COUNT_DOC = "G, the number of territory groups.";
    String REGROUP_INTERVAL_MS_CONFIG = "glocal.territory.regroup.interval.ms";
    String REGROUP_INTERVAL_MS_DOC =
            "How often (wall clock) a computed grouping is recomputed; each change gets a new version, whose group ids follow the previous one (a group keeps the id of the old group it shares most plays with).";
    String IMPRESSION_WINDOW_MS_CONFIG = "glocal.impression.play.window.ms";
    String IMPRESSION_WINDOW_MS_DOC =
            "An impression becomes an explicit negative when no PLAY of the same user and title follows within this many ms of event time.";
    String NEGATIVES_PER_POSITIVE_CONFIG = "glocal.negatives.per.positive";
    String NEGATIVES_PER_POSITIVE_DOC = "k sampled negatives per positive.";
    String NEGATIVE_EXPONENT_CONFIG = "glocal.negatives.popularity.exponent";
    String NEGATIVE_EXPONENT_DOC =
            "β: negatives are drawn from the territory catalogue with probability ∝ popularity^β.";
    String RANDOM_USER_RATE_CONFIG = "glocal.sample.random.user.rate";
    String RANDOM_USER_RATE_DOC =
            "p: share of users kept as random-user samples (hash of the user id).";
    String ACTIVE_USER_RATE_CONFIG = "glocal.sample.active.user.rate";
    String ACTIVE_USER_RATE_DOC =
            "Share of the active users outside the random set that are upsampled (independent hash).";
    String SEED_CONFIG = "glocal.sample.seed";
    String SEED_DOC = "Seed of the user hashes and the negative sampler.";
    String BATCH_SIZE_CONFIG = "glocal.batch.size";
    String BATCH_SIZE_DOC = "B, examples per TrainingBatch.";
    String BATCH_LINGER_MS_CONFIG = "glocal.batch.linger.ms";
    String BATCH_LINGER_MS_DOC =
            "T: a partial batch is written once its oldest example has waited this many ms (wall clock).";

    /** Declares this role's keys on {@code def}; returns it. */
    static ConfigDef define(ConfigDef def) {
        return def.define(
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
                        BATCH_LINGER_MS_DOC);
    }
}
