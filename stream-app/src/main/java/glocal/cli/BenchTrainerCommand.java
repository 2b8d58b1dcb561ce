package glocal.cli;

import glocal.model.bench.BenchOptions;
import glocal.model.bench.BenchReport;
import glocal.model.bench.TrainerBench;
import glocal.model.train.ModelKind;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code glocal bench trainer}: examples/s, step-time percentiles and peak memory of training steps
 * on the device in use (GPU when DJL sees one), at each requested user-table size.
 */
@Command(
        name = "trainer",
        mixinStandardHelpOptions = true,
        description =
                "Examples/s, step-time p50/p95/p99 and peak memory of the trainer on random batches.")
public final class BenchTrainerCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--model",
            defaultValue = "mtl",
            description =
                    "baseline, mtl, shared-bottom, mmoe, cgc or mfh. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(
            names = "--batch",
            defaultValue = "4096",
            description = "Examples per step. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(
            names = "--users",
            split = ",",
            defaultValue = "100000,1000000",
            description = "User-table sizes to measure. Default: ${DEFAULT-VALUE}.")
    List<Integer> users;

    @Option(
            names = "--steps",
            defaultValue = "200",
            description = "Timed steps. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(
            names = "--warmup",
            defaultValue = "20",
            description = "Untimed steps first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description =
                    "libtorch intra-op threads (0 = the engine's default). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelKind kind;
        BenchOptions base;
        try {
            kind = ModelKind.parse("--model", model);
            base =
                    BenchOptions.defaults()
                            .withModel(kind)
                            .withBatch(batch)
                            .withSteps(warmup, steps)
                            .withThreads(threads);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        for (int u : users) {
            BenchReport report = TrainerBench.run(base.withUsers(u));
            out.println(report.format());
            out.flush();
        }
        return 0;
    }
}
