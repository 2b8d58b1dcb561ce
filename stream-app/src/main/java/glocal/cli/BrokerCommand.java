package glocal.cli;

import glocal.stream.broker.BrokerSettings;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * {@code glocal broker}: a real Kafka broker (KRaft) in the foreground with Glocal's topics created,
 * until Ctrl-C.
 */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a real Apache Kafka broker (KRaft, broker+controller in one process) in the foreground,",
        "creates Glocal's topics and prints the bootstrap address. Ctrl-C stops it cleanly."
    })
public final class BrokerCommand implements Callable<Integer> {

  /** How long the shutdown hook lets the broker finish stopping before the JVM exits anyway. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "9092", paramLabel = "P",
      description = "Client port on 127.0.0.1 (0 = a free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--data-dir", paramLabel = "D",
      description = "Keep the broker's data here (restartable). Default: a temporary directory deleted on exit.")
  Path dataDir;

  @Option(names = "--partitions", defaultValue = "4", paramLabel = "N",
      description = "Partitions per Glocal topic (training-batches always has 1). Default: ${DEFAULT-VALUE}.")
  int partitions;

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile String bootstrapServers;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    validate();
    BrokerSettings settings = new BrokerSettings(port, Optional.ofNullable(dataDir), Map.of());
    Thread hook = new Thread(this::stopFromHook, "glocal-broker-shutdown");
    try {
      try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings)) {
        List<String> created = broker.createTopics(TopicSpec.glocalTopics(partitions));
        printReady(out, broker, created);
        bootstrapServers = broker.bootstrapServers();
        Runtime.getRuntime().addShutdownHook(hook);
        ready.countDown();
        stopRequested.await();
        out.println("Stopping the Kafka broker ...");
        out.flush();
      }
      out.println("Kafka broker stopped.");
      out.flush();
    } finally {
      // Releases the shutdown hook, which holds the JVM open until the broker has stopped.
      stopped.countDown();
    }
    removeHookUnlessShuttingDown(hook);
    return 0;
  }

  private void validate() {
    if (partitions < 1) {
      throw new ParameterException(spec.commandLine(), "--partitions must be at least 1, got " + partitions);
    }
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), "--port must be 0 (a free port) or 1..65535, got " + port);
    }
    if (port != 0 && !canBind(port)) {
      throw new ParameterException(spec.commandLine(), "--port " + port
          + ": 127.0.0.1:" + port + " is already in use (another broker?); stop it or pass --port 0 for a free port");
    }
  }

  private static boolean canBind(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort() == port;
    } catch (IOException inUse) {
      return false;
    }
  }

  private void printReady(PrintWriter out, EmbeddedKafkaBroker broker, List<String> created) {
    out.printf("Kafka broker (KRaft) ready at %s%n", broker.bootstrapServers());
    out.printf("  cluster id %s, started in %d ms%n", broker.clusterId(), broker.startupTime().toMillis());
    out.printf("  data in %s%s%n", broker.dataDir(),
        dataDir == null ? " (temporary, deleted on exit)" : " (kept; restart with the same --data-dir)");
    out.printf("  topics created: %s%n", created.isEmpty() ? "none (all existed)" : String.join(", ", created));
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  /** Ctrl-C: let {@link #call} close the broker, and keep the JVM alive until it has. */
  private void stopFromHook() {
    stopRequested.countDown();
    try {
      if (!stopped.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        System.err.println("glocal broker: the broker did not stop within " + SHUTDOWN_GRACE + "; exiting anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHookUnlessShuttingDown(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting (Ctrl-C): the hook is running and will finish on its own.
      return;
    }
  }

  /** Asks a running {@code glocal broker} to stop, as Ctrl-C does. */
  void requestStop() {
    stopRequested.countDown();
  }

  /** Waits until the broker is ready and its topics exist; returns its bootstrap address. */
  String awaitReady(Duration timeout) throws InterruptedException {
    if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("glocal broker was not ready within " + timeout);
    }
    return bootstrapServers;
  }
}
