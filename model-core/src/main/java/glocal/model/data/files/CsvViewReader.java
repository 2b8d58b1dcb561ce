package glocal.model.data.files;

import glocal.model.data.View;
import glocal.model.data.ViewType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads views from a CSV or TSV file with a header line.
 *
 * <p>Columns, by header name (any order, any case; extra columns are ignored):
 *
 * <table>
 *   <caption>columns</caption>
 *   <tr><th>column</th><th>required</th><th>meaning</th></tr>
 *   <tr><td>user_id</td><td>yes</td><td>user id</td></tr>
 *   <tr><td>title_id</td><td>yes</td><td>title id</td></tr>
 *   <tr><td>territory</td><td>yes</td><td>ISO 3166-1 alpha-2 code (upper-cased on read)</td></tr>
 *   <tr><td>event_time</td><td>yes</td><td>epoch millis, or ISO-8601 instant with offset</td></tr>
 *   <tr><td>event_type</td><td>yes</td><td>PLAY or IMPRESSION (any case)</td></tr>
 *   <tr><td>watch_ratio</td><td>no</td><td>0..1, default 0; ignored on an impression (counted in the
 *       report: a title shown, not played, has no watch behaviour)</td></tr>
 *   <tr><td>finished</td><td>no</td><td>true/false, 1/0, yes/no; default false; ignored on an impression</td></tr>
 *   <tr><td>skipped</td><td>no</td><td>same; default false; ignored on an impression</td></tr>
 *   <tr><td>event_id</td><td>no</td><td>default {@code <file name>:<line number>}</td></tr>
 * </table>
 *
 * <p>The delimiter is a tab when the header contains one, a comma otherwise. CSV fields may be
 * double-quoted ({@code ""} inside quotes is a quote). Every data line must have as many fields as
 * the header; a line that does not parse is reported with its number and reason.
 */
public final class CsvViewReader extends LineViewReader {

    /** Columns every file must have. */
    public static final List<String> REQUIRED_COLUMNS =
            List.of("user_id", "title_id", "territory", "event_time", "event_type");

    private final char delimiter;
    private final int columns;
    private final int userId;
    private final int titleId;
    private final int territory;
    private final int eventTime;
    private final int eventType;
    private final int watchRatio;
    private final int finished;
    private final int skipped;
    private final int eventId;

    /**
     * Opens {@code path} (UTF-8) and reads its header; fails naming the file and missing columns.
     */
    public static CsvViewReader open(Path path, ReadReport report) {
        try {
            BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
            try {
                return new CsvViewReader(in, path.getFileName().toString(), report);
            } catch (RuntimeException e) {
                in.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open view file " + path, e);
        }
    }

    /** Reads from {@code in}; {@code source} names it in reports and generated event ids. */
    public CsvViewReader(BufferedReader in, String source, ReadReport report) {
        super(in, source, report);
        String header = readLine();
        while (header != null && header.isBlank()) {
            report.blank();
            header = readLine();
        }
        if (header == null) {
            throw new IllegalArgumentException(
                    "view file "
                            + source
                            + " is empty: expected a header "
                            + "line with columns "
                            + REQUIRED_COLUMNS);
        }
        if (header.startsWith("\uFEFF")) {
            // A UTF-8 byte-order mark, as spreadsheet exports write it, is not part of the first
            // name.
            header = header.substring(1);
        }
        delimiter = header.indexOf('\t') >= 0 ? '\t' : ',';
        Map<String, Integer> index = new HashMap<>();
        List<String> names;
        try {
            names = split(header, delimiter);
        } catch (LineParseException e) {
            throw new IllegalArgumentException(
                    "view file " + source + " header: " + e.getMessage());
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).trim().toLowerCase(Locale.ROOT);
            if (index.putIfAbsent(name, i) != null) {
                throw new IllegalArgumentException(
                        "view file "
                                + source
                                + " header names column '"
                                + name
                                + "' twice: "
                                + header);
            }
        }
        List<String> missing =
                REQUIRED_COLUMNS.stream().filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "view file "
                            + source
                            + " header lacks columns "
                            + missing
                            + "; required: "
                            + REQUIRED_COLUMNS
                            + ", optional: watch_ratio, finished, "
                            + "skipped, event_id; header was: "
                            + header);
        }
        columns = names.size();
        userId = index.get("user_id");
        titleId = index.get("title_id");
        territory = index.get("territory");
        eventTime = index.get("event_time");
        eventType = index.get("event_type");
        watchRatio = index.getOrDefault("watch_ratio", -1);
        finished = index.getOrDefault("finished", -1);
        skipped = index.getOrDefault("skipped", -1);
        eventId = index.getOrDefault("event_id", -1);
    }

    @Override
    View parse(String line, long lineNumber) throws LineParseException {
        List<String> f = split(line, delimiter);
        if (f.size() != columns) {
            throw new LineParseException("has " + f.size() + " fields, the header has " + columns);
        }
        String user = required(f, userId, "user_id");
        String title = required(f, titleId, "title_id");
        String terr = FieldParsers.territory("territory", required(f, territory, "territory"));
        long time = FieldParsers.eventTime("event_time", required(f, eventTime, "event_time"));
        ViewType type = type(required(f, eventType, "event_type"));
        String ratioText = optional(f, watchRatio);
        float ratio = ratioText.isEmpty() ? 0f : FieldParsers.ratio("watch_ratio", ratioText);
        String finishedText = optional(f, finished);
        boolean fin = !finishedText.isEmpty() && FieldParsers.bool("finished", finishedText);
        String skippedText = optional(f, skipped);
        boolean skip = !skippedText.isEmpty() && FieldParsers.bool("skipped", skippedText);
        String id = optional(f, eventId);
        if (id.isEmpty()) {
            id = source() + ":" + lineNumber;
        }
        if (type == ViewType.IMPRESSION && (ratio != 0f || fin || skip)) {
            // An impression is a title shown, not played: the stream reads it as one whatever else
            // it carries.
            report().ignoredImpressionFields();
            return View.impression(id, user, title, terr, time);
        }
        return new View(id, user, title, terr, time, type, ratio, fin, skip);
    }

    private static ViewType type(String value) throws LineParseException {
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "PLAY" -> ViewType.PLAY;
            case "IMPRESSION" -> ViewType.IMPRESSION;
            default ->
                    throw new LineParseException(
                            "event_type '" + value + "' is neither PLAY nor IMPRESSION");
        };
    }

    private static String required(List<String> f, int i, String column) throws LineParseException {
        String v = f.get(i).trim();
        if (v.isEmpty()) {
            throw new LineParseException(column + " is empty");
        }
        return v;
    }

    private static String optional(List<String> f, int i) {
        return i < 0 ? "" : f.get(i).trim();
    }

    /** Splits one line; double quotes group a field when the delimiter is a comma. */
    static List<String> split(String line, char delimiter) throws LineParseException {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == delimiter) {
                out.add(field.toString());
                field.setLength(0);
            } else if (c == '"' && delimiter == ',' && field.length() == 0) {
                quoted = true;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new LineParseException("a quoted field is not closed (missing \")");
        }
        out.add(field.toString());
        return out;
    }
}
