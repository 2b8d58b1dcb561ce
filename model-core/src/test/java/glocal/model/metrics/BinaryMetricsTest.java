package glocal.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    private static final double EPS = 1e-12;

    @Test
    void aucOfAHandComputedExample() {
        // Ranks ascending: 0.1→1, 0.35→2, 0.4→3, 0.8→4; positives 2+4=6; (6 − 3) / (2·2) = 0.75.
        assertThat(BinaryMetrics.auc(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}))
                .isCloseTo(0.75, within(EPS));
    }

    @Test
    void aucCountsTiedPairsAsOneHalf() {
        // Pairs (pos, neg): 0.5>0.2, 0.5=0.5 (½), 0.9>0.2, 0.9>0.5 → 3.5 / 4.
        assertThat(BinaryMetrics.auc(new double[] {0.2, 0.5, 0.5, 0.9}, new int[] {0, 1, 0, 1}))
                .isCloseTo(0.875, within(EPS));
        assertThat(BinaryMetrics.auc(new double[] {0.5, 0.5, 0.5, 0.5}, new int[] {0, 1, 0, 1}))
                .isCloseTo(0.5, within(EPS));
    }

    @Test
    void aucAndAveragePrecisionAreNanWhenOneClassIsMissing() {
        assertThat(BinaryMetrics.auc(new double[] {0.3, 0.6}, new int[] {1, 1})).isNaN();
        assertThat(BinaryMetrics.auc(new double[] {0.3, 0.6}, new int[] {0, 0})).isNaN();
        assertThat(BinaryMetrics.auc(new double[0], new int[0])).isNaN();
        assertThat(BinaryMetrics.averagePrecision(new double[] {0.3, 0.6}, new int[] {0, 0}))
                .isNaN();
        // All positive: every threshold has precision 1.
        assertThat(BinaryMetrics.averagePrecision(new double[] {0.3, 0.6}, new int[] {1, 1}))
                .isCloseTo(1.0, within(EPS));
    }

    @Test
    void averagePrecisionOfAHandComputedExample() {
        // Descending: 0.8(+) P=1 R=.5; 0.4(−); 0.35(+) P=2/3 R=1; AP = .5·1 + .5·2/3 = 5/6.
        assertThat(
                        BinaryMetrics.averagePrecision(
                                new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}))
                .isCloseTo(5.0 / 6, within(EPS));
    }

    @Test
    void averagePrecisionTreatsTiedScoresAsOneThreshold() {
        // Threshold 0.5: P=1/2, R=1/2; threshold 0.1: P=2/3, R=1 → .5·.5 + .5·2/3 = 7/12.
        assertThat(
                        BinaryMetrics.averagePrecision(
                                new double[] {0.5, 0.5, 0.1}, new int[] {1, 0, 1}))
                .isCloseTo(7.0 / 12, within(EPS));
    }

    @Test
    void logLossOfAHandComputedExampleAndItsClip() {
        // −(ln 0.9 + ln 0.8) / 2.
        assertThat(BinaryMetrics.logLoss(new double[] {0.9, 0.2}, new int[] {1, 0}))
                .isCloseTo(0.16425203348601894, within(EPS));
        // p = 0 for a positive is clipped to 1e-15: −ln(1e-15) = 34.5388.
        assertThat(BinaryMetrics.logLoss(new double[] {0.0}, new int[] {1}))
                .isCloseTo(-Math.log(1e-15), within(1e-9));
        assertThat(BinaryMetrics.logLoss(new double[0], new int[0])).isNaN();
    }

    @Test
    void mseOfAHandComputedExample() {
        assertThat(BinaryMetrics.mse(new double[] {1, 2, 3}, new double[] {1, 0, 4}))
                .isCloseTo(5.0 / 3, within(EPS));
        assertThat(BinaryMetrics.mse(new double[0], new double[0])).isNaN();
    }

    @Test
    void badInputIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> BinaryMetrics.auc(new double[] {0.1}, new int[] {0, 1}))
                .hasMessageContaining("1 vs 2");
        assertThatThrownBy(() -> BinaryMetrics.auc(new double[] {0.1, 0.2}, new int[] {0, 2}))
                .hasMessageContaining("label 1 is 2");
        assertThatThrownBy(() -> BinaryMetrics.auc(new double[] {Double.NaN}, new int[] {0}))
                .hasMessageContaining("score 0 is NaN");
    }
}
