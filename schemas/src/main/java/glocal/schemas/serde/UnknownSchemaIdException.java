package glocal.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The payload names a writer schema id the registry does not know. */
public final class UnknownSchemaIdException extends SerializationException {
    private static final long serialVersionUID = 1L;

    private final int schemaId;

    public UnknownSchemaIdException(
            String topic, int schemaId, String registryUrl, Throwable cause) {
        super(
                "schema id "
                        + schemaId
                        + " of a record on topic "
                        + topic
                        + " not found in schema registry "
                        + registryUrl
                        + ": was the topic written with another registry (check schema.registry.url)?",
                cause);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
