package glocal.model.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's peak resident memory, as Linux reports it ({@code VmHWM} in /proc/PID/status). */
public final class ProcessMemory {

    private ProcessMemory() {}

    /**
     * The peak resident set of process {@code pid} so far in bytes, or -1 where the platform does
     * not say (not Linux, or the process has ended).
     */
    public static long peakRssBytes(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "status"), "VmHWM:");
    }

    /** The peak resident set of this JVM so far in bytes, or -1. */
    public static long ownPeakRssBytes() {
        return field(Path.of("/proc/self/status"), "VmHWM:");
    }

    private static long field(Path status, String name) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024; // "kB"
                }
            }
            return -1;
        } catch (IOException | NumberFormatException gone) {
            return -1;
        }
    }
}
