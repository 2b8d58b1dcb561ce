package glocal.model.train;

import glocal.model.batch.ExampleBatch;
import glocal.model.embedding.EmbeddingTable;
import glocal.model.embedding.UniqueRows;
import glocal.model.optim.AdamConfig;
import glocal.model.optim.DenseAdam;
import glocal.model.prior.PopularityPrior;

/**
 * The update side of a step: Adam on the batch's embedding rows (a title row in the batch and in a
 * history once, by the sum of both gradients), the title priors, the dense part, the exposure head
 * and the popularity prior, then the counts and histories the batch adds to. Holds the learning
 * rates in force ({@link #scaleLearningRates}).
 */
final class RowUpdates {

    private final ModelSpec spec;
    private final EmbeddingTable users;
    private final EmbeddingTable titles;
    private final DenseAdam denseAdam;
    private final ExposureHead exposure;
    private final PopularityPrior popularity;
    private final UserHistory history;
    private AdamConfig embeddingAdam;
    private AdamConfig priorAdam;

    /**
     * @param exposure the exposure head, or null when the spec has none
     * @param popularity the popularity prior, or null when the spec has none
     */
    RowUpdates(
            ModelSpec spec,
            EmbeddingTable users,
            EmbeddingTable titles,
            DenseAdam denseAdam,
            ExposureHead exposure,
            PopularityPrior popularity,
            UserHistory history) {
        this.spec = spec;
        this.users = users;
        this.titles = titles;
        this.denseAdam = denseAdam;
        this.exposure = exposure;
        this.popularity = popularity;
        this.history = history;
        this.embeddingAdam = spec.embeddingAdam();
        this.priorAdam = spec.priorAdam();
    }

    /** Scales every learning rate of the spec by {@code scale}; optimizer moments are kept. */
    void scaleLearningRates(float scale) {
        if (!(scale > 0) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException(
                    "learning-rate scale must be a finite number > 0, was " + scale);
        }
        embeddingAdam = AdamConfig.scaled(spec.embeddingAdam(), scale);
        priorAdam = AdamConfig.scaled(spec.priorAdam(), scale);
        denseAdam.scaleLearningRate(scale);
        if (exposure != null) {
            exposure.scaleLearningRates(scale);
        }
    }

    /** Applies the step's (finite) gradients {@code g} of the batch with distinct rows uu, tu. */
    void apply(ExampleBatch batch, UniqueRows uu, UniqueRows tu, StepGradients g) {
        if (spec.userRow()) {
            users.apply(uu.rows(), uu.count(), g.user(), embeddingAdam);
        } else {
            // No row moves, but every batch user's published vector does (history, towers).
            users.markChanged(uu.rows(), uu.count());
        }
        if (g.history() == null) {
            titles.apply(tu.rows(), tu.count(), g.title(), embeddingAdam);
        } else {
            // A title row in the batch and in a history moves once, by the sum of both gradients.
            UserHistory.Merged merged =
                    UserHistory.merge(
                            tu.rows(),
                            tu.count(),
                            g.title(),
                            g.bag().rows(),
                            g.bag().count(),
                            g.history(),
                            spec.embeddingDim());
            titles.apply(merged.rows(), merged.rows().length, merged.grad(), embeddingAdam);
        }
        if (g.prior() != null) {
            titles.applyCompanion(tu.rows(), tu.count(), g.prior(), priorAdam);
        }
        denseAdam.apply(g.dense());
        if (g.exposure() != null) {
            exposure.apply(g.exposure(), users, uu, titles, tu);
            exposure.observe(batch, users, uu, titles, tu);
        }
        if (popularity != null) {
            popularity.apply(g.popularity(), priorAdam);
            popularity.observe(batch);
        }
        if (history.enabled()) {
            history.record(batch);
        }
    }
}
