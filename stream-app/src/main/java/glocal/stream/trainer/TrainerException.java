package glocal.stream.trainer;

/**
 * The trainer service cannot go on: a checkpoint cannot be read or written, a topic cannot be
 * reached.
 */
public final class TrainerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainerException(String message, Throwable cause) {
        super(message, cause);
    }

    public TrainerException(String message) {
        super(message);
    }
}
