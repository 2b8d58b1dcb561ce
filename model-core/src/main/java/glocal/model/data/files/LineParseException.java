package glocal.model.data.files;

/** One line is not a valid view; the message is the reason that goes to the report. */
final class LineParseException extends Exception {
    private static final long serialVersionUID = 1L;

    LineParseException(String reason) {
        // No stack trace: this is a data problem reported by line number, not a code path.
        super(reason, null, false, false);
    }
}
