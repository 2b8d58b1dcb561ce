package glocal.cli;

import static glocal.stream.config.GlocalStreamsConfig.*;

import glocal.stream.GlocalMetrics;
import glocal.stream.app.GlocalStreamsApp;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.serde.GlocalSerdes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glocal streams}: runs the stream side (validation, state, training batches, query
 * endpoint) until Ctrl-C. With no {@code glocal.bootstrap.servers} it starts an embedded broker
 * and creates Glocal's topics first.
 */
@Command(name = "streams", mixinStandardHelpOptions = true,
    description = {"Runs the Glocal Kafka Streams topology and its HTTP query endpoint until Ctrl-C.",
        "Configuration: --config file and GLOCAL_* environment variables (GLOCAL_BATCH_SIZE -> glocal.batch.size)."})
public final class StreamsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file with glocal.* keys.")
  Path configFile;

  @Option(names = "--partitions", defaultValue = "4",
      description = "Partitions per topic when the embedded broker creates them. Default: ${DEFAULT-VALUE}.")
  int partitions;

  @Option(names = "--print-config-table", description = "Print the configuration keys as a Markdown table and exit.")
  boolean printTable;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (printTable) {
      out.print(GlocalStreamsConfig.markdownTable());
      out.flush();
      return 0;
    }
    GlocalStreamsConfig config = GlocalStreamsConfig.load(configFile, System.getenv());
    EmbeddedKafkaBroker broker = null;
    String bootstrap = config.getString(BOOTSTRAP_SERVERS_CONFIG);
    if (bootstrap.isBlank()) {
      broker = EmbeddedKafkaBroker.start();
      broker.createTopics(TopicSpec.glocalTopics(partitions));
      bootstrap = broker.bootstrapServers();
      out.printf("embedded Kafka broker at %s%n", bootstrap);
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "glocal-streams-shutdown");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (GlocalStreamsApp app = new GlocalStreamsApp(config, bootstrap,
        GlocalSerdes.forUrl(config.getString(SCHEMA_REGISTRY_URL_CONFIG)), new GlocalMetrics(registry), new Properties())) {
      app.start(Duration.ofSeconds(120));
      out.printf("Glocal streams RUNNING (application.id %s, registry %s); queries on http://%s:%d/%n",
          config.getString(APPLICATION_ID_CONFIG), config.getString(SCHEMA_REGISTRY_URL_CONFIG),
          config.getString(QUERY_HOST_CONFIG), app.queryPort());
      out.println("Press Ctrl-C to stop.");
      out.flush();
      Runtime.getRuntime().addShutdownHook(hook);
      stop.await();
    } finally {
      if (broker != null) {
        broker.close();
      }
      stopped.countDown();
    }
    return 0;
  }
}
