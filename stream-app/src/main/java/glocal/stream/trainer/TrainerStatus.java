package glocal.stream.trainer;

import java.util.Map;

/**
 * A snapshot of the trainer for progress lines and tests.
 *
 * @param steps model version: steps in the model's lineage (restored steps included)
 * @param batchesThisRun batches trained since this process started
 * @param examplesThisRun examples trained since this process started
 * @param loss loss of the last batch (before its update)
 * @param lag batches waiting in training-batches, -1 before the first poll
 * @param prAuc progressive-validation PR-AUC by group ({@code all}, {@code territoryGroup=G0}, ...)
 * @param checkpointStep step of the last checkpoint written or restored, -1 if none
 * @param checkpointAgeMs time since that checkpoint, -1 if none
 */
public record TrainerStatus(
        long steps,
        long batchesThisRun,
        long examplesThisRun,
        float loss,
        long lag,
        Map<String, Double> prAuc,
        long checkpointStep,
        long checkpointAgeMs) {}
