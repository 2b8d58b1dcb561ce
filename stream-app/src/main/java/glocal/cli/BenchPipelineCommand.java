package glocal.cli;

import glocal.stream.bench.PipelineReport;
import glocal.stream.bench.PipelineRun;
import glocal.stream.bench.PipelineSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code glocal bench pipeline}: live synthetic views through glocal streams and glocal trainer,
 * each in its own process on an embedded broker (see {@link PipelineRun}).
 */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description =
                "Sends live synthetic views (event time = send time) through glocal streams and glocal"
                        + " trainer, separate processes on an embedded broker, and prints the views/s sent and"
                        + " committed, the trainer's lag and examples/s, embedding freshness p50/p95/p99 and each"
                        + " process's peak memory.")
public final class BenchPipelineCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--events",
            defaultValue = "300000",
            description = "Views to send. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(
            names = "--rate",
            defaultValue = "3000",
            description =
                    "Views per second sent; 0 sends as fast as it can. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--trainers",
            defaultValue = "1",
            description =
                    "Trainer processes. Only 1 today: trainers in one consumer group"
                            + " (glocal.trainer.group.enabled) each train their own title rows and"
                            + " dense model until model averaging is built. Default:"
                            + " ${DEFAULT-VALUE}.")
    int trainers;

    @Option(
            names = "--warm-up",
            defaultValue = "0.2",
            description =
                    "Share of the views sent before the sustained figures start. Default: ${DEFAULT-VALUE}.")
    double warmUp;

    @Mixin ChildRunOptions child;

    @Override
    public Integer call() throws Exception {
        if (trainers != 1) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--trainers " + trainers + ": " + PipelineSettings.ONE_TRAINER_ONLY);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path work = child.dir != null ? child.dir : Files.createTempDirectory("glocal-pipeline");
        out.printf("glocal bench pipeline: working directory %s%n", work);
        out.flush();
        PipelineSettings settings =
                new PipelineSettings(
                        events,
                        rate,
                        trainers,
                        child.users,
                        child.seed,
                        child.partitions,
                        warmUp,
                        work,
                        child.heap,
                        child.set);
        PipelineReport report = new PipelineRun(settings, System.out).run();
        report.lines().forEach(out::println);
        out.flush();
        return report.everyViewCommitted() && report.everyBatchTrained() ? 0 : 1;
    }
}
