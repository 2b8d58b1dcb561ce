package glocal.stream.chaos;

import glocal.stream.runtime.GlocalChild;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One Glocal service ({@code glocal streams} or {@code glocal trainer}) that can be killed with
 * SIGKILL and started again, each time as a new {@link GlocalChild}. Each start writes its own log
 * file ({@code <command>-<n>.log}).
 */
public final class ChildService implements AutoCloseable {

    private final String command;
    private final Map<String, String> settings;
    private final Path logDir;
    private final String maxHeap;
    private GlocalChild process;
    private Path log;
    private int starts;

    /**
     * @param command the glocal subcommand
     * @param settings {@code --set key=value} pairs
     * @param maxHeap the child's {@code -Xmx}, e.g. {@code 1g}
     */
    public ChildService(String command, Map<String, String> settings, Path logDir, String maxHeap) {
        this.command = command;
        this.settings = Map.copyOf(settings);
        this.logDir = logDir;
        this.maxHeap = maxHeap;
    }

    public String command() {
        return command;
    }

    /** Starts a new process of the service (the previous one must have ended). */
    public void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("glocal " + command + " is still running");
        }
        starts++;
        log = logDir.resolve(command + "-" + starts + ".log");
        process =
                GlocalChild.start(
                        List.of("-Dai.djl.offline=true", "-Xmx" + maxHeap, "-XX:+UseParallelGC"),
                        List.of(command, "--progress-every", "1"),
                        settings,
                        log);
    }

    /**
     * Waits until the current process prints its "running" banner (the stream side prints it once
     * Kafka Streams is RUNNING, its state restored); returns the time since {@link #start()}.
     */
    public Duration awaitRunning(Duration timeout) throws InterruptedException {
        Pattern banner = Pattern.compile(Pattern.quote("Glocal " + command + " running"));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            double seconds = process.secondsTo(banner, process.startedNanos());
            if (seconds >= 0) {
                return Duration.ofNanos((long) (seconds * 1e9));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "glocal "
                                + command
                                + " exited with "
                                + process.exitValue()
                                + " before it was running; its log "
                                + log
                                + " ends with:\n"
                                + tail());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(
                "glocal "
                        + command
                        + " was not running within "
                        + timeout.toSeconds()
                        + " s; its log "
                        + log
                        + " ends with:\n"
                        + tail());
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or checkpointed. */
    public void kill9() throws InterruptedException {
        process.kill();
    }

    /**
     * SIGTERM and wait for the shutdown hook to stop the service cleanly; SIGKILL if it does not.
     */
    public int stop(Duration timeout) throws InterruptedException {
        if (process == null) {
            return 0;
        }
        process.stop(timeout);
        return process.exitValue();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** The current process (null before the first start). */
    public GlocalChild process() {
        return process;
    }

    /** The last lines of the current process's output, for error messages. */
    public String tail() {
        return process == null ? "(not started)" : String.join("\n", process.lastLines(30));
    }

    @Override
    public void close() {
        if (alive()) {
            try {
                kill9();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.close();
            }
        }
    }
}
