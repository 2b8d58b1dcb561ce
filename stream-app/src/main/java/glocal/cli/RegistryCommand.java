package glocal.cli;

import glocal.schemas.registry.server.EmbeddedRegistry;
import glocal.schemas.registry.server.RegistryServerConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glocal registry}: Glocal's embedded schema registry on its own, for producers and
 * consumers written against Confluent's clients on a machine without Docker. Runs until Ctrl-C.
 */
@Command(
        name = "registry",
        mixinStandardHelpOptions = true,
        description = {
            "Serves Glocal's embedded schema registry over HTTP with the Confluent Schema Registry REST subset "
                    + "(register, schema by id, subjects, versions, config). For a laptop; use the real Confluent "
                    + "registry (docker compose) elsewhere.",
            "Runs until Ctrl-C."
        })
public final class RegistryCommand implements Callable<Integer> {

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "8081",
            description = "TCP port, 0 for any free port (default: ${DEFAULT-VALUE}, Confluent's).")
    int port;

    @Option(
            names = "--data-dir",
            defaultValue = "glocal-data/registry",
            description =
                    "Where schemas are journaled so ids survive a restart (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--in-memory",
            description = "Keep nothing on disk: ids start from 1 at every start.")
    boolean inMemory;

    @Option(
            names = "--scope",
            defaultValue = "glocal",
            hidden = true,
            description = "mock:// scope served; in-process clients use mock://<scope>.")
    String scope;

    @Option(
            names = "--max-request-bytes",
            defaultValue = "1048576",
            description =
                    "Largest request body accepted; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    int maxRequestBytes;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        FreePorts.require(
                spec.commandLine(), "--port", host, port, "another glocal registry or broker?");
        EmbeddedRegistry registry = start(System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    registry.close();
                                    stopped.countDown();
                                },
                                "glocal-registry-shutdown"));
        stopped.await();
        return 0;
    }

    /** Starts the registry from the options and prints where it listens. */
    EmbeddedRegistry start(PrintStream out) {
        RegistryServerConfig config =
                new RegistryServerConfig(
                        host,
                        port,
                        inMemory ? null : dataDir,
                        maxRequestBytes,
                        RegistryServerConfig.defaults().threads());
        EmbeddedRegistry registry = EmbeddedRegistry.start(scope, config);
        out.println(
                "schema registry: "
                        + registry.httpUrl()
                        + (registry.persistent()
                                ? "  (data: " + dataDir.toAbsolutePath() + ")"
                                : "  (in memory)"));
        out.println(
                "point Confluent clients at it with schema.registry.url="
                        + registry.httpUrl()
                        + "; Ctrl-C stops it");
        return registry;
    }
}
