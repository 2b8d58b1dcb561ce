package glocal.model.data.files;

/**
 * A line that could not be read as a view.
 *
 * @param source file name the line came from
 * @param lineNumber 1-based line number in that file
 * @param reason what is wrong and, where it helps, what was expected
 * @param content the line itself, cut to {@value #MAX_CONTENT} characters
 */
public record BadLine(String source, long lineNumber, String reason, String content) {

    /** Longest line content kept in a report. */
    public static final int MAX_CONTENT = 200;

    public BadLine {
        if (content != null && content.length() > MAX_CONTENT) {
            content = content.substring(0, MAX_CONTENT) + "…";
        }
    }

    @Override
    public String toString() {
        return source + ":" + lineNumber + ": " + reason;
    }
}
