package glocal.cli;

import glocal.schemas.registry.server.EmbeddedRegistry;
import glocal.schemas.registry.server.RegistryServerConfig;
import glocal.stream.broker.BrokerSettings;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code glocal broker}: a real Kafka broker (KRaft) in the foreground with Glocal's topics
 * created, until Ctrl-C.
 */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a real Apache Kafka broker (KRaft, broker and controller in one process) in the foreground, "
                    + "creates Glocal's topics and serves the in-process schema registry (mock://glocal) over HTTP with "
                    + "the Confluent REST subset; prints both addresses.",
            "The registry is for a laptop run; docker compose uses Confluent's real registry.",
            "Ctrl-C stops both cleanly."
        })
public final class BrokerCommand implements Callable<Integer> {

    /** How long the shutdown hook lets the broker finish stopping before the JVM exits anyway. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    @Spec CommandSpec spec;

    @Option(
            names = "--port",
            defaultValue = "9092",
            paramLabel = "P",
            description = "Client port on 127.0.0.1 (0 = a free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--data-dir",
            paramLabel = "D",
            description =
                    "Keep the broker's data here (restartable). Default: a temporary directory deleted on exit.")
    Path dataDir;

    @Option(
            names = "--registry-port",
            defaultValue = "8081",
            paramLabel = "R",
            description =
                    "Schema registry HTTP port on 127.0.0.1 (0 = a free port). Default: ${DEFAULT-VALUE}.")
    int registryPort;

    @Option(
            names = "--no-registry",
            description =
                    "Do not serve a schema registry (e.g. `glocal registry` or Confluent's already runs).")
    boolean noRegistry;

    @Option(
            names = "--partitions",
            defaultValue = "4",
            paramLabel = "N",
            description =
                    "Partitions per Glocal topic (training-batches always has 1). Default: ${DEFAULT-VALUE}.")
    int partitions;

    /** The registry scope the embedded run's own serdes use: {@code mock://glocal}. */
    static final String REGISTRY_SCOPE = "glocal";

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile String bootstrapServers;
    private volatile String registryUrl;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        validate();
        BrokerSettings settings = new BrokerSettings(port, Optional.ofNullable(dataDir), Map.of());
        Thread hook = new Thread(this::stopFromHook, "glocal-broker-shutdown");
        try {
            try (EmbeddedRegistry registry =
                            noRegistry
                                    ? null
                                    : EmbeddedRegistry.start(REGISTRY_SCOPE, registryConfig());
                    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings)) {
                List<String> created = broker.createTopics(TopicSpec.glocalTopics(partitions));
                printReady(out, broker, created, registry);
                bootstrapServers = broker.bootstrapServers();
                registryUrl = registry == null ? null : registry.httpUrl();
                Runtime.getRuntime().addShutdownHook(hook);
                ready.countDown();
                stopRequested.await();
                out.println("Stopping the Kafka broker and the schema registry ...");
                out.flush();
            }
            out.println("Kafka broker stopped.");
            out.flush();
        } finally {
            // Releases the shutdown hook, which holds the JVM open until the broker has stopped.
            stopped.countDown();
        }
        ShutdownHooks.removeUnlessShuttingDown(hook);
        return 0;
    }

    private void validate() {
        if (partitions < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--partitions must be at least 1, got " + partitions);
        }
        FreePorts.require(
                spec.commandLine(), "--port", "127.0.0.1", port, "another glocal broker?");
        if (!noRegistry) {
            FreePorts.require(
                    spec.commandLine(),
                    "--registry-port",
                    "127.0.0.1",
                    registryPort,
                    "another glocal broker?");
        }
    }

    /** Registry ids are journaled beside the broker's data, so a restart keeps both in step. */
    private RegistryServerConfig registryConfig() {
        RegistryServerConfig config = RegistryServerConfig.defaults().withPort(registryPort);
        return dataDir == null ? config : config.withDataDir(dataDir.resolve("registry"));
    }

    private void printReady(
            PrintWriter out,
            EmbeddedKafkaBroker broker,
            List<String> created,
            EmbeddedRegistry registry) {
        out.printf("Kafka broker (KRaft) ready at %s%n", broker.bootstrapServers());
        if (registry != null) {
            out.printf(
                    "Schema registry (Confluent REST subset, in-process %s) at %s%n",
                    registry.mockUrl(), registry.httpUrl());
        }
        out.printf(
                "  cluster id %s, started in %d ms%n",
                broker.clusterId(), broker.startupTime().toMillis());
        out.printf(
                "  data in %s%s%n",
                broker.dataDir(),
                dataDir == null
                        ? " (temporary, deleted on exit)"
                        : " (kept; restart with the same --data-dir)");
        out.printf(
                "  topics created: %s%n",
                created.isEmpty() ? "none (all existed)" : String.join(", ", created));
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    /** Ctrl-C: let {@link #call} close the broker, and keep the JVM alive until it has. */
    private void stopFromHook() {
        stopRequested.countDown();
        try {
            if (!stopped.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println(
                        "glocal broker: the broker did not stop within "
                                + SHUTDOWN_GRACE
                                + "; exiting anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks a running {@code glocal broker} to stop, as Ctrl-C does. */
    void requestStop() {
        stopRequested.countDown();
    }

    /** The registry's HTTP URL once {@link #awaitReady} returned; null with --no-registry. */
    String registryUrl() {
        return registryUrl;
    }

    /** Waits until the broker is ready and its topics exist; returns its bootstrap address. */
    String awaitReady(Duration timeout) throws InterruptedException {
        if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("glocal broker was not ready within " + timeout);
        }
        return bootstrapServers;
    }
}
