package glocal.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of the benches that run {@code glocal streams} and {@code glocal trainer} as child
 * processes on an embedded broker ({@code bench chaos}, {@code bench pipeline}): the synthetic
 * world, the partitions, each child's heap, the working directory and settings for both children.
 */
final class ChildRunOptions {

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
}
