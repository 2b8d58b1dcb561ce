package glocal.schemas.registry;

/**
 * A schema-registry call failed. {@link #errorCode()} carries Confluent's error code (40401, 40403,
 * 409, 42201, 50001, ...) or the HTTP status when the registry gave none; {@link #registryUrl()}
 * names the registry that answered, so a message in a log says where to look.
 */
public class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errorCode;
    private final String registryUrl;

    public SchemaRegistryException(int errorCode, String registryUrl, String message) {
        this(errorCode, registryUrl, message, null);
    }

    public SchemaRegistryException(
            int errorCode, String registryUrl, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.registryUrl = registryUrl;
    }

    /** Confluent error code (e.g. 40401) or the HTTP status when the body carried none. */
    public int errorCode() {
        return errorCode;
    }

    public String registryUrl() {
        return registryUrl;
    }
}
