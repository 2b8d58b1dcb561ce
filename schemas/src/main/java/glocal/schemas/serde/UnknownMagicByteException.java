package glocal.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The payload does not start with Confluent's magic byte 0. */
public final class UnknownMagicByteException extends SerializationException {
    private static final long serialVersionUID = 1L;

    public UnknownMagicByteException(String topic, byte found) {
        super(
                String.format(
                        "unknown magic byte 0x%02x at offset 0 of a record on topic %s: was it written without "
                                + "the Confluent Avro serializer?",
                        found, topic));
    }
}
