package glocal.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UniqueRowsTest {

    @Test
    void distinctRowsInFirstAppearanceOrderWithPerExampleIndex() {
        UniqueRows u = new UniqueRows().build(new int[] {7, 3, 7, 0, 3, 9}, 6);
        assertThat(u.count()).isEqualTo(4);
        assertThat(Arrays.copyOf(u.rows(), u.count())).containsExactly(7, 3, 0, 9);
        assertThat(u.localIndex()).containsExactly(0, 1, 0, 2, 1, 3);
    }

    @Test
    void reuseAcrossBatchesOfDifferentSizes() {
        UniqueRows u = new UniqueRows();
        u.build(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 8);
        u.build(new int[] {5, 5}, 2);
        assertThat(u.count()).isEqualTo(1);
        assertThat(u.localIndex()).containsExactly(0, 0);
    }
}
