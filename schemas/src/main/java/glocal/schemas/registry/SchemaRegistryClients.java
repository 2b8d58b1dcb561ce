package glocal.schemas.registry;

import java.net.URI;

/**
 * Creates the right client for a registry URL: {@code mock://<scope>} in process, {@code
 * http(s)://} over REST.
 */
public final class SchemaRegistryClients {
    private SchemaRegistryClients() {}

    public static SchemaRegistryClient create(String url) {
        return create(url, RegistryClientConfig.defaults());
    }

    public static SchemaRegistryClient create(String url, RegistryClientConfig config) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "schema registry URL is empty: give mock://<scope> for the in-process "
                            + "registry or http(s)://host:port for a Confluent-compatible one");
        }
        String trimmed = url.trim();
        if (trimmed.contains(",")) {
            throw new IllegalArgumentException(
                    "schema registry URL '"
                            + url
                            + "' lists several registries; Glocal's client "
                            + "takes one: give a single URL (e.g. a load balancer in front of the registry nodes)");
        }
        if (trimmed.startsWith(MockSchemaRegistry.SCHEME)) {
            return MockSchemaRegistry.client(trimmed.substring(MockSchemaRegistry.SCHEME.length()));
        }
        if (trimmed.startsWith("http://") || trimmed.startsWith("https://")) {
            URI base;
            try {
                base =
                        URI.create(
                                trimmed.endsWith("/")
                                        ? trimmed.substring(0, trimmed.length() - 1)
                                        : trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "schema registry URL '" + url + "' is not a valid URI: " + e.getMessage(),
                        e);
            }
            if (base.getHost() == null) {
                throw new IllegalArgumentException(
                        "schema registry URL '"
                                + url
                                + "' has no host, e.g. http://localhost:8081");
            }
            return new RestSchemaRegistryClient(base, config);
        }
        throw new IllegalArgumentException(
                "schema registry URL '"
                        + url
                        + "' has an unsupported scheme: use mock://<scope> "
                        + "or http(s)://host:port");
    }
}
