package glocal.model.data.files;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the right reader for a path: a MovieLens directory or ratings file ({@code u.data} with
 * {@code u.user} beside it, {@code ratings.dat} with {@code users.dat}), otherwise a CSV/TSV file
 * with a header.
 */
public final class ViewFiles {

    private ViewFiles() {}

    /** Opens {@code path}; fails naming the path when a needed file is missing. */
    public static ViewReader open(Path path, ReadReport report) {
        if (Files.isDirectory(path)) {
            for (MovieLensFormat format : MovieLensFormat.values()) {
                if (Files.isRegularFile(path.resolve(format.ratingsFile()))) {
                    return openMovieLens(format, path.resolve(format.ratingsFile()), report);
                }
            }
            throw new IllegalArgumentException(
                    "directory "
                            + path
                            + " holds neither u.data (MovieLens "
                            + "100k) nor ratings.dat (MovieLens 1M); pass a CSV/TSV file or a MovieLens directory");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("view file " + path + " does not exist");
        }
        String name = path.getFileName().toString();
        for (MovieLensFormat format : MovieLensFormat.values()) {
            if (name.equals(format.ratingsFile())) {
                return openMovieLens(format, path, report);
            }
        }
        return CsvViewReader.open(path, report);
    }

    private static ViewReader openMovieLens(
            MovieLensFormat format, Path ratings, ReadReport report) {
        Path users = ratings.resolveSibling(format.usersFile());
        if (!Files.isRegularFile(users)) {
            throw new IllegalArgumentException(
                    "MovieLens ratings "
                            + ratings
                            + " need "
                            + format.usersFile()
                            + " in the same directory for user territories; not found: "
                            + users);
        }
        return MovieLensReader.open(format, ratings, users, report);
    }
}
