package glocal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code glocal} command line: one subcommand per way of running Glocal. */
@Command(
        name = "glocal",
        mixinStandardHelpOptions = true,
        version = "glocal 0.1.0",
        description =
                "Online multi-territory embedding learning from a Kafka stream of video views.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            StreamsCommand.class,
            TrainerCommand.class,
            BrokerCommand.class,
            RegistryCommand.class,
            ProduceCommand.class,
            EmbeddingsCommand.class,
            BenchCommand.class,
            ConfigCommand.class,
            EvaluateCommand.class,
            TuneCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class GlocalCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * The command line {@code main} runs: every subcommand, failures reported by {@link CliErrors}.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new GlocalCommand()).setExecutionExceptionHandler(CliErrors.HANDLER);
    }

    public static void main(String[] args) {
        // DJL must never reach the network: the native library ships on the classpath.
        System.setProperty("ai.djl.offline", "true");
        System.exit(commandLine().execute(args));
    }
}
