package glocal.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glocal.schemas.registry.RegistryEvent.CompatibilitySet;
import glocal.schemas.registry.RegistryEvent.SchemaRegistered;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry journal kept as JSON lines in {@code <dir>/schema-registry.jsonl}, one event per line,
 * appended and forced to disk before the store acknowledges the change (the real registry likewise
 * keeps its state as a log, the {@code _schemas} topic). At start the lines are replayed; a torn
 * last line (a crash mid-write) is cut off, a damaged line elsewhere stops the start with its line
 * number.
 */
public final class FileRegistryJournal implements RegistryJournal {
    public static final String FILE_NAME = "schema-registry.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(FileRegistryJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;

    private FileRegistryJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens (creating if needed) the journal in {@code dataDir}, rebuilds a store from it and
     * returns the store, which from then on journals every change there.
     */
    public static RegistryStore openStore(String url, Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            List<RegistryEvent> events = new ArrayList<>();
            long goodBytes = read(file, events);
            FileChannel channel =
                    FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.truncate(goodBytes);
            channel.position(goodBytes);
            RegistryStore store = new RegistryStore(url, new FileRegistryJournal(file, channel));
            events.forEach(store::replay);
            LOG.info("schema registry {} loaded {} events from {}", url, events.size(), file);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot open the schema registry journal "
                            + file
                            + ": check that the data directory is writable",
                    e);
        }
    }

    @Override
    public synchronized void append(RegistryEvent event) {
        byte[] line = (encode(event) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot append to the schema registry journal " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the schema registry journal " + file, e);
        }
    }

    /**
     * Reads every complete event into {@code events}; returns the byte length of the good prefix.
     */
    private static long read(Path file, List<RegistryEvent> events) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        int lineNumber = 0;
        while (start < bytes.length) {
            lineNumber++;
            int end = indexOf(bytes, (byte) '\n', start);
            if (end < 0) {
                LOG.warn(
                        "schema registry journal {} ends with a torn line {} ({} bytes, a crash mid-write): dropping it",
                        file,
                        lineNumber,
                        bytes.length - start);
                return start;
            }
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            try {
                events.add(decode(JSON.readTree(line)));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(
                        "schema registry journal "
                                + file
                                + " line "
                                + lineNumber
                                + " is damaged ("
                                + e.getMessage()
                                + "): restore the file from a backup or move it away to start an empty registry",
                        e);
            }
            start = end + 1;
        }
        return start;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static String encode(RegistryEvent event) {
        ObjectNode node = JSON.createObjectNode();
        if (event instanceof SchemaRegistered r) {
            node.put("type", "schema")
                    .put("subject", r.subject())
                    .put("version", r.version())
                    .put("id", r.id())
                    .put("schema", r.schema());
        } else if (event instanceof CompatibilitySet c) {
            node.put("type", "config")
                    .put("subject", c.subject())
                    .put("compatibility", c.level().name());
        }
        return node.toString();
    }

    static RegistryEvent decode(JsonNode node) {
        String type = node.path("type").asText();
        switch (type) {
            case "schema":
                return new SchemaRegistered(
                        node.get("subject").asText(),
                        node.get("version").asInt(),
                        node.get("id").asInt(),
                        node.get("schema").asText());
            case "config":
                JsonNode subject = node.get("subject");
                return new CompatibilitySet(
                        subject == null || subject.isNull() ? null : subject.asText(),
                        CompatibilityLevel.parse(node.get("compatibility").asText()));
            default:
                throw new IllegalArgumentException("unknown event type '" + type + "'");
        }
    }
}
