package glocal.stream.runtime;

import glocal.schemas.registry.server.EmbeddedRegistry;
import glocal.schemas.registry.server.RegistryServerConfig;
import glocal.stream.broker.BrokerSettings;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.startup.Reachability;
import glocal.stream.startup.StartupException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The Kafka cluster and schema registry a Glocal process talks to. With no bootstrap servers
 * configured, a real KRaft broker is started in process; with a {@code mock://} registry URL, the
 * in-process registry of that scope is also served over HTTP so outside clients (Confluent's
 * Python, Node or Java clients) can produce and consume against the embedded run. With real
 * addresses configured, nothing is started and both are checked up front ({@code
 * glocal.startup.check.timeout.ms}): an unreachable one fails the start in one line.
 */
public final class Infrastructure implements AutoCloseable {

    /** Partitions of Glocal's topics on the embedded broker (training-batches always has one). */
    public static final int EMBEDDED_PARTITIONS = 2;

    private static final String REGISTRY_HOST = "127.0.0.1";

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedRegistry registry;
    private final String bootstrapServers;
    private final String registryUrl;
    private final String registryHttpUrl;

    private Infrastructure(
            EmbeddedKafkaBroker broker,
            EmbeddedRegistry registry,
            String bootstrapServers,
            String registryUrl,
            String registryHttpUrl) {
        this.broker = broker;
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.registryHttpUrl = registryHttpUrl;
    }

    /**
     * Starts what the configuration leaves to Glocal.
     *
     * @param dataDir where the embedded broker and registry keep their data (restartable), or null
     *     for temporary storage deleted on close
     */
    public static Infrastructure start(GlocalStreamsConfig config, Path dataDir) {
        String bootstrap = config.getString(GlocalStreamsConfig.BOOTSTRAP_SERVERS_CONFIG).trim();
        String url = config.getString(GlocalStreamsConfig.SCHEMA_REGISTRY_URL_CONFIG).trim();
        Duration checkTimeout =
                Duration.ofMillis(
                        config.getLong(GlocalStreamsConfig.STARTUP_CHECK_TIMEOUT_MS_CONFIG));
        EmbeddedKafkaBroker broker = null;
        EmbeddedRegistry registry = null;
        try {
            String httpUrl = url;
            if (url.startsWith("mock://")) {
                registry = startRegistry(config, url.substring("mock://".length()), dataDir);
                httpUrl = registry.httpUrl();
            } else {
                Reachability.registry(
                        url,
                        checkTimeout,
                        StartupException.setBy(
                                GlocalStreamsConfig.SCHEMA_REGISTRY_URL_CONFIG, "--registry"));
            }
            if (bootstrap.isEmpty()) {
                BrokerSettings settings = BrokerSettings.defaults().withPort(0);
                if (dataDir != null) {
                    settings = settings.withDataDir(dataDir.resolve("kafka"));
                }
                broker = EmbeddedKafkaBroker.start(settings);
                broker.createTopics(TopicSpec.glocalTopics(EMBEDDED_PARTITIONS));
                bootstrap = broker.bootstrapServers();
            } else {
                Reachability.kafka(
                        bootstrap,
                        checkTimeout,
                        StartupException.setBy(
                                GlocalStreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "--bootstrap"));
            }
            return new Infrastructure(broker, registry, bootstrap, url, httpUrl);
        } catch (RuntimeException e) {
            closeQuietly(broker, registry, e);
            throw e;
        } catch (Exception e) {
            closeQuietly(broker, registry, e);
            throw new IllegalStateException(
                    "could not start Glocal's infrastructure: " + e.getMessage(), e);
        }
    }

    /** The in-process registry of {@code scope}, served over HTTP on glocal.registry.http.port. */
    private static EmbeddedRegistry startRegistry(
            GlocalStreamsConfig config, String scope, Path dataDir) {
        int port = config.getInt(GlocalStreamsConfig.REGISTRY_HTTP_PORT_CONFIG);
        RegistryServerConfig server =
                new RegistryServerConfig(
                        REGISTRY_HOST,
                        port,
                        dataDir == null ? null : dataDir.resolve("registry"),
                        RegistryServerConfig.DEFAULT_MAX_REQUEST_BYTES,
                        4);
        try {
            return EmbeddedRegistry.start(scope, server);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException bind) {
                throw StartupException.cannotBind(
                        "the embedded schema registry",
                        REGISTRY_HOST,
                        port,
                        StartupException.setBy(GlocalStreamsConfig.REGISTRY_HTTP_PORT_CONFIG),
                        bind);
            }
            throw e;
        }
    }

    private static void closeQuietly(
            EmbeddedKafkaBroker broker, EmbeddedRegistry registry, Exception cause) {
        try {
            if (broker != null) {
                broker.close();
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            if (registry != null) {
                registry.close();
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * The registry URL this process's serdes use ({@code mock://...} for the embedded registry).
     */
    public String registryUrl() {
        return registryUrl;
    }

    /**
     * The registry URL outside clients use (the embedded registry's HTTP address, or the configured
     * one).
     */
    public String registryHttpUrl() {
        return registryHttpUrl;
    }

    public Optional<EmbeddedKafkaBroker> embeddedBroker() {
        return Optional.ofNullable(broker);
    }

    public boolean embeddedRegistry() {
        return registry != null;
    }

    /** Client properties every Kafka client of this process starts from. */
    public Map<String, Object> clientProperties() {
        return Map.of("bootstrap.servers", bootstrapServers);
    }

    @Override
    public void close() {
        RuntimeException error = null;
        if (broker != null) {
            try {
                broker.close();
            } catch (RuntimeException e) {
                error = e;
            }
        }
        if (registry != null) {
            registry.close();
        }
        if (error != null) {
            throw error;
        }
    }
}
