package glocal.stream.trainer;

import glocal.schemas.avro.TrainingBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which batches on {@code training-batches} the trainer trains. Two stream applications (two {@code
 * glocal.application.id}s) on one broker write into the same topic; a trainer trains only its own
 * application's batches, so it never trains another application's copy of the stream. Another
 * application's batch is skipped, counted ({@value #FOREIGN_BATCHES}, tag {@code application}) and
 * logged once per application id. A batch without an application id was written by a stream side
 * older than the field: it is trained (during an upgrade those are this application's own batches),
 * counted ({@value #UNLABELLED_BATCHES}) and logged once.
 */
final class BatchOwnership {

    static final String FOREIGN_BATCHES = "glocal.trainer.foreign.batches";
    static final String UNLABELLED_BATCHES = "glocal.trainer.unlabelled.batches";
    private static final Logger log = LoggerFactory.getLogger(BatchOwnership.class);

    private final String applicationId;
    private final MeterRegistry meters;
    private final Map<String, Counter> foreignByApplication = new HashMap<>();
    private final Counter unlabelled;
    private boolean unlabelledLogged;

    BatchOwnership(String applicationId, MeterRegistry meters) {
        this.applicationId = applicationId;
        this.meters = meters;
        this.unlabelled =
                Counter.builder(UNLABELLED_BATCHES)
                        .description(
                                "training batches without an application id (older stream side), trained")
                        .register(meters);
    }

    /**
     * True when this trainer trains {@code batch}; {@code where} names its position for the log.
     */
    boolean trains(TrainingBatch batch, String where) {
        String writer = batch.getApplicationId();
        if (writer == null) {
            if (!unlabelledLogged) {
                log.info(
                        "training batch {} at {} carries no application id (written by a stream side older than the field): "
                                + "training it and every later such batch as a batch of '{}' (counted in {})",
                        batch.getBatchId(),
                        where,
                        applicationId,
                        UNLABELLED_BATCHES);
                unlabelledLogged = true;
            }
            unlabelled.increment();
            return true;
        }
        if (writer.equals(applicationId)) {
            return true;
        }
        Counter foreign = foreignByApplication.get(writer);
        if (foreign == null) {
            log.warn(
                    "training batch {} at {} was written by stream application '{}', not this trainer's '{}' "
                            + "(glocal.application.id): skipping it and every later batch of '{}' (counted in {}); that application "
                            + "needs its own trainer",
                    batch.getBatchId(),
                    where,
                    writer,
                    applicationId,
                    writer,
                    FOREIGN_BATCHES);
            foreign =
                    Counter.builder(FOREIGN_BATCHES)
                            .tag("application", writer)
                            .description("training batches of another stream application, skipped")
                            .register(meters);
            foreignByApplication.put(writer, foreign);
        }
        foreign.increment();
        return false;
    }
}
