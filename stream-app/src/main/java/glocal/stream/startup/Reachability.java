package glocal.stream.startup;

import glocal.schemas.registry.RegistryClientConfig;
import glocal.schemas.registry.RegistryUnavailableException;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.registry.SchemaRegistryClients;
import glocal.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * Start-up checks of the Kafka broker and the schema registry a command needs: each either returns
 * within its timeout or throws a {@link StartupException} that names the address, the setting that
 * chose it and what to check. Kafka's client logs stay quiet while it runs.
 */
public final class Reachability {

    /**
     * The checks' timeout where no configuration sets one ({@code
     * glocal.startup.check.timeout.ms}'s default).
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private static final Duration TCP_CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private Reachability() {}

    /**
     * Asks the cluster at {@code bootstrap} for its id (Admin describeCluster). When no address
     * even accepts a TCP connection it fails at once instead of waiting out the timeout.
     *
     * @param setBy where the address comes from, for the message (see {@link
     *     StartupException#setBy})
     */
    public static void kafka(String bootstrap, Duration timeout, String setBy) {
        List<String> refusals = new ArrayList<>();
        for (String entry : bootstrap.split(",")) {
            String refusal = tcpRefusal(bootstrap, entry.trim(), setBy, timeout);
            if (refusal == null) {
                describeCluster(bootstrap, timeout, setBy);
                return;
            }
            refusals.add(refusal);
        }
        throw new StartupException(
                "cannot reach Kafka at "
                        + bootstrap
                        + " ("
                        + String.join("; ", refusals)
                        + ") ("
                        + setBy
                        + "): "
                        + BROKER_HINT,
                null);
    }

    private static final String BROKER_HINT =
            "is the broker running and the address right? (./glocal broker starts one)";

    /** Null when {@code entry} accepts a TCP connection, otherwise why not. */
    private static String tcpRefusal(
            String bootstrap, String entry, String setBy, Duration timeout) {
        int colon = entry.lastIndexOf(':');
        int port = -1;
        if (colon > 0) {
            try {
                port = Integer.parseInt(entry.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (port < 1 || port > 65_535) {
            throw new StartupException(
                    "Kafka bootstrap servers '"
                            + bootstrap
                            + "' ("
                            + setBy
                            + "): entry '"
                            + entry
                            + "' is not host:port, e.g. 127.0.0.1:9092",
                    null);
        }
        Duration connect =
                timeout.compareTo(TCP_CONNECT_TIMEOUT) < 0 ? timeout : TCP_CONNECT_TIMEOUT;
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(entry.substring(0, colon), port),
                    (int) connect.toMillis());
            return null;
        } catch (UnknownHostException e) {
            return entry + ": unknown host";
        } catch (ConnectException e) {
            return entry + ": connection refused";
        } catch (IOException e) {
            return entry + ": " + e.getMessage();
        }
    }

    private static String noBrokerAnswered(Duration timeout) {
        return "within "
                + seconds(timeout)
                + ": a TCP port answered, but no Kafka broker did (or its advertised listeners are not reachable from here)";
    }

    private static void describeCluster(String bootstrap, Duration timeout, String setBy) {
        int millis = (int) timeout.toMillis();
        Map<String, Object> props =
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        AdminClientConfig.CLIENT_ID_CONFIG,
                        "glocal-startup-check",
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        millis,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        millis,
                        AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG,
                        Math.min(millis, 3_000),
                        AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG,
                        Math.min(millis, 3_000));
        String failure =
                QuietKafkaLogs.during(
                        () -> {
                            Admin admin = null;
                            try {
                                admin = Admin.create(props);
                                admin.describeCluster()
                                        .clusterId()
                                        .get(millis, TimeUnit.MILLISECONDS);
                                return null;
                            } catch (TimeoutException e) {
                                return noBrokerAnswered(timeout);
                            } catch (ExecutionException e) {
                                // The admin client's own timeout (the same length) can fire before
                                // the wait above: it means the same, no broker answered in time.
                                if (e.getCause()
                                        instanceof
                                        org.apache.kafka.common.errors.TimeoutException) {
                                    return noBrokerAnswered(timeout);
                                }
                                return "(" + e.getCause().getMessage() + ")";
                            } catch (KafkaException e) {
                                return "(" + e.getMessage() + ")";
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return "(interrupted while checking)";
                            } finally {
                                if (admin != null) {
                                    admin.close(Duration.ZERO);
                                }
                            }
                        });
        if (failure != null) {
            throw new StartupException(
                    "cannot reach Kafka at "
                            + bootstrap
                            + " "
                            + failure
                            + " ("
                            + setBy
                            + "): "
                            + BROKER_HINT,
                    null);
        }
    }

    /**
     * Asks an http(s) registry for its subjects, one attempt bounded by {@code timeout}; a {@code
     * mock://} registry lives in this process and needs no check.
     */
    public static void registry(String url, Duration timeout, String setBy) {
        if (url.trim().startsWith("mock://")) {
            return;
        }
        RegistryClientConfig config =
                new RegistryClientConfig(
                        timeout, timeout, 0, Duration.ofMillis(100), Duration.ofMillis(100), null);
        try (SchemaRegistryClient client = SchemaRegistryClients.create(url, config)) {
            client.checkReachable();
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage() + " (" + setBy + ")", e);
        } catch (RegistryUnavailableException e) {
            Throwable cause = e.getCause();
            String why =
                    cause == null
                            ? e.getMessage()
                            : cause instanceof ConnectException
                                    ? "connection refused"
                                    : cause instanceof HttpTimeoutException
                                            ? "no answer within " + seconds(timeout)
                                            : cause.toString();
            throw new StartupException(
                    "cannot reach the schema registry at "
                            + url
                            + " ("
                            + why
                            + ") ("
                            + setBy
                            + "): is it running and the URL right? (./glocal broker or ./glocal registry serves one)",
                    e);
        } catch (SchemaRegistryException e) {
            throw new StartupException(
                    "the schema registry at "
                            + url
                            + " ("
                            + setBy
                            + ") answered, but not as expected: "
                            + e.getMessage(),
                    e);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
