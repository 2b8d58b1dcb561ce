package glocal.stream.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Glocal service ({@code glocal streams} or {@code glocal trainer}) in a JVM of its own, as an
 * operator runs it, so that it can be killed with SIGKILL and started again. Each start writes its
 * own log file ({@code <command>-<n>.log}).
 */
final class ChildService implements AutoCloseable {

    private final String command;
    private final Map<String, String> settings;
    private final Path logDir;
    private final String maxHeap;
    private Process process;
    private Path log;
    private long startedNanos;
    private int starts;

    /**
     * @param command the glocal subcommand
     * @param settings {@code --set key=value} pairs
     * @param maxHeap the child's {@code -Xmx}, e.g. {@code 1g}
     */
    ChildService(String command, Map<String, String> settings, Path logDir, String maxHeap) {
        this.command = command;
        this.settings = Map.copyOf(settings);
        this.logDir = logDir;
        this.maxHeap = maxHeap;
    }

    String command() {
        return command;
    }

    /** Starts a new process of the service (the previous one must have ended). */
    void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("glocal " + command + " is still running");
        }
        starts++;
        log = logDir.resolve(command + "-" + starts + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-Xmx" + maxHeap);
        cmd.add("-XX:+UseParallelGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("glocal.cli.GlocalCommand");
        cmd.add(command);
        cmd.add("--progress-every");
        cmd.add("1");
        settings.forEach((k, v) -> cmd.add("--set=" + k + "=" + v));
        startedNanos = System.nanoTime();
        process =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
    }

    /**
     * Waits until the current process prints its "running" banner (the stream side prints it once
     * Kafka Streams is RUNNING, its state restored); returns the time since {@link #start()}.
     */
    Duration awaitRunning(Duration timeout) throws IOException, InterruptedException {
        String banner = "Glocal " + command + " running";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)
                    && Files.readString(log, StandardCharsets.UTF_8).contains(banner)) {
                return Duration.ofNanos(System.nanoTime() - startedNanos);
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
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * SIGTERM and wait for the shutdown hook to stop the service cleanly; SIGKILL if it does not.
     */
    int stop(Duration timeout) throws InterruptedException {
        if (process == null) {
            return 0;
        }
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The last lines of the current log, for error messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (alive()) {
            try {
                kill9();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
