package glocal.stream.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How to start an {@link EmbeddedKafkaBroker}.
 *
 * @param port the client (PLAINTEXT) port on 127.0.0.1; 0 picks a free one
 * @param dataDir where the broker keeps its logs; empty means a temporary directory deleted on
 *     close. A given directory is kept and a broker restarted on it finds its topics again.
 * @param overrides broker properties that replace the single-node defaults (e.g. {@code
 *     log.retention.ms})
 */
public record BrokerSettings(int port, Optional<Path> dataDir, Map<String, String> overrides) {

    public BrokerSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(
                    "broker port must be 0 (free port) or 1..65535, got " + port);
        }
        dataDir = dataDir == null ? Optional.empty() : dataDir;
        overrides = Map.copyOf(overrides == null ? Map.of() : overrides);
    }

    /** A free port and a temporary directory. */
    public static BrokerSettings defaults() {
        return new BrokerSettings(0, Optional.empty(), Map.of());
    }

    public BrokerSettings withPort(int newPort) {
        return new BrokerSettings(newPort, dataDir, overrides);
    }

    public BrokerSettings withDataDir(Path dir) {
        return new BrokerSettings(port, Optional.of(dir), overrides);
    }

    public BrokerSettings withOverride(String key, String value) {
        Map<String, String> merged = new LinkedHashMap<>(overrides);
        merged.put(key, value);
        return new BrokerSettings(port, dataDir, merged);
    }
}
