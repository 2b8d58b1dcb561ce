package glocal.model.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;

/**
 * Several passes over a period of history into one trainer (the warm start of an online model, or
 * epochs offline), with the {@link PassSchedule}'s learning-rate decay and early stop. What a pass
 * is belongs to the caller: the evaluation replays its training batches, a service would re-read
 * its batches from an offset; before every pass after the first the trainer is told ({@link
 * OnlineTrainer#startPass}) so that its play counts start again.
 */
public final class WarmStart {

    /**
     * What a warm start did.
     *
     * @param passes passes trained
     * @param bestPasses passes after which the validation score was best (= passes without one)
     * @param scores the validation score after each pass (empty without validation)
     */
    public record Outcome(int passes, int bestPasses, List<Double> scores) {
        public double bestScore() {
            return scores.isEmpty() ? Double.NaN : scores.get(bestPasses - 1);
        }
    }

    private WarmStart() {}

    /**
     * Runs {@code pass} (given the 0-based pass index) up to the schedule's maximum; with a {@code
     * validation} score (higher is better, NaN counts as no improvement) stops once it has not
     * improved for the schedule's patience.
     */
    public static Outcome run(
            OnlineTrainer trainer,
            PassSchedule schedule,
            IntConsumer pass,
            ToDoubleFunction<OnlineTrainer> validation) {
        List<Double> scores = new ArrayList<>();
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        int p = 0;
        for (; p < schedule.maxPasses(); p++) {
            trainer.scaleLearningRates(schedule.scale(p));
            if (p > 0) {
                trainer.startPass();
            }
            pass.accept(p);
            if (validation != null) {
                double score = validation.applyAsDouble(trainer);
                scores.add(score);
                if (score > bestScore) {
                    bestScore = score;
                    best = p;
                } else if (p - best >= schedule.patience()) {
                    p++;
                    break;
                }
            }
        }
        trainer.scaleLearningRates(1f);
        return new Outcome(p, validation == null ? p : best + 1, List.copyOf(scores));
    }
}
