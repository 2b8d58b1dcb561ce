package glocal.schemas.registry;

/** Error 40402: the subject exists but has no such version. */
public final class VersionNotFoundException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public static final int ERROR_CODE = 40402;

    public VersionNotFoundException(String registryUrl, String subject, String version) {
        super(
                ERROR_CODE,
                registryUrl,
                "version "
                        + version
                        + " of subject '"
                        + subject
                        + "' not found in schema registry "
                        + registryUrl
                        + ": list the subject's versions with GET /subjects/"
                        + subject
                        + "/versions");
    }
}
