package glocal.cli;

import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.runtime.GlocalProcess;
import glocal.stream.runtime.Infrastructure;
import glocal.stream.runtime.MetricsEndpoint;
import glocal.stream.runtime.ProgressLine;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that runs Glocal's services in the foreground until Ctrl-C: {@code run} (stream side
 * and trainer), {@code streams} or {@code trainer}. Prints the addresses it uses, then a progress
 * line every few seconds.
 */
abstract class ServiceCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ConfigOptions config;

    @Option(
            names = "--progress-every",
            defaultValue = "5",
            paramLabel = "S",
            description = "Seconds between progress lines. Default: ${DEFAULT-VALUE}.")
    int progressSeconds;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    abstract Set<GlocalProcess.Role> roles();

    /** Separate stream and trainer processes must share a broker and a registry. */
    abstract boolean needsSharedInfrastructure();

    /**
     * Starts, prints where it runs, then a progress line until Ctrl-C; failures go to {@link
     * CliErrors}.
     */
    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String name = spec.name();
        GlocalStreamsConfig cfg = config.load();
        checkShared(cfg);
        PrometheusMeterRegistry meters = MetricsEndpoint.newRegistry();
        int metricsPort = cfg.getInt(GlocalStreamsConfig.METRICS_PORT_CONFIG);
        Thread hook = new Thread(this::stopFromHook, "glocal-" + name + "-shutdown");
        try (Infrastructure infra =
                        Infrastructure.start(
                                cfg, Path.of(cfg.getString(GlocalStreamsConfig.DATA_DIR_CONFIG)));
                MetricsEndpoint metrics =
                        metricsPort < 0 ? null : MetricsEndpoint.start(meters, metricsPort);
                GlocalProcess process = GlocalProcess.start(cfg, roles(), infra, meters)) {
            Runtime.getRuntime().addShutdownHook(hook);
            out.printf("Glocal %s running%n", name);
            out.printf(
                    "  Kafka bootstrap   %s%s%n",
                    infra.bootstrapServers(),
                    infra.embeddedBroker().isPresent() ? " (embedded KRaft broker)" : "");
            out.printf(
                    "  schema registry   %s%s%n",
                    infra.registryHttpUrl(),
                    infra.embeddedRegistry()
                            ? " (embedded, Confluent REST subset; for a laptop, not production)"
                            : "");
            if (metrics != null) {
                out.printf("  Prometheus        %s%n", metrics.url());
            }
            out.println("Press Ctrl-C to stop.");
            out.flush();
            ProgressLine progress = new ProgressLine(process);
            while (!stopRequested.await(progressSeconds, TimeUnit.SECONDS)) {
                out.println(progress.next());
                out.flush();
                if (process.failed()) {
                    out.println(
                            "glocal " + name + ": a service failed; stopping (see the log above)");
                    return 1;
                }
            }
            out.println("Stopping ...");
            out.flush();
        } finally {
            stopped.countDown();
            ShutdownHooks.removeUnlessShuttingDown(hook);
        }
        return 0;
    }

    private void checkShared(GlocalStreamsConfig cfg) {
        if (!needsSharedInfrastructure()) {
            return;
        }
        if (cfg.getString(GlocalStreamsConfig.BOOTSTRAP_SERVERS_CONFIG).isBlank()) {
            throw new ConfigException(
                    GlocalStreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
                    "",
                    "glocal "
                            + spec.name()
                            + " shares a broker with the other Glocal processes: pass --bootstrap "
                            + "(start one with ./glocal broker, or use glocal run for everything in one process)");
        }
        if (cfg.getString(GlocalStreamsConfig.SCHEMA_REGISTRY_URL_CONFIG).startsWith("mock://")) {
            throw new ConfigException(
                    GlocalStreamsConfig.SCHEMA_REGISTRY_URL_CONFIG,
                    cfg.getString(GlocalStreamsConfig.SCHEMA_REGISTRY_URL_CONFIG),
                    "a mock:// registry lives inside one process; pass --registry http://... (./glocal broker prints one)");
        }
    }

    private void stopFromHook() {
        stopRequested.countDown();
        try {
            if (!stopped.await(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("glocal: services did not stop within 60 s; exiting anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
