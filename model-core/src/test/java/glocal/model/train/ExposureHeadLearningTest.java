package glocal.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.evaluation.MetricRow;
import glocal.model.evaluation.TinyWorldRuns;
import glocal.model.evaluation.reference.References;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exposure head against the retrieval score it sits beside and against the {@code play-rates}
 * yardstick, on the tiny strongLocalTaste world (3,000 users, about 10 views each, time split at 80
 * %): test AUC ranks the test period's plays against its impressions (no sampled negatives), which
 * the retrieval score, trained to tell plays from sampled popular titles, was never trained to do;
 * the head is.
 */
class ExposureHeadLearningTest {

    private static final long SEED = 3;

    /** The default: softmax-logq and the popularity prior. */
    static final String RETRIEVAL = "mtl";

    static final String HEAD = "mtl:model.exposure.head=true";

    @Test
    void theHeadRanksExposuresBetterThanTheRetrievalScoreAndNearTheRatesYardstick() {
        List<MetricRow> rows =
                TinyWorldRuns.run(List.of(RETRIEVAL, HEAD), List.of(References.PLAY_RATES), SEED);
        double retrieval = TinyWorldRuns.auc(rows, RETRIEVAL);
        double head = TinyWorldRuns.auc(rows, HEAD);
        double rates = TinyWorldRuns.auc(rows, References.PLAY_RATES);
        System.out.printf(
                "test AUC: retrieval %.4f head %.4f play-rates %.4f; NDCG@20 %.4f / %.4f%n",
                retrieval,
                head,
                rates,
                TinyWorldRuns.ndcg(rows, RETRIEVAL),
                TinyWorldRuns.ndcg(rows, HEAD));
        // Measured (seed 3, the defaults of 2026-12-04: learning rates 0.0003): retrieval 0.579,
        // head 0.634, play-rates 0.633; NDCG@20 0.3185 both (at the earlier rates 0.591 / 0.629).
        assertThat(head).as("head vs retrieval").isGreaterThan(retrieval + 0.02);
        assertThat(head).as("head vs play-rates").isGreaterThan(rates - 0.015);
        // Top-K ranks by the retrieval score, which the head does not touch.
        assertThat(TinyWorldRuns.ndcg(rows, HEAD)).isEqualTo(TinyWorldRuns.ndcg(rows, RETRIEVAL));
    }
}
