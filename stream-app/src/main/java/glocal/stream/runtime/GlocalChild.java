package glocal.stream.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Glocal service ({@code glocal streams}, {@code glocal trainer}) in a JVM of its own, as an
 * operator starts one: for benchmarks and crash runs that must kill it for real. Its output (stdout
 * and the log on stderr) goes to a file, and each line is kept with the time it arrived, so a
 * caller can time what the instance logged (state transitions, restorations) against the moment it
 * was started. The child is killed if the JVM that started it exits first.
 */
public final class GlocalChild implements AutoCloseable {

    /** One line of the child's output and when it arrived (System.nanoTime()). */
    public record Line(long nanos, String text) {}

    private final Process process;
    private final long startedNanos;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    /** Kills the child if the JVM that started it exits first (a bench stopped with Ctrl-C). */
    private final Thread orphanGuard;

    private volatile boolean stopping;

    private GlocalChild(Process process, long startedNanos, Path log) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.reader = new Thread(() -> copy(log), "glocal-child-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        this.orphanGuard =
                new Thread(process::destroyForcibly, "glocal-child-guard-" + process.pid());
        Runtime.getRuntime().addShutdownHook(orphanGuard);
    }

    /**
     * Starts {@code glocal streams} with this JVM's class path.
     *
     * @param javaOptions JVM options of the child (heap, GC)
     * @param settings {@code glocal.*} keys passed as {@code --set key=value}
     * @param log file that receives everything the child prints (appended)
     */
    public static GlocalChild streams(
            List<String> javaOptions, Map<String, String> settings, Path log) throws IOException {
        return start(javaOptions, List.of("streams"), settings, log);
    }

    /**
     * Starts {@code glocal <arguments>} with this JVM's class path.
     *
     * @param javaOptions JVM options of the child (heap, GC)
     * @param arguments the subcommand and its options
     * @param settings {@code glocal.*} keys passed as {@code --set key=value}
     * @param log file that receives everything the child prints (appended)
     */
    public static GlocalChild start(
            List<String> javaOptions,
            List<String> arguments,
            Map<String, String> settings,
            Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("glocal.cli.GlocalCommand");
        command.addAll(arguments);
        settings.forEach((k, v) -> command.add("--set=" + k + "=" + v));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new GlocalChild(process, started, log);
    }

    private void copy(Path log) {
        try (BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(
                                        process.getInputStream(), StandardCharsets.UTF_8));
                Writer out =
                        Files.newBufferedWriter(
                                log,
                                StandardCharsets.UTF_8,
                                java.nio.file.StandardOpenOption.CREATE,
                                java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(new Line(System.nanoTime(), line));
                out.write(line);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            if (!stopping) {
                throw new UncheckedIOException(
                        "could not copy the output of glocal streams (pid "
                                + process.pid()
                                + ") to "
                                + log,
                        e);
            }
            // Destroying the process closes its output: nothing more to copy.
        }
    }

    /** When the child was started (System.nanoTime()). */
    public long startedNanos() {
        return startedNanos;
    }

    /**
     * Seconds from the start to the first line matching {@code pattern} that arrived at or after
     * {@code notBeforeNanos} (System.nanoTime()), or -1 if none has yet.
     */
    public double secondsTo(Pattern pattern, long notBeforeNanos) {
        for (Line l : lines) {
            if (l.nanos() >= notBeforeNanos && pattern.matcher(l.text()).find()) {
                return (l.nanos() - startedNanos) / 1e9;
            }
        }
        return -1;
    }

    /** The last {@code n} lines so far (fewer if there are not as many). */
    public List<String> lastLines(int n) {
        List<String> out = new ArrayList<>();
        List<Line> all = List.copyOf(lines);
        for (Line l : all.subList(Math.max(0, all.size() - n), all.size())) {
            out.add(l.text());
        }
        return out;
    }

    /** The matches of {@code pattern} in every line so far, in order. */
    public List<Matcher> matches(Pattern pattern) {
        List<Matcher> out = new ArrayList<>();
        for (Line l : lines) {
            Matcher m = pattern.matcher(l.text());
            if (m.find()) {
                out.add(m);
            }
        }
        return out;
    }

    /** Every line so far matching {@code pattern}, with the time it arrived, in order. */
    public List<Line> lines(Pattern pattern) {
        List<Line> out = new ArrayList<>();
        for (Line l : lines) {
            if (pattern.matcher(l.text()).find()) {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * CPU seconds the child has used so far (all its threads), or -1 where the platform does not
     * say.
     */
    public double cpuSeconds() {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The exit code; the child must have ended. */
    public int exitValue() {
        return process.exitValue();
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs, nothing is closed cleanly. */
    public void kill() throws InterruptedException {
        stopping = true;
        process.destroyForcibly();
        process.waitFor();
        reader.join(Duration.ofSeconds(5).toMillis());
        releaseGuard();
    }

    /** SIGTERM (the shutdown hook closes the instance cleanly); SIGKILL after {@code grace}. */
    public void stop(Duration grace) throws InterruptedException {
        stopping = true;
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
        reader.join(Duration.ofSeconds(5).toMillis());
        releaseGuard();
    }

    private void releaseGuard() {
        try {
            Runtime.getRuntime().removeShutdownHook(orphanGuard);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting and runs the guard anyway: the child is already gone.
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stop(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
