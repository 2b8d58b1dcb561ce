package glocal.schemas.registry;

/** Error 40401: the subject has no registered versions. */
public final class SubjectNotFoundException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public static final int ERROR_CODE = 40401;

    public SubjectNotFoundException(String registryUrl, String subject) {
        super(
                ERROR_CODE,
                registryUrl,
                "subject '"
                        + subject
                        + "' not found in schema registry "
                        + registryUrl
                        + ": nothing was registered under it yet; produce a record to the topic (auto-register) or check the topic name");
    }
}
