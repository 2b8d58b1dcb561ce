package glocal.stream.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft mode (one node acting as broker and controller), started in
 * this JVM from Kafka's own jars: the log directory is formatted as {@code kafka-storage.sh format}
 * does, then {@link KafkaRaftServer} runs it. Clients connect to {@link #bootstrapServers()} on
 * 127.0.0.1 exactly as to any other broker; transactions and exactly_once_v2 work because every
 * internal topic is configured for a single replica.
 *
 * <p>This class is the process's lifecycle (ports, start, readiness, stop); the node's
 * configuration is {@link KRaftNodeConfig}'s, the data directory's format {@link KRaftStorage}'s,
 * and what it asks through the Admin client (unfenced yet? missing topics) {@link BrokerAdmin}'s.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedKafkaBroker(
            KafkaRaftServer server,
            Path dataDir,
            boolean deleteOnClose,
            int port,
            int controllerPort,
            String clusterId,
            Duration startupTime) {
        this.server = server;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.startupTime = startupTime;
    }

    /** Starts a broker on free ports with its data in a temporary directory. */
    public static EmbeddedKafkaBroker start() {
        return start(BrokerSettings.defaults());
    }

    /**
     * Starts a broker and returns once it accepts clients and can host partitions (it is registered
     * and unfenced).
     */
    public static EmbeddedKafkaBroker start(BrokerSettings settings) {
        long began = System.nanoTime();
        boolean temporary = settings.dataDir().isEmpty();
        Path dataDir =
                temporary
                        ? KRaftStorage.createTempDir()
                        : KRaftStorage.createDir(settings.dataDir().get());
        int port = settings.port() == 0 ? KRaftNodeConfig.freePort() : settings.port();
        int controllerPort = KRaftNodeConfig.freePort();
        KafkaRaftServer server = null;
        try {
            Path logDir = dataDir.resolve("logs");
            String clusterId = KRaftStorage.formatIfNeeded(logDir);
            long formatted = System.nanoTime();
            KafkaConfig config =
                    new KafkaConfig(
                            KRaftNodeConfig.properties(logDir, port, controllerPort, settings),
                            false);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            long started = System.nanoTime();
            String bootstrap = "127.0.0.1:" + port;
            BrokerAdmin.awaitUnfenced(bootstrap, KRaftNodeConfig.NODE_ID);
            long unfenced = System.nanoTime();
            Duration took = Duration.ofNanos(unfenced - began);
            log.info(
                    "Kafka broker (KRaft, cluster {}) ready at {} in {} ms (format {} ms, server start {} ms, unfenced after {} ms)",
                    clusterId,
                    bootstrap,
                    took.toMillis(),
                    (formatted - began) / 1_000_000,
                    (started - formatted) / 1_000_000,
                    (unfenced - started) / 1_000_000);
            return new EmbeddedKafkaBroker(
                    server, dataDir, temporary, port, controllerPort, clusterId, took);
        } catch (RuntimeException e) {
            stopQuietlyAfterFailedStart(server, dataDir, temporary, e);
            throw e;
        }
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public String clusterId() {
        return clusterId;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Wall time from {@link #start} until the broker could host partitions. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Creates the topics that do not exist yet (a broker restarted on its data directory already
     * has its earlier ones) and waits until they are created. Returns the names it created.
     */
    public List<String> createTopics(TopicSpec... topics) {
        return createTopics(List.of(topics));
    }

    public List<String> createTopics(List<TopicSpec> topics) {
        return BrokerAdmin.createMissingTopics(bootstrapServers(), topics);
    }

    /**
     * Stops the broker and controller, waits until every server thread has finished, then deletes
     * the data directory if it was a temporary one. Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            KRaftStorage.deleteDir(dataDir);
        }
    }

    private static void stopQuietlyAfterFailedStart(
            KafkaRaftServer server, Path dataDir, boolean temporary, RuntimeException cause) {
        try {
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
            }
            if (temporary) {
                KRaftStorage.deleteDir(dataDir);
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
