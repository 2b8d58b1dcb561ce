package glocal.schemas.registry;

/** Error 42201: the registry could not parse the schema (or the request carrying it). */
public final class InvalidSchemaException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public static final int ERROR_CODE = 42201;

    public InvalidSchemaException(String registryUrl, String message) {
        super(ERROR_CODE, registryUrl, message);
    }
}
