package glocal.model.data.files;

import glocal.model.data.View;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/**
 * Reads a text file line by line and turns each line into at most one view; subclasses say how.
 * Keeps one look-ahead view and the line counter, nothing else.
 */
abstract class LineViewReader implements ViewReader {

    private final BufferedReader in;
    private final String source;
    private final ReadReport report;
    private long lineNumber;
    private View next;
    private boolean done;

    LineViewReader(BufferedReader in, String source, ReadReport report) {
        this.in = in;
        this.source = source;
        this.report = report;
    }

    /** Parses one non-blank data line. */
    abstract View parse(String line, long lineNumber) throws LineParseException;

    /** Reads the next raw line, counting it; {@code null} at the end of the file. */
    final String readLine() {
        try {
            String line = in.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source + " after line " + lineNumber, e);
        }
    }

    final String source() {
        return source;
    }

    @Override
    public final ReadReport report() {
        return report;
    }

    @Override
    public final boolean hasNext() {
        while (next == null && !done) {
            String line = readLine();
            if (line == null) {
                done = true;
            } else if (line.isBlank()) {
                report.blank();
            } else {
                try {
                    next = parse(line, lineNumber);
                    report.view();
                } catch (LineParseException e) {
                    report.bad(new BadLine(source, lineNumber, e.getMessage(), line));
                }
            }
        }
        return next != null;
    }

    @Override
    public final View next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more views in " + source);
        }
        View v = next;
        next = null;
        return v;
    }

    @Override
    public final void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + source, e);
        }
    }
}
