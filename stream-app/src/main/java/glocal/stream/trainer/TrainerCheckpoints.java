package glocal.stream.trainer;

import glocal.model.train.Checkpoint;
import glocal.model.train.ModelSpec;
import glocal.model.train.OnlineTrainer;
import glocal.model.weights.AdaptiveUserWeights;
import glocal.stream.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's checkpoint file: the model, its optimizer state, id maps, adaptive-weight state and
 * the next offset of every {@code training-batches} partition ({@code
 * offset.training-batches.<partition>} in the metadata), written atomically by {@link
 * Checkpoint#save}. Without a file (no checkpoint directory) nothing is written or restored.
 */
final class TrainerCheckpoints {

    // The trainer's log lines keep the logger they always had.
    private static final Logger log = LoggerFactory.getLogger(TrainerService.class);
    private static final String OFFSET_KEY = "offset." + Topics.TRAINING_BATCHES + ".";

    /**
     * What a run starts from: the checkpoint's model, weights and offsets, or a new model; and
     * where the checkpoint's model differs from the configured one ({@link #specDifferences},
     * logged as a warning).
     */
    record Restored(
            OnlineTrainer trainer,
            AdaptiveUserWeights weights,
            Map<TopicPartition, Long> offsets,
            List<String> specDifferences) {

        Restored(
                OnlineTrainer trainer,
                AdaptiveUserWeights weights,
                Map<TopicPartition, Long> offsets) {
            this(trainer, weights, offsets, List.of());
        }
    }

    private final TrainerSettings settings;
    private final Clock clock;
    private volatile Instant writtenAt;

    TrainerCheckpoints(TrainerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** False without a checkpoint file: {@link #save} must not be called. */
    boolean enabled() {
        return settings.checkpointFile() != null;
    }

    /** True once a checkpoint was restored or written. */
    boolean any() {
        return writtenAt != null;
    }

    /** Milliseconds since the checkpoint was restored or last written, -1 before. */
    long ageMillis() {
        Instant at = writtenAt;
        return at == null ? -1 : Duration.between(at, clock.instant()).toMillis();
    }

    /** Seconds since the checkpoint was restored or last written, NaN before. */
    double ageSeconds() {
        Instant at = writtenAt;
        return at == null ? Double.NaN : Duration.between(at, clock.instant()).toMillis() / 1000.0;
    }

    /** The last checkpoint, or a new model and weights at the beginning of every partition. */
    Restored restore() throws IOException {
        Path file = settings.checkpointFile();
        if (file != null) {
            // A kill during a checkpoint leaves its temporary behind (tens of MB each time).
            Checkpoint.removeStaleTemporaries(file)
                    .forEach(stale -> log.info("removed stale checkpoint temporary {}", stale));
        }
        if (file != null && Files.exists(file)) {
            Checkpoint.Restored r = Checkpoint.restore(file, OnlineTrainer.preferredDevice());
            Map<TopicPartition, Long> offsets = new HashMap<>();
            r.metadata()
                    .forEach(
                            (k, v) -> {
                                if (k.startsWith(OFFSET_KEY)) {
                                    offsets.put(
                                            new TopicPartition(
                                                    Topics.TRAINING_BATCHES,
                                                    Integer.parseInt(
                                                            k.substring(OFFSET_KEY.length()))),
                                            Long.parseLong(v));
                                }
                            });
            AdaptiveUserWeights weights =
                    r.weights() != null ? r.weights() : new AdaptiveUserWeights(settings.weights());
            writtenAt = clock.instant();
            log.info(
                    "trainer restored from {} at step {} with offsets {}",
                    file,
                    r.trainer().version(),
                    offsets);
            List<String> differences = specDifferences(settings.spec(), r.trainer().spec());
            if (!differences.isEmpty()) {
                log.warn(
                        "the checkpoint's model differs from the configured one and goes on as it was"
                                + " saved: {}; to train the configured model, start with an empty"
                                + " checkpoint directory",
                        String.join(", ", differences));
            }
            if (r.repairedRows() > 0 || weights.repairedOnRead() > 0) {
                log.warn(
                        "the checkpoint held non-finite values: {} embedding rows and {} adaptive-weight states started"
                                + " over; their repaired values are published at the next publication",
                        r.repairedRows(),
                        weights.repairedOnRead());
            }
            return new Restored(r.trainer(), weights, offsets, differences);
        }
        return new Restored(
                OnlineTrainer.create(settings.spec()),
                new AdaptiveUserWeights(settings.weights()),
                Map.of());
    }

    /**
     * The model keys where a restored checkpoint's spec differs from the configured one, as {@code
     * "glocal.<key>: configured X, checkpoint Y"}: a restored model keeps its own spec (its tables
     * and dense part are shaped and trained by it), and an operator who changed a key, or upgraded
     * over a default that changed, must be told.
     */
    static List<String> specDifferences(ModelSpec configured, ModelSpec restored) {
        Properties c = configured.toProperties();
        Properties r = restored.toProperties();
        TreeSet<String> keys = new TreeSet<>(c.stringPropertyNames());
        keys.addAll(r.stringPropertyNames());
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            String mine = c.getProperty(key);
            String theirs = r.getProperty(key);
            if (!Objects.equals(mine, theirs)) {
                out.add("glocal." + key + ": configured " + mine + ", checkpoint " + theirs);
            }
        }
        return out;
    }

    /** Writes the model, the weights and the next offsets; see {@link #enabled()}. */
    void save(
            OnlineTrainer trainer,
            AdaptiveUserWeights weights,
            Map<TopicPartition, Long> nextOffsets) {
        Path file = settings.checkpointFile();
        Map<String, String> meta = new LinkedHashMap<>();
        nextOffsets.forEach(
                (tp, next) -> meta.put(OFFSET_KEY + tp.partition(), Long.toString(next)));
        try {
            Checkpoint.save(trainer, weights, meta, file);
        } catch (IOException e) {
            throw new TrainerException(
                    "could not write checkpoint "
                            + file
                            + ": "
                            + e.getMessage()
                            + " (is the checkpoint directory writable and is there disk space?)",
                    e);
        }
        writtenAt = clock.instant();
    }
}
