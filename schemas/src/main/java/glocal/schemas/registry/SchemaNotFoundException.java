package glocal.schemas.registry;

/**
 * Error 40403: no schema with that id, or the schema is not registered under the subject looked up.
 */
public final class SchemaNotFoundException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public static final int ERROR_CODE = 40403;

    public SchemaNotFoundException(String registryUrl, String message) {
        super(ERROR_CODE, registryUrl, message);
    }

    public static SchemaNotFoundException forId(String registryUrl, int id) {
        return new SchemaNotFoundException(
                registryUrl,
                "schema id "
                        + id
                        + " not found in schema registry "
                        + registryUrl
                        + ": was the data written against another registry (check schema.registry.url)?");
    }

    public static SchemaNotFoundException forSubject(String registryUrl, String subject) {
        return new SchemaNotFoundException(
                registryUrl,
                "schema not registered under subject '"
                        + subject
                        + "' in schema registry "
                        + registryUrl
                        + ": register it first with POST /subjects/"
                        + subject
                        + "/versions");
    }
}
