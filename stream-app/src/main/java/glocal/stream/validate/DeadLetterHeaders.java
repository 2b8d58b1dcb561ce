package glocal.stream.validate;

/** Header names on records of {@code views.dlq}; values are UTF-8 strings. */
public final class DeadLetterHeaders {
    public static final String REASON = "glocal.dlq.reason";
    public static final String ERROR_CLASS = "glocal.dlq.error.class";
    public static final String MESSAGE = "glocal.dlq.message";
    public static final String SOURCE_TOPIC = "glocal.dlq.source.topic";
    public static final String SOURCE_PARTITION = "glocal.dlq.source.partition";
    public static final String SOURCE_OFFSET = "glocal.dlq.source.offset";

    private DeadLetterHeaders() {}
}
