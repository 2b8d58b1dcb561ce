package glocal.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/** One version of a subject: the version number (from 1), the global schema id and the schema. */
public record SchemaVersion(String subject, int version, int id, Schema schema) {
    public SchemaVersion {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
    }
}
