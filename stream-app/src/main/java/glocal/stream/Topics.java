package glocal.stream;

import java.util.List;
import java.util.Set;

/**
 * Glocal's Kafka topic names, in one place for producers, topologies, the trainer and the broker.
 */
public final class Topics {

    /** Avro {@code ViewEvent}s keyed by user id. */
    public static final String VIEWS = "views";

    /** Avro {@code Title}s keyed by title id; compacted: the latest description of each title. */
    public static final String TITLES = "titles";

    /** Views that failed validation: the original bytes plus a reason header. */
    public static final String VIEWS_DLQ = "views.dlq";

    /** Columnar mini-batches of training examples for the trainer. */
    public static final String TRAINING_BATCHES = "training-batches";

    /** Latest embedding per user; compacted. */
    public static final String USER_EMBEDDINGS = "user-embeddings";

    /** Latest embedding per title; compacted. */
    public static final String TITLE_EMBEDDINGS = "title-embeddings";

    /**
     * The trainers' user rows (embedding row, Adam state, history, adaptive-weight state) keyed by
     * user id, partitioned like training-batches; compacted. Written in the trainer's transaction
     * with {@code glocal.trainer.group.enabled}, read by the trainer that takes a partition over.
     */
    public static final String TRAINER_USER_ROWS = "trainer-user-rows";

    /** Training and evaluation metrics over time. */
    public static final String TRAINING_METRICS = "training-metrics";

    /** Latest adaptive training weight per user; compacted. */
    public static final String USER_WEIGHTS = "user-weights";

    /** The territory grouping computed from viewership, shared by every stream task; compacted. */
    public static final String TERRITORY_GROUPS = "territory-groups";

    /** Every Glocal topic, in data-flow order. */
    public static final List<String> ALL =
            List.of(
                    VIEWS,
                    TITLES,
                    VIEWS_DLQ,
                    TRAINING_BATCHES,
                    TRAINER_USER_ROWS,
                    USER_EMBEDDINGS,
                    TITLE_EMBEDDINGS,
                    TRAINING_METRICS,
                    USER_WEIGHTS,
                    TERRITORY_GROUPS);

    /** Topics that hold a table (latest value per key) and so are log-compacted. */
    public static final Set<String> COMPACTED =
            Set.of(
                    TITLES,
                    TRAINER_USER_ROWS,
                    USER_EMBEDDINGS,
                    TITLE_EMBEDDINGS,
                    USER_WEIGHTS,
                    TERRITORY_GROUPS);

    private Topics() {}

    public static boolean isCompacted(String topic) {
        return COMPACTED.contains(topic);
    }
}
