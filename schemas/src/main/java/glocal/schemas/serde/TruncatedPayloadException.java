package glocal.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The payload is shorter than the 5-byte Confluent header, so it cannot hold a schema id. */
public final class TruncatedPayloadException extends SerializationException {
    private static final long serialVersionUID = 1L;

    public TruncatedPayloadException(String topic, int length) {
        super(
                "record on topic "
                        + topic
                        + " has "
                        + length
                        + " bytes, fewer than the "
                        + WireFormat.HEADER_SIZE
                        + " of the Confluent wire-format header (magic byte + 4-byte schema id): it is truncated or not Avro");
    }
}
