package glocal.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.batch.ExampleBatch;
import glocal.model.metrics.BinaryMetrics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every architecture learns the tiny world: progressive-validation AUC (scores computed before
 * training on each batch) over the last 100 of 300 batches, against 0.5 for random scores and the
 * AUC of the true play probabilities as the ceiling.
 */
class LearningTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // kind, floor. Measured (seed 41, ceiling = AUC of the true probabilities 0.910):
        // baseline 0.773, mtl 0.781, mmoe 0.768, cgc 0.782, mfh 0.767; random scores give 0.5.
        "baseline, 0.74",
        "mtl, 0.74",
        "mmoe, 0.74",
        "cgc, 0.74",
        "mfh, 0.74"
    })
    void beatsRandomByAWideMargin(String kind, double floor) {
        TinyWorld world = new TinyWorld(41, 400, 80, 4);
        // Pointwise learning is the premise: the default's in-batch softmax never sees impressions.
        ModelSpec spec =
                EarlierDefaults.of(ModelSpec.defaults(ModelKind.parse("kind", kind)))
                        .with(
                                ModelSpec.EMBEDDING_DIM,
                                "16",
                                ModelSpec.OUTPUT_DIM,
                                "16",
                                ModelSpec.TOWER_HIDDEN,
                                "16",
                                ModelSpec.EXPERTS,
                                "2");
        int steps = 300;
        int measured = 100;
        int batchSize = 256;
        double[] scores = new double[measured * batchSize];
        double[] truth = new double[measured * batchSize];
        int[] labels = new int[measured * batchSize];
        try (OnlineTrainer trainer = OnlineTrainer.create(spec)) {
            for (int s = 0; s < steps; s++) {
                ExampleBatch batch = world.nextBatch(batchSize);
                StepResult result = trainer.step(batch);
                if (s >= steps - measured) {
                    int base = (s - (steps - measured)) * batchSize;
                    for (int i = 0; i < batchSize; i++) {
                        scores[base + i] = result.scores()[i];
                        labels[base + i] = batch.play()[i] > 0 ? 1 : 0;
                        truth[base + i] =
                                world.playProbability(
                                        Integer.parseInt(batch.userIds()[i].substring(1)),
                                        Integer.parseInt(batch.titleIds()[i].substring(1)));
                    }
                }
            }
        }
        double auc = BinaryMetrics.auc(scores, labels);
        double ceiling = BinaryMetrics.auc(truth, labels);
        assertThat(auc)
                .as("%s AUC (ceiling %.3f)", kind, ceiling)
                .isGreaterThan(floor)
                .isLessThan(ceiling);
    }
}
