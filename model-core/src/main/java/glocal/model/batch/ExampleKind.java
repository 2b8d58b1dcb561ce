package glocal.model.batch;

/**
 * What a training example is: the code of {@code TrainingBatch.exampleKinds} and of {@link
 * ExampleBatch#exampleKinds()} is the ordinal. The stream's example builder and the offline
 * evaluation label with this one enum (see {@code glocal.model.labelling}).
 */
public enum ExampleKind {
    /** A play: the positive. */
    PLAY("play"),
    /**
     * An impression that no play of the same user and title followed within the impression window.
     */
    IMPRESSION("impression"),
    /**
     * A title drawn for a play from its territory's catalogue ∝ popularity^β: a sampled negative.
     */
    NEGATIVE("sampled-negative");

    private static final ExampleKind[] BY_CODE = values();

    private final String label;

    ExampleKind(String label) {
        this.label = label;
    }

    /** The code written into the batch column. */
    public int code() {
        return ordinal();
    }

    /** The name in metrics and reports. */
    public String label() {
        return label;
    }

    /**
     * Whether the example of a batch column code is an exposure: a play or an impression, a title
     * the user was shown (a sampled negative is a drawn title, not an event).
     */
    public static boolean exposed(int code) {
        return code == PLAY.code() || code == IMPRESSION.code();
    }

    /** The kind of a batch column code; fails naming a code no kind has. */
    public static ExampleKind of(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException(
                    "example kind code "
                            + code
                            + " is none of 0.."
                            + (BY_CODE.length - 1)
                            + " (play, impression, sampled negative)");
        }
        return BY_CODE[code];
    }
}
