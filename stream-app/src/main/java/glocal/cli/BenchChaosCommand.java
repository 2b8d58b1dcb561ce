package glocal.cli;

import glocal.stream.chaos.ChaosReport;
import glocal.stream.chaos.ChaosRun;
import glocal.stream.chaos.ChaosSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glocal bench chaos}: views flow while the stream side and the trainer, each in its own
 * process, are killed with SIGKILL; then the topics are recounted (see {@link ChaosRun}).
 */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        description =
                "Sends synthetic views (some invalid, some twice) while glocal streams and glocal trainer,"
                        + " separate processes on an embedded broker, are killed with SIGKILL and restarted; then recounts"
                        + " the topics: plays lost or duplicated, dead letters, trainer steps per batch, non-finite outputs,"
                        + " restore seconds.")
public final class BenchChaosCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--events",
            defaultValue = "1000000",
            description = "Views to send. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(
            names = "--rate",
            defaultValue = "10000",
            description = "Views per second sent. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--kills",
            defaultValue = "4",
            description =
                    "SIGKILLs of each process, spread over the sending time. Default: ${DEFAULT-VALUE}.")
    int kills;

    @Option(
            names = "--users",
            defaultValue = "100000",
            description = "Users of the synthetic world. Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the synthetic world. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--partitions",
            defaultValue = "2",
            description = "Partitions of views. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(
            names = "--heap",
            defaultValue = "2g",
            description = "-Xmx of each child process. Default: ${DEFAULT-VALUE}.")
    String heap;

    @Option(
            names = "--dir",
            description = "Working directory (kept). Default: a new temporary directory.")
    Path dir;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "A glocal.* setting for both child processes; repeatable.")
    Map<String, String> set = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = dir != null ? dir : Files.createTempDirectory("glocal-chaos");
        out.printf("glocal bench chaos: working directory %s%n", work);
        out.flush();
        ChaosSettings settings =
                new ChaosSettings(events, rate, kills, users, seed, partitions, work, heap, set);
        ChaosReport report = new ChaosRun(settings, System.out).run();
        report.lines().forEach(out::println);
        out.flush();
        return report.exact() ? 0 : 1;
    }
}
