package glocal.stream.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft mode (one node acting as broker and controller), started in
 * this JVM from Kafka's own jars: the log directory is formatted as {@code kafka-storage.sh format}
 * does, then {@link KafkaRaftServer} runs it. Clients connect to {@link #bootstrapServers()} on
 * 127.0.0.1 exactly as to any other broker; transactions and exactly_once_v2 work because every
 * internal topic is configured for a single replica.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    static final int NODE_ID = 1;
    private static final String CLIENT_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String META_PROPERTIES = "meta.properties";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

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
        Path dataDir = temporary ? createTempDir() : createDir(settings.dataDir().get());
        int port = settings.port() == 0 ? freePort() : settings.port();
        int controllerPort = freePort();
        KafkaRaftServer server = null;
        try {
            Path logDir = dataDir.resolve("logs");
            String clusterId = formatIfNeeded(logDir);
            long formatted = System.nanoTime();
            KafkaConfig config =
                    new KafkaConfig(
                            brokerProperties(logDir, port, controllerPort, settings), false);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            long started = System.nanoTime();
            String bootstrap = "127.0.0.1:" + port;
            awaitUnfenced(bootstrap);
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
        try (Admin admin = admin(bootstrapServers())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic.toNewTopic());
                }
            }
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while creating topics on " + bootstrapServers(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "could not create topics "
                            + topics
                            + " on "
                            + bootstrapServers()
                            + ": "
                            + e.getMessage(),
                    e);
        }
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
            deleteDir(dataDir);
        }
    }

    static Map<String, String> brokerProperties(
            Path logDir, int port, int controllerPort, BrokerSettings settings) {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put(
                "listeners",
                CLIENT_LISTENER
                        + "://127.0.0.1:"
                        + port
                        + ","
                        + CONTROLLER_LISTENER
                        + "://127.0.0.1:"
                        + controllerPort);
        props.put("advertised.listeners", CLIENT_LISTENER + "://127.0.0.1:" + port);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        props.put(
                "listener.security.protocol.map",
                CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // One node: every internal topic has one replica, or groups, transactions (exactly_once_v2)
        // and share groups would wait forever for replicas that never come.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // Consumers and Kafka Streams join at once instead of waiting for more members.
        props.put("group.initial.rebalance.delay.ms", "0");
        // A laptop broker for one app: fewer request threads than a production default of 8 I/O
        // threads, so start-up and idle CPU stay small next to Kafka Streams and the trainer.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("background.threads", "4");
        props.putAll(settings.overrides());
        return props;
    }

    /**
     * Formats a fresh log directory with a new cluster id and the current production metadata
     * version; a directory formatted before keeps its cluster id, so a restart finds its data.
     */
    private static String formatIfNeeded(Path logDir) {
        Path meta = logDir.resolve(META_PROPERTIES);
        if (Files.exists(meta)) {
            return readClusterId(meta);
        }
        String clusterId = Uuid.randomUuid().toString();
        try (PrintStream discard = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(discard)
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir.toString())
                    .addDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    // Transactions v1: with v2 (KIP-890), Kafka Streams' exactly_once_v2 producers
                    // hit
                    // CONCURRENT_TRANSACTIONS retries that the 4.1 broker logs as
                    // OutOfOrderSequence errors.
                    .setFeatureLevel("transaction.version", (short) 1)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "could not format Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
        return clusterId;
    }

    private static String readClusterId(Path meta) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + meta, e);
        }
        String id = props.getProperty("cluster.id");
        if (id == null) {
            throw new IllegalStateException(
                    meta
                            + " has no cluster.id: not a KRaft data directory; give an empty or Glocal-made --data-dir");
        }
        return id;
    }

    /** The broker answers metadata requests before the controller unfences it; wait for both. */
    private static void awaitUnfenced(String bootstrap) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = admin(bootstrap)) {
            while (true) {
                try {
                    Node node =
                            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream()
                                    .filter(n -> n.id() == NODE_ID)
                                    .findFirst()
                                    .orElse(null);
                    if (node != null && !node.isFenced()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // Not listening yet: the loop retries until the deadline below.
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "broker at "
                                        + bootstrap
                                        + " did not answer within "
                                        + READY_TIMEOUT,
                                e);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "broker at " + bootstrap + " was not unfenced within " + READY_TIMEOUT);
                }
                // Poll interval while the controller registers and unfences the broker.
                LockSupport.parkNanos(POLL_INTERVAL.toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while waiting for the broker at " + bootstrap, e);
        }
    }

    private static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "glocal-embedded-broker-admin");
        return Admin.create(props);
    }

    private static void stopQuietlyAfterFailedStart(
            KafkaRaftServer server, Path dataDir, boolean temporary, RuntimeException cause) {
        try {
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
            }
            if (temporary) {
                deleteDir(dataDir);
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "no free TCP port on 127.0.0.1 for the embedded broker", e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("glocal-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not create a temporary directory for the embedded broker", e);
        }
    }

    private static Path createDir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create broker data directory " + dir, e);
        }
    }

    private static void deleteDir(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete broker data directory " + dir, e);
        }
    }
}
