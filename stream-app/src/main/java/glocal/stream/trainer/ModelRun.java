package glocal.stream.trainer;

import glocal.model.batch.ExampleBatch;
import glocal.model.metrics.GroupedBinaryMetrics.Summary;
import glocal.model.train.OnlineTrainer;
import glocal.model.train.StepResult;
import glocal.model.validation.ProgressiveTerritoryList;
import glocal.model.validation.ProgressiveValidation;
import java.util.List;
import java.util.Optional;

/**
 * One model the trainer updates, with its own progressive validation. The service has one primary
 * run (checkpointed and published) and optional shadow runs trained on the same batches for
 * comparison only. A run may also keep the territory list reference ({@link
 * ProgressiveTerritoryList}), given exactly the batches its validation gets.
 */
public final class ModelRun implements AutoCloseable {

    private final String name;
    private final OnlineTrainer trainer;
    private final ProgressiveValidation validation;
    private final ProgressiveTerritoryList territoryList;
    private List<Summary> lastSummaries = List.of();

    ModelRun(String name, OnlineTrainer trainer, int validationWindow) {
        this(name, trainer, validationWindow, false);
    }

    /** {@code withTerritoryList}: also keep the territory list, counted from this run's batches. */
    ModelRun(String name, OnlineTrainer trainer, int validationWindow, boolean withTerritoryList) {
        this.name = name;
        this.trainer = trainer;
        this.validation = new ProgressiveValidation(validationWindow);
        this.territoryList =
                withTerritoryList ? new ProgressiveTerritoryList(validationWindow) : null;
    }

    /**
     * Scores the batch, then trains on it; the scores enter progressive validation, unless the
     * model rejected the batch (its scores may not be finite); so does the territory list, if kept.
     */
    StepResult step(ExampleBatch batch) {
        StepResult result = trainer.step(batch);
        if (result.applied()) {
            validation.add(batch, result.scores());
            if (territoryList != null) {
                territoryList.step(batch);
            }
        }
        return result;
    }

    /** Recomputes the window metrics (O(window) per group): call when publishing, not per batch. */
    List<Summary> refreshSummaries() {
        lastSummaries = validation.summaries();
        return lastSummaries;
    }

    List<Summary> lastSummaries() {
        return lastSummaries;
    }

    public String name() {
        return name;
    }

    /** The model; read it only on the trainer thread (see {@link TrainerService#inspect}). */
    public OnlineTrainer trainer() {
        return trainer;
    }

    /** Its progressive validation; read it only on the trainer thread. */
    public ProgressiveValidation validation() {
        return validation;
    }

    /**
     * The territory list scored and counted on the batches this run trained on, if it keeps one;
     * read it only on the trainer thread.
     */
    public Optional<ProgressiveTerritoryList> territoryList() {
        return Optional.ofNullable(territoryList);
    }

    @Override
    public void close() {
        trainer.close();
    }
}
