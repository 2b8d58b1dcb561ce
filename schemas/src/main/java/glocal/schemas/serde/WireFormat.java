package glocal.schemas.serde;

import java.nio.ByteBuffer;

/**
 * Confluent's wire format: magic byte 0, the writer schema's registry id as 4 bytes big-endian,
 * then the Avro binary encoding of the record.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {}

    /**
     * The subject a topic's keys or values are registered under (Confluent's TopicNameStrategy).
     */
    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    /** The schema id of a payload whose header was already validated. */
    static int schemaId(byte[] payload) {
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }

    static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }
}
