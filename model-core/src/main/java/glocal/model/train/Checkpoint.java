package glocal.model.train;

import ai.djl.Device;
import glocal.model.weights.AdaptiveUserWeights;
import glocal.model.weights.AdaptiveWeightsConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Saves and restores a trainer's whole state in one file: provenance (model spec with its seed and
 * hyperparameters, format version, step, save time, caller metadata such as consumed offsets),
 * dense parameters (DJL block save), dense Adam state, both embedding tables with their id maps and
 * per-row Adam state, users' home groups and play histories, title content features, and optionally
 * the adaptive-weight state. Writes go to a temporary file in the same directory, then an atomic
 * move, so a crash leaves either the old checkpoint or the new one, never half of one. A kill
 * during the write leaves that temporary behind; {@link #removeStaleTemporaries(Path)} deletes such
 * leftovers of one checkpoint file.
 */
public final class Checkpoint {

    /**
     * Format 2 adds the play frequencies of the log Q losses; format 3 the users' territories and
     * the popularity prior (when the spec has one); format 4 the users' play histories of {@code
     * model.user.history}; format 5 the exposure head's MLP and Adam state (when the spec has one;
     * its bias values are in the tables). Formats 1 to 4 still load (without histories before 4).
     */
    public static final int FORMAT_VERSION = 5;

    private static final int MAGIC = 0x474C434B; // "GLCK"

    /** Provenance keys written besides the model spec keys. */
    public static final String PROVENANCE_FORMAT = "checkpoint.format";

    public static final String PROVENANCE_VERSION = "checkpoint.model.version";
    public static final String PROVENANCE_SAVED_AT = "checkpoint.saved.at";
    public static final String METADATA_PREFIX = "meta.";
    private static final String TEMP_SUFFIX = ".tmp";

    private Checkpoint() {}

    /**
     * What a restore gives back. {@code weights} is null when none were saved. {@code repairedRows}
     * counts embedding rows that held NaN or an infinity and were started over (see {@link
     * glocal.model.embedding.EmbeddingTable#reinitialiseNonFiniteRows}).
     */
    public record Restored(
            OnlineTrainer trainer,
            AdaptiveUserWeights weights,
            Properties provenance,
            Map<String, String> metadata,
            int repairedRows) {}

    /**
     * Writes the checkpoint atomically to {@code file}.
     *
     * @param weights adaptive-weight state to include, or null
     * @param metadata caller state to keep with the model (e.g. consumed offsets), stored as
     *     provenance
     */
    public static void save(
            OnlineTrainer trainer,
            AdaptiveUserWeights weights,
            Map<String, String> metadata,
            Path file)
            throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = createTemporary(file);
        try {
            try (OutputStream raw = Files.newOutputStream(temp);
                    DataOutputStream out =
                            new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT_VERSION);
                out.writeUTF(provenanceText(trainer, weights, metadata));
                trainer.model().saveParameters(out);
                trainer.denseAdam().write(out);
                trainer.users().write(out);
                trainer.titles().write(out);
                trainer.homeGroups().write(out, trainer.users().rowLimit());
                trainer.titleInputs().write(out);
                out.writeBoolean(weights != null);
                if (weights != null) {
                    weights.write(out);
                }
                trainer.frequencies().write(out);
                trainer.homeGroups().writeTerritories(out, trainer.users().rowLimit());
                if (trainer.popularity() != null) {
                    trainer.popularity().write(out);
                }
                trainer.history().write(out);
                if (trainer.exposure() != null) {
                    trainer.exposure().write(out);
                }
                out.flush();
                raw.flush();
            }
            Files.move(
                    temp,
                    file,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Deletes the temporaries that interrupted saves of {@code file} left next to it (the name of
     * {@code file}, digits, {@code .tmp}: the names {@link #save} writes to) and returns them;
     * nothing else in the directory is touched. Call it only while no save of {@code file} runs,
     * e.g. at start.
     */
    public static List<Path> removeStaleTemporaries(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Pattern temporary =
                Pattern.compile(
                        Pattern.quote(file.getFileName().toString())
                                + "\\d+"
                                + Pattern.quote(TEMP_SUFFIX));
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> entries =
                Files.newDirectoryStream(
                        dir,
                        p ->
                                temporary.matcher(p.getFileName().toString()).matches()
                                        && Files.isRegularFile(p))) {
            for (Path stale : entries) {
                if (Files.deleteIfExists(stale)) {
                    removed.add(stale);
                }
            }
        }
        return removed;
    }

    /**
     * A new empty temporary next to {@code file}, named as {@link #removeStaleTemporaries} expects.
     */
    static Path createTemporary(Path file) throws IOException {
        // createTempFile names it prefix + unsigned random long + suffix.
        return Files.createTempFile(
                file.toAbsolutePath().getParent(), file.getFileName().toString(), TEMP_SUFFIX);
    }

    /**
     * Rebuilds the trainer (on {@code device}) and the adaptive weights exactly as they were saved.
     */
    public static Restored restore(Path file, Device device) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IOException(
                        file
                                + " is not a Glocal checkpoint (bad magic "
                                + Integer.toHexString(magic)
                                + ")");
            }
            int format = in.readInt();
            if (format < 1 || format > FORMAT_VERSION) {
                throw new IOException(
                        file
                                + " has checkpoint format "
                                + format
                                + "; this build reads format "
                                + FORMAT_VERSION);
            }
            Properties provenance = new Properties();
            provenance.load(new StringReader(in.readUTF()));
            ModelSpec spec = ModelSpec.fromStoredProperties(provenance);
            OnlineTrainer trainer = new OnlineTrainer(spec, device);
            try {
                trainer.loadDense(in);
                trainer.denseAdam().read(in);
                trainer.users().read(in);
                trainer.titles().read(in);
                trainer.homeGroups().read(in);
                trainer.restoreVersion(Long.parseLong(provenance.getProperty(PROVENANCE_VERSION)));
                trainer.titleInputs().read(in);
                AdaptiveUserWeights weights =
                        in.readBoolean()
                                ? AdaptiveUserWeights.read(weightsConfig(provenance), in)
                                : null;
                if (format >= 2) {
                    trainer.restoreFrequencies(glocal.model.sampling.PlayFrequencies.read(in));
                }
                if (format >= 3) {
                    trainer.homeGroups().readTerritories(in);
                    if (trainer.popularity() != null) {
                        trainer.popularity().read(in);
                    }
                } else if (trainer.popularity() != null) {
                    throw new IOException(
                            file
                                    + " has checkpoint format "
                                    + format
                                    + ", older than the popularity"
                                    + " prior its spec asks for ("
                                    + ModelSpec.POPULARITY_PRIOR
                                    + ")");
                }
                if (format >= 4) {
                    trainer.history().read(in);
                } else if (trainer.history().enabled()) {
                    throw new IOException(
                            file
                                    + " has checkpoint format "
                                    + format
                                    + ", older than the user histories its spec asks for ("
                                    + ModelSpec.USER_HISTORY
                                    + ")");
                }
                if (format >= 5 && trainer.exposure() != null) {
                    trainer.loadExposure(in);
                } else if (trainer.exposure() != null) {
                    throw new IOException(
                            file
                                    + " has checkpoint format "
                                    + format
                                    + ", older than the exposure head its spec asks for ("
                                    + ModelSpec.EXPOSURE_HEAD
                                    + ")");
                }
                if (!trainer.denseFinite()) {
                    throw new IOException(
                            file
                                    + " holds NaN or infinite dense parameters (written by a build"
                                    + " without the non-finite batch guard, after the model diverged); move it away to"
                                    + " train afresh from the start of the input");
                }
                int repaired =
                        trainer.users().reinitialiseNonFiniteRows()
                                + trainer.titles().reinitialiseNonFiniteRows();
                return new Restored(trainer, weights, provenance, metadata(provenance), repaired);
            } catch (IOException | RuntimeException e) {
                trainer.close();
                throw e;
            }
        }
    }

    /** Reads only the provenance of a checkpoint (what it is, how it was trained). */
    public static Properties provenance(Path file) throws IOException {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            in.readInt();
            in.readInt();
            Properties p = new Properties();
            p.load(new StringReader(in.readUTF()));
            return p;
        }
    }

    private static String provenanceText(
            OnlineTrainer trainer, AdaptiveUserWeights weights, Map<String, String> metadata)
            throws IOException {
        Properties p = trainer.spec().toProperties();
        p.setProperty(PROVENANCE_FORMAT, Integer.toString(FORMAT_VERSION));
        p.setProperty(PROVENANCE_VERSION, Long.toString(trainer.version()));
        p.setProperty(PROVENANCE_SAVED_AT, Instant.now().toString());
        if (weights != null) {
            AdaptiveWeightsConfig c = weights.config();
            p.setProperty(AdaptiveWeightsConfig.ALPHA, Float.toString(c.alpha()));
            p.setProperty(AdaptiveWeightsConfig.GAP_WINDOWS, Integer.toString(c.gapWindows()));
            p.setProperty(AdaptiveWeightsConfig.WINDOW_STEPS, Long.toString(c.windowSteps()));
            p.setProperty(AdaptiveWeightsConfig.MIN_WEIGHT, Float.toString(c.minWeight()));
            p.setProperty(AdaptiveWeightsConfig.MAX_WEIGHT, Float.toString(c.maxWeight()));
            p.setProperty(AdaptiveWeightsConfig.MIN_EXAMPLES, Integer.toString(c.minExamples()));
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            p.setProperty(METADATA_PREFIX + e.getKey(), e.getValue());
        }
        StringWriter text = new StringWriter();
        p.store(text, "Glocal checkpoint provenance");
        return text.toString();
    }

    private static AdaptiveWeightsConfig weightsConfig(Properties p) {
        return new AdaptiveWeightsConfig(
                Float.parseFloat(p.getProperty(AdaptiveWeightsConfig.ALPHA)),
                Integer.parseInt(p.getProperty(AdaptiveWeightsConfig.GAP_WINDOWS)),
                Long.parseLong(p.getProperty(AdaptiveWeightsConfig.WINDOW_STEPS)),
                Float.parseFloat(p.getProperty(AdaptiveWeightsConfig.MIN_WEIGHT)),
                Float.parseFloat(p.getProperty(AdaptiveWeightsConfig.MAX_WEIGHT)),
                Integer.parseInt(
                        p.getProperty(
                                AdaptiveWeightsConfig.MIN_EXAMPLES,
                                Integer.toString(AdaptiveWeightsConfig.LEGACY_MIN_EXAMPLES))));
    }

    private static Map<String, String> metadata(Properties p) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(METADATA_PREFIX)) {
                out.put(key.substring(METADATA_PREFIX.length()), p.getProperty(key));
            }
        }
        return out;
    }
}
