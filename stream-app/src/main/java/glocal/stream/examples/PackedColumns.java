package glocal.stream.examples;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** int32 / float32 / int64 arrays ↔ little-endian byte buffers, the TrainingBatch column format. */
public final class PackedColumns {

    private PackedColumns() {}

    public static ByteBuffer ints(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return b;
    }

    public static ByteBuffer floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b;
    }

    public static ByteBuffer longs(long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return b;
    }

    public static int[] toInts(ByteBuffer packed) {
        ByteBuffer b = packed.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[b.remaining() / 4];
        b.asIntBuffer().get(out);
        return out;
    }

    public static float[] toFloats(ByteBuffer packed) {
        ByteBuffer b = packed.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    public static long[] toLongs(ByteBuffer packed) {
        ByteBuffer b = packed.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[b.remaining() / 8];
        b.asLongBuffer().get(out);
        return out;
    }
}
