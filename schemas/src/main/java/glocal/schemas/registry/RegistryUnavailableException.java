package glocal.schemas.registry;

/**
 * The registry could not be reached, timed out, or kept answering 5xx (e.g. 50001 store error)
 * after every retry. The error code is the last HTTP/Confluent code seen, or 0 when no answer came
 * at all.
 */
public final class RegistryUnavailableException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(
            int errorCode, String registryUrl, String message, Throwable cause) {
        super(errorCode, registryUrl, message, cause);
    }
}
