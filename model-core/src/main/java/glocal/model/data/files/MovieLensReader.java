package glocal.model.data.files;

import glocal.model.data.View;
import glocal.model.data.ViewType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads MovieLens ratings as views, streaming the ratings file; the users file (a few thousand
 * lines) is read first to give each user a territory.
 *
 * <p>Mapping:
 *
 * <ul>
 *   <li>user id and title id: the MovieLens user id and movie id, unchanged;
 *   <li>territory: {@code US-Z<d>}, {@code d} = first digit of the user's US zip code (the national
 *       zip region, 0 = New England … 9 = the West Coast); a user whose zip does not start with a
 *       digit (e.g. Canadian codes in 100k) has no region: that users line is reported as bad, and
 *       so is each of their ratings;
 *   <li>rating ≥ 4 → PLAY with watch ratio rating/5 (4 → 0.8, 5 → 1.0), finished when the ratio is
 *       ≥ 0.9 (rating 5), never skipped; rating 1–3 → IMPRESSION;
 *   <li>event time: the timestamp (seconds) × 1000; event id: {@code <ratings file name>:<line>}.
 * </ul>
 *
 * Views come in file order (MovieLens files are not sorted by time).
 */
public final class MovieLensReader extends LineViewReader {

    /** Ratings at or above this become plays. */
    public static final int PLAY_RATING = 4;

    private final MovieLensFormat format;
    private final Map<String, UserEntry> users;

    /** A users-file entry: territory, or null with the reason it has none. */
    private record UserEntry(String territory, long lineNumber, String problem) {}

    private MovieLensReader(
            BufferedReader ratings,
            String source,
            MovieLensFormat format,
            Map<String, UserEntry> users,
            ReadReport report) {
        super(ratings, source, report);
        this.format = format;
        this.users = users;
    }

    /** Opens a ratings file and its users file (files are ISO-8859-1, as MovieLens ships them). */
    public static MovieLensReader open(
            MovieLensFormat format, Path ratingsFile, Path usersFile, ReadReport report) {
        Map<String, UserEntry> users = readUsers(format, usersFile, report);
        try {
            BufferedReader in = Files.newBufferedReader(ratingsFile, StandardCharsets.ISO_8859_1);
            return new MovieLensReader(
                    in, ratingsFile.getFileName().toString(), format, users, report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open MovieLens ratings file " + ratingsFile, e);
        }
    }

    /** Territory code of a US zip code: {@code US-Z} + its first digit. */
    public static String territoryOfZip(String zip) throws IllegalArgumentException {
        String z = zip.trim();
        if (z.isEmpty() || z.charAt(0) < '0' || z.charAt(0) > '9') {
            throw new IllegalArgumentException(
                    "zip code '"
                            + zip
                            + "' does not start with a digit, so it has no US zip region");
        }
        return "US-Z" + z.charAt(0);
    }

    private static Map<String, UserEntry> readUsers(
            MovieLensFormat format, Path usersFile, ReadReport report) {
        Map<String, UserEntry> users = new HashMap<>();
        String source = usersFile.getFileName().toString();
        try (BufferedReader in = Files.newBufferedReader(usersFile, StandardCharsets.ISO_8859_1)) {
            long lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    report.blank();
                    continue;
                }
                String[] f = format.userSeparator().split(line, -1);
                String problem = null;
                String territory = null;
                if (f.length != format.userFields()) {
                    problem = "has " + f.length + " fields, expected " + format.userFields();
                } else if (f[0].isBlank()) {
                    problem = "user id is empty";
                } else {
                    try {
                        territory = territoryOfZip(f[format.zipField()]);
                    } catch (IllegalArgumentException e) {
                        problem = e.getMessage();
                    }
                }
                if (problem != null) {
                    report.bad(new BadLine(source, lineNumber, problem, line));
                }
                if (f.length > 0 && !f[0].isBlank()) {
                    String id = f[0].trim();
                    if (users.containsKey(id)) {
                        report.bad(
                                new BadLine(
                                        source,
                                        lineNumber,
                                        "user "
                                                + id
                                                + " already defined on line "
                                                + users.get(id).lineNumber(),
                                        line));
                    } else {
                        users.put(
                                id,
                                new UserEntry(
                                        territory,
                                        lineNumber,
                                        problem == null
                                                ? null
                                                : source + " line " + lineNumber + ": " + problem));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read MovieLens users file " + usersFile, e);
        }
        return users;
    }

    @Override
    View parse(String line, long lineNumber) throws LineParseException {
        String[] f = format.ratingSeparator().split(line, -1);
        if (f.length != 4) {
            throw new LineParseException(
                    "has "
                            + f.length
                            + " fields, expected 4 (user, movie, rating, "
                            + "timestamp)");
        }
        String user = f[0].trim();
        String movie = f[1].trim();
        if (user.isEmpty() || movie.isEmpty()) {
            throw new LineParseException("user or movie id is empty");
        }
        UserEntry entry = users.get(user);
        if (entry == null) {
            throw new LineParseException("user " + user + " is not in " + format.usersFile());
        }
        if (entry.territory() == null) {
            throw new LineParseException(
                    "user " + user + " has no territory (" + entry.problem() + ")");
        }
        long rating = FieldParsers.integer("rating", f[2].trim());
        if (rating < 1 || rating > 5) {
            throw new LineParseException("rating " + rating + " is outside 1..5");
        }
        long seconds = FieldParsers.integer("timestamp", f[3].trim());
        if (seconds < 0 || seconds > Long.MAX_VALUE / 1000) {
            throw new LineParseException("timestamp " + seconds + " is not a valid epoch second");
        }
        String eventId = source() + ":" + lineNumber;
        if (rating < PLAY_RATING) {
            return View.impression(eventId, user, movie, entry.territory(), seconds * 1000);
        }
        float ratio = rating / 5f;
        return new View(
                eventId,
                user,
                movie,
                entry.territory(),
                seconds * 1000,
                ViewType.PLAY,
                ratio,
                ratio >= 0.9f,
                false);
    }
}
