package glocal.model.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AliasTableTest {

    @Test
    void drawsEachIndexInProportionToItsWeight() {
        double[] weights = {5, 0, 1, 2, 2};
        AliasTable table = new AliasTable(weights);
        SplittableRandom rng = new SplittableRandom(1);
        int[] counts = new int[weights.length];
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            counts[table.sample(rng)]++;
        }
        assertThat(counts[1]).isZero();
        assertThat(counts[0] / (double) n).isCloseTo(0.5, within(0.003));
        assertThat(counts[2] / (double) n).isCloseTo(0.1, within(0.003));
        assertThat(counts[3] / (double) n).isCloseTo(0.2, within(0.003));
        assertThat(counts[4] / (double) n).isCloseTo(0.2, within(0.003));
    }

    @Test
    void rejectsNegativeAndAllZeroWeights() {
        assertThatThrownBy(() -> new AliasTable(new double[] {1, -1}))
                .hasMessageContaining("weight 1");
        assertThatThrownBy(() -> new AliasTable(new double[] {0, 0}))
                .hasMessageContaining("sum to 0");
    }
}
