package glocal.cli;

import glocal.stream.embeddings.EmbeddingClients;
import glocal.stream.embeddings.EmbeddingLookup;
import glocal.stream.embeddings.EmbeddingReport;
import glocal.stream.embeddings.UserEmbeddingTail;
import glocal.stream.serde.GlocalSerdes;
import glocal.stream.startup.Reachability;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code glocal embeddings}: what the trainer has published, read from the compacted embedding
 * topics: one user's vector and top titles, or a live feed of user vector updates.
 */
@Command(
        name = "embeddings",
        mixinStandardHelpOptions = true,
        description =
                "Shows a user's latest vector and top-K titles by dot product from the compacted topics user-embeddings and title-embeddings; with --tail, prints one line per user vector update until Ctrl-C.")
public final class EmbeddingsCommand implements Callable<Integer> {

    /** How long reading a topic to its end may take before the command gives up. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    @Spec CommandSpec spec;

    @Option(
            names = "--user",
            paramLabel = "U",
            description = "User id to show (required unless --tail).")
    String user;

    @Option(
            names = "--k",
            defaultValue = "20",
            paramLabel = "K",
            description = "How many top titles to list. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--tail", description = "Follow user-embeddings and print one line per update.")
    boolean tail;

    @Option(
            names = "--from-beginning",
            description =
                    "With --tail: start at the oldest retained update instead of new ones only.")
    boolean fromBeginning;

    @Option(
            names = "--max",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "With --tail: stop after N lines (0 = until Ctrl-C). Default: ${DEFAULT-VALUE}.")
    long max;

    @Option(
            names = "--bootstrap",
            defaultValue = "127.0.0.1:9092",
            paramLabel = "B",
            description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE}.")
    String bootstrap;

    @Option(
            names = "--registry",
            defaultValue = "http://127.0.0.1:8081",
            paramLabel = "URL",
            description =
                    "Schema registry URL (mock://<scope> is in-process). Default: ${DEFAULT-VALUE}.")
    String registry;

    private final CountDownLatch tailStopped = new CountDownLatch(1);
    private volatile UserEmbeddingTail runningTail;

    @Override
    public Integer call() throws InterruptedException {
        validate();
        Reachability.registry(registry, Reachability.DEFAULT_TIMEOUT, "--registry");
        Reachability.kafka(bootstrap, Reachability.DEFAULT_TIMEOUT, "--bootstrap");
        GlocalSerdes serdes = GlocalSerdes.forUrl(registry);
        try {
            return tail ? follow(serdes) : show(serdes);
        } catch (TimeoutException e) {
            return fail(
                    "Kafka at "
                            + bootstrap
                            + " did not answer in time ("
                            + e.getMessage()
                            + "): is the broker running there? Set --bootstrap");
        } catch (RecordDeserializationException e) {
            return fail(
                    "could not decode "
                            + e.topicPartition()
                            + " offset "
                            + e.offset()
                            + " with the registry at "
                            + registry
                            + ": "
                            + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage())
                            + "; was the topic written against another registry? Set --registry");
        }
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("glocal embeddings: " + message);
        err.flush();
        return 1;
    }

    private void validate() {
        if (!tail && (user == null || user.isBlank())) {
            throw new ParameterException(
                    spec.commandLine(),
                    "give --user U to show a user, or --tail to follow updates");
        }
        if (tail && user != null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--user and --tail do not go together: --tail shows every user");
        }
        if (k < 1) {
            throw new ParameterException(spec.commandLine(), "--k must be at least 1, got " + k);
        }
        if (max < 0) {
            throw new ParameterException(
                    spec.commandLine(), "--max must be 0 (no limit) or more, got " + max);
        }
    }

    private int show(GlocalSerdes serdes) {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> props =
                EmbeddingClients.consumerProperties(bootstrap, "glocal-embeddings");
        EmbeddingLookup.Result result =
                new EmbeddingLookup(props, serdes, READ_TIMEOUT).lookUp(user, k);
        if (result.user().isEmpty()) {
            return fail(EmbeddingReport.notFound(result, bootstrap));
        }
        EmbeddingReport.printUser(out, result);
        out.flush();
        return 0;
    }

    private int follow(GlocalSerdes serdes) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> props =
                EmbeddingClients.consumerProperties(bootstrap, "glocal-embeddings-tail");
        UserEmbeddingTail follower =
                new UserEmbeddingTail(props, serdes.userEmbedding().deserializer(), fromBeginning);
        runningTail = follower;
        Thread hook = new Thread(this::stopFromHook, "glocal-embeddings-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            follower.run(
                    record -> {
                        out.println(EmbeddingReport.tailLine(record.value()));
                        out.flush();
                    },
                    () -> {
                        out.println("waiting for topic user-embeddings on " + bootstrap + " ...");
                        out.flush();
                    },
                    max);
        } finally {
            tailStopped.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and returns once the tail has stopped.
            return 0;
        }
        return 0;
    }

    /** Ctrl-C: stop the tail and let it close its consumer before the JVM exits. */
    private void stopFromHook() {
        stopTail();
        try {
            tailStopped.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops a running {@code --tail}, as Ctrl-C does. */
    void stopTail() {
        UserEmbeddingTail t = runningTail;
        if (t != null) {
            t.stop();
        }
    }
}
