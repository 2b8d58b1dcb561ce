package glocal.stream.trainer;

/** The trainer service cannot go on: a checkpoint cannot be read or written, a topic cannot be reached. */
public final class TrainerException extends RuntimeException {
  public TrainerException(String message, Throwable cause) {
    super(message, cause);
  }

  public TrainerException(String message) {
    super(message);
  }
}
