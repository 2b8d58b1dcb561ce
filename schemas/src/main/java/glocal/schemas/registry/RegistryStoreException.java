package glocal.schemas.registry;

/** Error 50001: the registry could not make a change durable (its journal failed). */
public final class RegistryStoreException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public static final int ERROR_CODE = 50001;

    public RegistryStoreException(String registryUrl, String message, Throwable cause) {
        super(ERROR_CODE, registryUrl, message, cause);
    }
}
