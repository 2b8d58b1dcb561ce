package glocal.schemas.registry.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Settings of the embedded registry's HTTP endpoint.
 *
 * @param host interface to bind; 127.0.0.1 keeps the registry private to the machine
 * @param port TCP port, 0 for any free port
 * @param dataDir where the registry journals its state so ids survive a restart; null for memory
 *     only
 * @param maxRequestBytes largest request body accepted (413 above it)
 * @param threads request-handling threads
 */
public record RegistryServerConfig(
        String host, int port, Path dataDir, int maxRequestBytes, int threads) {
    public static final String HOST_CONFIG = "registry.http.host";
    public static final String PORT_CONFIG = "registry.http.port";
    public static final String DATA_DIR_CONFIG = "registry.data.dir";
    public static final String MAX_REQUEST_BYTES_CONFIG = "registry.http.max.request.bytes";
    public static final String THREADS_CONFIG = "registry.http.threads";

    public static final int DEFAULT_MAX_REQUEST_BYTES = 1 << 20;

    public RegistryServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(
                    HOST_CONFIG + " must name an interface, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(
                    PORT_CONFIG + " must be 0 (any free port) to 65535, was " + port);
        }
        if (maxRequestBytes < 1_024) {
            throw new IllegalArgumentException(
                    MAX_REQUEST_BYTES_CONFIG + " must be at least 1024, was " + maxRequestBytes);
        }
        if (threads < 1) {
            throw new IllegalArgumentException(
                    THREADS_CONFIG + " must be at least 1, was " + threads);
        }
    }

    /** 127.0.0.1, a free port, memory only, 1 MiB bodies, 4 threads. */
    public static RegistryServerConfig defaults() {
        return new RegistryServerConfig("127.0.0.1", 0, null, DEFAULT_MAX_REQUEST_BYTES, 4);
    }

    /** Reads the keys above; absent keys keep their defaults. */
    public static RegistryServerConfig fromMap(Map<String, ?> values) {
        RegistryServerConfig d = defaults();
        return new RegistryServerConfig(
                Optional.ofNullable(values.get(HOST_CONFIG)).map(Object::toString).orElse(d.host),
                integer(values, PORT_CONFIG, d.port),
                Optional.ofNullable(values.get(DATA_DIR_CONFIG))
                        .map(Object::toString)
                        .filter(s -> !s.isBlank())
                        .map(Path::of)
                        .orElse(null),
                integer(values, MAX_REQUEST_BYTES_CONFIG, d.maxRequestBytes),
                integer(values, THREADS_CONFIG, d.threads));
    }

    public RegistryServerConfig withPort(int newPort) {
        return new RegistryServerConfig(host, newPort, dataDir, maxRequestBytes, threads);
    }

    public RegistryServerConfig withDataDir(Path dir) {
        return new RegistryServerConfig(host, port, dir, maxRequestBytes, threads);
    }

    public RegistryServerConfig withMaxRequestBytes(int bytes) {
        return new RegistryServerConfig(host, port, dataDir, bytes, threads);
    }

    /** {@code key} read by Kafka's parser; absent: {@code fallback}. */
    private static int integer(Map<String, ?> values, String key, int fallback) {
        Object raw = values.get(key);
        return raw == null ? fallback : (Integer) ConfigDef.parseType(key, raw, Type.INT);
    }
}
