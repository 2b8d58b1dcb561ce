package glocal.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry API Glocal needs: register, look up by id and by
 * subject version. Implementations are thread-safe and cache what never changes (id to schema,
 * subject and schema to id), so serdes may call them per record.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /**
     * Registers the schema under the subject and returns its global id; the same schema gets the
     * same id.
     */
    int register(String subject, Schema schema);

    /**
     * The version of {@code subject} that holds exactly this schema, without registering anything:
     * 40401 if the subject is unknown, 40403 if the schema is not among its versions.
     */
    SchemaVersion lookup(String subject, Schema schema);

    /**
     * The schema with that global id; throws {@link SchemaNotFoundException} (40403) if there is
     * none.
     */
    Schema getById(int id);

    /**
     * The subject's version numbers, ascending; throws {@link SubjectNotFoundException} (40401).
     */
    List<Integer> getVersions(String subject);

    /** The subject's newest version; throws {@link SubjectNotFoundException} (40401). */
    SchemaVersion getLatest(String subject);

    /**
     * One version of the subject; throws 40401 for an unknown subject, 40402 for an unknown
     * version.
     */
    SchemaVersion getVersion(String subject, int version);

    /**
     * Fails fast with a {@link RegistryUnavailableException} naming the URL when the registry
     * cannot be reached.
     */
    void checkReachable();

    /**
     * The URL this client was created with, e.g. {@code mock://glocal} or {@code
     * http://localhost:8081}.
     */
    String url();

    @Override
    void close();
}
