package glocal.stream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PackedColumnsTest {

    @Test
    void packedColumnsRoundTripLittleEndian() {
        ByteBuffer ints = PackedColumns.ints(new int[] {1, -2, 300});
        byte[] bytes = new byte[ints.remaining()];
        ints.duplicate().get(bytes);
        assertThat(bytes).startsWith((byte) 1, (byte) 0, (byte) 0, (byte) 0, (byte) 0xFE);
        assertThat(PackedColumns.toInts(ints)).containsExactly(1, -2, 300);
        assertThat(PackedColumns.toFloats(PackedColumns.floats(new float[] {0.5f, 1f})))
                .containsExactly(0.5f, 1f);
        assertThat(PackedColumns.toLongs(PackedColumns.longs(new long[] {Long.MAX_VALUE, 3})))
                .containsExactly(Long.MAX_VALUE, 3);
    }
}
