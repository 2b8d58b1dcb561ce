package glocal.model.data.files;

import glocal.model.data.View;
import java.io.Closeable;
import java.util.Iterator;

/**
 * Views read one at a time from a file; never the whole file in memory. Bad lines do not stop the
 * reading: they go to {@link #report()}. Close the reader when done (try-with-resources). I/O
 * failures surface as {@link java.io.UncheckedIOException} naming the file.
 */
public interface ViewReader extends Iterator<View>, Closeable {

    /** Counts so far (complete once {@link #hasNext()} returned false). */
    ReadReport report();

    /** Closes the file; never throws a checked exception. */
    @Override
    void close();
}
