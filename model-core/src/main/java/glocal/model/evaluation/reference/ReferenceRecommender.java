package glocal.model.evaluation.reference;

import glocal.model.evaluation.Evaluator;

/**
 * A yardstick the models must beat: fitted offline on the training period of a split, it ranks the
 * catalogue for a user ({@link Evaluator.Ranker}: the evaluator then drops the user's training
 * plays and cuts to K, exactly as for the models) and scores a (user, title) pair in [0, 1] for
 * test PR-AUC and AUC ({@link Evaluator.Scorer}). Ties are broken by training plays over the whole
 * catalogue, then by title id, so every ranking is deterministic.
 */
public interface ReferenceRecommender extends Evaluator.Ranker, Evaluator.Scorer {

    /** The name in reports, e.g. {@code most-popular}. */
    String name();
}
