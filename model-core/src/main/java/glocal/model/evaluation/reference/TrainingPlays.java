package glocal.model.evaluation.reference;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.evaluation.EvaluationData;
import java.util.function.Consumer;

/**
 * The plays of a split's training batches, the rows every model trains on as positives: the
 * reference recommenders read the same rows, so they see exactly the models' training period.
 */
final class TrainingPlays {

    /** One play: user, title, the territory it was played in, event time. */
    record Play(String user, String title, String territory, long timeMs) {}

    private TrainingPlays() {}

    /** Every training play, in replay order. */
    static void forEach(EvaluationData data, Consumer<Play> action) {
        for (ExampleBatch b : data.trainBatches()) {
            for (int i = 0; i < b.size(); i++) {
                if (b.exampleKinds()[i] == ExampleKind.PLAY.code()) {
                    action.accept(
                            new Play(
                                    b.userIds()[i],
                                    b.titleIds()[i],
                                    b.territories()[i],
                                    b.eventTimes()[i]));
                }
            }
        }
    }
}
