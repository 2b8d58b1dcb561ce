package glocal.cli;

import glocal.model.evaluation.EvaluationPresets;
import glocal.model.synthetic.SyntheticConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where {@code evaluate} and {@code tune} take their views: a synthetic preset, or a file. */
final class ViewSourceOptions {

    @Option(
            names = "--preset",
            defaultValue = "strongLocalTaste",
            description =
                    "Synthetic scenario: defaults, balanced, strongLocalTaste, tinyTerritory, manyNiche or tiny. "
                            + "Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--users", description = "Overrides the preset's number of users.")
    Integer users;

    @Option(
            names = "--events",
            defaultValue = "100000",
            description = "Synthetic views generated (train + test). Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(
            names = "--file",
            description =
                    "Views file (CSV/TSV with header, or MovieLens) instead of the generator.")
    Path file;

    /** The preset's world with --users applied, or null for a --file. */
    SyntheticConfig config() {
        SyntheticConfig config = file == null ? EvaluationPresets.preset(preset) : null;
        return config != null && users != null ? config.toBuilder().users(users).build() : config;
    }
}
