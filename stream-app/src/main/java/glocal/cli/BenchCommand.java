package glocal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code glocal bench}: speed measurements that print figures. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures Glocal's speed and prints the figures.",
        subcommands = {
            BenchStreamsCommand.class,
            BenchRestoreCommand.class,
            BenchTrainerCommand.class,
            BenchChaosCommand.class,
            BenchPipelineCommand.class
        })
public final class BenchCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
