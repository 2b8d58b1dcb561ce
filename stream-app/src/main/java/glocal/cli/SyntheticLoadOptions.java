package glocal.cli;

import picocli.CommandLine.Option;

/** The synthetic views a bench feeds the topology: how many partitions, users and titles. */
final class SyntheticLoadOptions {

    @Option(
            names = "--partitions",
            defaultValue = "2",
            description = "Partitions of the views topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--users",
            defaultValue = "100000",
            description = "Distinct users (default ${DEFAULT-VALUE}).")
    int users;

    @Option(
            names = "--titles",
            defaultValue = "20000",
            description = "Distinct titles (default ${DEFAULT-VALUE}).")
    int titles;
}
