package glocal.schemas.registry;

/** HTTP 409: the new schema breaks the subject's compatibility level (BACKWARD by default). */
public final class IncompatibleSchemaException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public static final int ERROR_CODE = 409;

    public IncompatibleSchemaException(String registryUrl, String message) {
        super(ERROR_CODE, registryUrl, message);
    }
}
