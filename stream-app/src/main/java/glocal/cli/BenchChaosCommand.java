package glocal.cli;

import glocal.stream.chaos.ChaosReport;
import glocal.stream.chaos.ChaosRun;
import glocal.stream.chaos.ChaosSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin ChildRunOptions child;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = child.dir != null ? child.dir : Files.createTempDirectory("glocal-chaos");
        out.printf("glocal bench chaos: working directory %s%n", work);
        out.flush();
        ChaosSettings settings =
                new ChaosSettings(
                        events,
                        rate,
                        kills,
                        child.users,
                        child.seed,
                        child.partitions,
                        work,
                        child.heap,
                        child.set);
        ChaosReport report = new ChaosRun(settings, System.out).run();
        report.lines().forEach(out::println);
        out.flush();
        return report.exact() ? 0 : 1;
    }
}
