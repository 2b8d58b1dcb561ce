package glocal.cli;

import glocal.stream.config.GlocalStreamsConfig;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glocal config}: validates the configuration and prints it, or the key table of the README.
 */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description =
                "Validates the configuration (file, GLOCAL_* environment, --set) and prints every key's effective value; --markdown prints the table of all keys.")
public final class ConfigCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ConfigOptions config;

    @Option(
            names = "--markdown",
            description = "Print the table of every key as Markdown and exit.")
    boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (markdown) {
            out.print(GlocalStreamsConfig.markdownTable());
            out.flush();
            return 0;
        }
        GlocalStreamsConfig cfg = config.load();
        Map<String, ?> values = new TreeMap<>(cfg.values());
        values.forEach((k, v) -> out.printf("%s=%s%n", k, v));
        out.flush();
        return 0;
    }
}
