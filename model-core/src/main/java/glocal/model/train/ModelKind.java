package glocal.model.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The architectures a {@link ModelSpec} can name. */
public enum ModelKind {
    /** One global two-tower model, no group-specific part. */
    BASELINE("baseline"),
    /** Shared towers and one linear head per territory group (arXiv 2310.03148). */
    MTL("mtl"),
    /** Shared towers and one MLP head per territory group. */
    SHARED_BOTTOM("shared-bottom"),
    /** Shared experts with a softmax gate per territory group. */
    MMOE("mmoe"),
    /** Shared and group-specific experts with gates; more than one level is PLE. */
    CGC("cgc"),
    /** CGC over territory groups, then one head per activity group below each. */
    MFH("mfh");

    private final String id;

    ModelKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ModelKind parse(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (ModelKind kind : values()) {
            if (kind.id.equals(v)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                key
                        + ": unknown model '"
                        + value
                        + "'; choose one of "
                        + Arrays.stream(values())
                                .map(ModelKind::id)
                                .collect(Collectors.joining(", ")));
    }
}
