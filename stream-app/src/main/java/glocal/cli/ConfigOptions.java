package glocal.cli;

import glocal.stream.config.ConfigLoader;
import glocal.stream.config.GlocalStreamsConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options every long-running command shares: a properties file, the two addresses, and any key as
 * {@code --set key=value}. Precedence: command-line flags, then {@code GLOCAL_*} environment
 * variables, then the file, then the defaults.
 */
final class ConfigOptions {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file with glocal.* keys.")
    Path file;

    @Option(
            names = "--bootstrap",
            paramLabel = "B",
            description =
                    "Kafka bootstrap servers. Default: glocal.bootstrap.servers; empty starts an embedded broker.")
    String bootstrap;

    @Option(
            names = "--registry",
            paramLabel = "URL",
            description =
                    "Schema registry URL (any Confluent-compatible registry, or mock://<scope> for the "
                            + "in-process one, also served over HTTP). Default: glocal.schema.registry.url.")
    String registry;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Sets any configuration key, e.g. --set glocal.batch.size=512.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /**
     * The validated configuration; a bad value, an unknown {@code glocal.*} key or a missing file
     * fails with a message naming the key or file and where it was set.
     */
    GlocalStreamsConfig load() {
        ConfigLoader loader = new ConfigLoader().file(file).environment(System.getenv());
        overrides.forEach((key, value) -> loader.set(key, value, "--set"));
        if (bootstrap != null) {
            loader.set(GlocalStreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, "--bootstrap");
        }
        if (registry != null) {
            loader.set(GlocalStreamsConfig.SCHEMA_REGISTRY_URL_CONFIG, registry, "--registry");
        }
        return loader.load();
    }
}
