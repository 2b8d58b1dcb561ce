package glocal.model.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import glocal.model.metrics.BinaryMetrics;
import org.junit.jupiter.api.Test;

class PrCurveTest {

    // 3 positives; the two 0.8 scores are a tie (one positive, one negative).
    private static final double[] SCORES = {0.9, 0.8, 0.8, 0.3, 0.1};
    private static final int[] LABELS = {1, 0, 1, 0, 1};

    @Test
    void oneHandComputedPointPerDistinctThresholdFromHighToLow() {
        PrCurve curve = PrCurve.of(SCORES, LABELS);

        assertThat(curve.points())
                .containsExactly(
                        new PrPoint(0.9, 1 / 3.0, 1.0),
                        new PrPoint(0.8, 2 / 3.0, 2 / 3.0),
                        new PrPoint(0.3, 2 / 3.0, 0.5),
                        new PrPoint(0.1, 1.0, 0.6));
        assertThat(curve.recalls()).containsExactly(1 / 3.0, 2 / 3.0, 2 / 3.0, 1.0);
        assertThat(curve.precisions()).containsExactly(1.0, 2 / 3.0, 0.5, 0.6);
    }

    @Test
    void tiedScoresGiveTheSameCurveWhateverTheirOrder() {
        PrCurve swapped =
                PrCurve.of(new double[] {0.9, 0.8, 0.8, 0.3, 0.1}, new int[] {1, 1, 0, 0, 1});

        assertThat(swapped).isEqualTo(PrCurve.of(SCORES, LABELS));
    }

    @Test
    void areaUnderTheStepCurveIsTheAveragePrecisionOfTheMetricsPackage() {
        PrCurve curve = PrCurve.of(SCORES, LABELS);

        assertThat(curve.averagePrecision())
                .isCloseTo(1 / 3.0 + 1 / 3.0 * 2 / 3.0 + 1 / 3.0 * 0.6, within(1e-12));
        assertThat(curve.averagePrecision())
                .isCloseTo(BinaryMetrics.averagePrecision(SCORES, LABELS), within(1e-12));
    }

    @Test
    void noPositiveLabelMeansNoCurveAndBadInputIsNamed() {
        PrCurve empty = PrCurve.of(new double[] {0.5, 0.4}, new int[] {0, 0});
        assertThat(empty.points()).isEmpty();
        assertThat(empty.averagePrecision()).isNaN();

        assertThatThrownBy(() -> PrCurve.of(new double[] {0.5}, new int[] {2}))
                .hasMessageContaining("label 0 is 2");
        assertThatThrownBy(() -> PrCurve.of(new double[] {0.5, 0.1}, new int[] {1}))
                .hasMessageContaining("differ in length");
    }
}
