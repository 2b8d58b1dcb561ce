package glocal.stream.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The embedded broker's data directory on disk: created (a temporary one or the given one),
 * formatted as {@code kafka-storage.sh format} does when it is fresh (a formatted one keeps its
 * cluster id, so a restarted broker finds its data), deleted.
 */
final class KRaftStorage {

    private static final String META_PROPERTIES = "meta.properties";

    private KRaftStorage() {}

    /**
     * Formats a fresh log directory with a new cluster id and the current production metadata
     * version; a directory formatted before keeps its cluster id, so a restart finds its data.
     * Returns the cluster id.
     */
    static String formatIfNeeded(Path logDir) {
        Path meta = logDir.resolve(META_PROPERTIES);
        if (Files.exists(meta)) {
            return readClusterId(meta);
        }
        String clusterId = Uuid.randomUuid().toString();
        try (PrintStream discard = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(discard)
                    .setNodeId(KRaftNodeConfig.NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(KRaftNodeConfig.CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir.toString())
                    .addDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    // Transactions v1: with v2 (KIP-890), Kafka Streams' exactly_once_v2 producers
                    // hit CONCURRENT_TRANSACTIONS retries that the 4.1 broker logs as
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

    static Path createTempDir() {
        try {
            return Files.createTempDirectory("glocal-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not create a temporary directory for the embedded broker", e);
        }
    }

    static Path createDir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create broker data directory " + dir, e);
        }
    }

    static void deleteDir(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete broker data directory " + dir, e);
        }
    }
}
