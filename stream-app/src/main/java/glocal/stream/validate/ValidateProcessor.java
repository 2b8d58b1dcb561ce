package glocal.stream.validate;

import static java.nio.charset.StandardCharsets.UTF_8;

import glocal.schemas.avro.ViewEvent;
import glocal.stream.GlocalMetrics;
import glocal.stream.Topics;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes views from raw bytes and checks them. The source reads bytes so that no producer error
 * can stop the application: undecodable records and records failing a {@link ViewValidator} check
 * go to the dead-letter child with their original key and value bytes and {@link
 * DeadLetterHeaders}; good views go on, keyed by user id, with the event time as record timestamp.
 */
public final class ValidateProcessor implements Processor<byte[], byte[], Object, Object> {

    private final Deserializer<ViewEvent> deserializer;
    private final ViewValidator validator;
    private final GlocalMetrics metrics;
    private final String goodChild;
    private final String deadLetterChild;
    private ProcessorContext<Object, Object> context;

    public ValidateProcessor(
            Deserializer<ViewEvent> deserializer,
            ViewValidator validator,
            GlocalMetrics metrics,
            String goodChild,
            String deadLetterChild) {
        this.deserializer = deserializer;
        this.validator = validator;
        this.metrics = metrics;
        this.goodChild = goodChild;
        this.deadLetterChild = deadLetterChild;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ViewEvent view;
        try {
            view =
                    record.value() == null
                            ? null
                            : deserializer.deserialize(
                                    Topics.VIEWS, record.headers(), record.value());
        } catch (SerializationException | AvroRuntimeException | IndexOutOfBoundsException e) {
            // Corrupt Avro after a valid header surfaces from the decoder as any of these; all are
            // the producer's fault and must not stop the application.
            deadLetter(
                    record,
                    new Rejection(
                            RejectReason.UNDECODABLE,
                            e.getClass().getName(),
                            String.valueOf(e.getMessage())));
            return;
        }
        if (view == null) {
            deadLetter(
                    record,
                    Rejection.of(RejectReason.UNDECODABLE, "record has no value (tombstone)"));
            return;
        }
        Rejection rejection = validator.check(view, record.timestamp());
        if (rejection != null) {
            deadLetter(record, rejection);
            return;
        }
        context.forward(
                new Record<Object, Object>(
                        view.getUserId(),
                        view,
                        view.getEventTime().toEpochMilli(),
                        record.headers()),
                goodChild);
    }

    private void deadLetter(Record<byte[], byte[]> record, Rejection rejection) {
        metrics.rejected(rejection.reason());
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(DeadLetterHeaders.REASON, rejection.reason().label().getBytes(UTF_8));
        headers.add(DeadLetterHeaders.ERROR_CLASS, rejection.errorClass().getBytes(UTF_8));
        headers.add(DeadLetterHeaders.MESSAGE, rejection.message().getBytes(UTF_8));
        RecordMetadata meta = context.recordMetadata().orElse(null);
        if (meta != null) {
            headers.add(DeadLetterHeaders.SOURCE_TOPIC, meta.topic().getBytes(UTF_8));
            headers.add(
                    DeadLetterHeaders.SOURCE_PARTITION,
                    Integer.toString(meta.partition()).getBytes(UTF_8));
            headers.add(
                    DeadLetterHeaders.SOURCE_OFFSET, Long.toString(meta.offset()).getBytes(UTF_8));
        }
        context.forward(
                new Record<Object, Object>(
                        record.key(), record.value(), record.timestamp(), headers),
                deadLetterChild);
    }
}
