package glocal.model.data.files;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * What happened while reading a view file: how many lines became views, how many were blank, which
 * were bad, and how many impressions carried watch fields that were ignored. Every bad line is
 * counted and handed to the listener; the first {@code maxKept} are also kept for the summary, so a
 * huge broken file cannot fill memory.
 *
 * <p>Not thread-safe: one report belongs to one reader.
 */
public final class ReadReport {

    /** Bad lines kept by default. */
    public static final int DEFAULT_MAX_KEPT = 100;

    private final int maxKept;
    private final Consumer<BadLine> listener;
    private final List<BadLine> kept = new ArrayList<>();
    private long views;
    private long badLines;
    private long blankLines;
    private long impressionFieldsIgnored;

    /** Keeps the first {@value #DEFAULT_MAX_KEPT} bad lines, no listener. */
    public ReadReport() {
        this(DEFAULT_MAX_KEPT, bad -> {});
    }

    /**
     * @param maxKept how many bad lines to keep (all are counted)
     * @param listener called for every bad line as it is found, e.g. to log or to fail fast
     */
    public ReadReport(int maxKept, Consumer<BadLine> listener) {
        if (maxKept < 0) {
            throw new IllegalArgumentException("maxKept must be >= 0, got " + maxKept);
        }
        this.maxKept = maxKept;
        this.listener = listener;
    }

    void view() {
        views++;
    }

    void blank() {
        blankLines++;
    }

    void ignoredImpressionFields() {
        impressionFieldsIgnored++;
    }

    void bad(BadLine line) {
        badLines++;
        if (kept.size() < maxKept) {
            kept.add(line);
        }
        listener.accept(line);
    }

    /** Lines that became views. */
    public long views() {
        return views;
    }

    /** Lines that could not be read; every one of them, not only the kept ones. */
    public long badLines() {
        return badLines;
    }

    /** Empty lines (whitespace only), which carry no view and are not errors. */
    public long blankLines() {
        return blankLines;
    }

    /**
     * Impressions read with a watch ratio, finished or skipped set, which were read as plain
     * impressions (those fields ignored): counted among {@link #views()}.
     */
    public long impressionFieldsIgnored() {
        return impressionFieldsIgnored;
    }

    /** The first bad lines, in file order, at most {@code maxKept}. */
    public List<BadLine> keptBadLines() {
        return Collections.unmodifiableList(kept);
    }

    /** One line per kept bad line after a count header, for a command's final summary. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(views)
                .append(" views read, ")
                .append(badLines)
                .append(" bad lines, ")
                .append(blankLines)
                .append(" blank lines");
        if (impressionFieldsIgnored > 0) {
            sb.append("; ")
                    .append(impressionFieldsIgnored)
                    .append(
                            " impressions carried a watch ratio, finished or "
                                    + "skipped: read as impressions, those fields ignored");
        }
        for (BadLine b : kept) {
            sb.append(System.lineSeparator()).append("  ").append(b);
        }
        if (badLines > kept.size()) {
            sb.append(System.lineSeparator())
                    .append("  … and ")
                    .append(badLines - kept.size())
                    .append(" more bad lines");
        }
        return sb.toString();
    }
}
