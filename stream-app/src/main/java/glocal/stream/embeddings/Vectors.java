package glocal.stream.embeddings;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Small helpers for the Avro {@code array<float>} vectors of the embedding records. */
public final class Vectors {

    private Vectors() {}

    public static float[] toArray(List<Float> vector) {
        float[] out = new float[vector.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector.get(i);
        }
        return out;
    }

    public static double norm(List<Float> vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    /**
     * {@code [0.1234, -0.5000, ...]}: the first {@code n} values, with an ellipsis if there are
     * more.
     */
    public static String head(List<Float> vector, int n) {
        String values =
                vector.stream()
                        .limit(n)
                        .map(v -> String.format(Locale.ROOT, "%.4f", v))
                        .collect(Collectors.joining(", "));
        return "[" + values + (vector.size() > n ? ", ..." : "") + "]";
    }
}
