package glocal.stream;

/** Names of the Kafka topics Glocal reads and writes. */
public final class Topics {
  public static final String VIEWS = "views";
  public static final String TITLES = "titles";
  public static final String VIEWS_DLQ = "views.dlq";
  public static final String TRAINING_BATCHES = "training-batches";
  public static final String USER_EMBEDDINGS = "user-embeddings";
  public static final String TITLE_EMBEDDINGS = "title-embeddings";
  public static final String TRAINING_METRICS = "training-metrics";
  public static final String USER_WEIGHTS = "user-weights";

  private Topics() {}
}
