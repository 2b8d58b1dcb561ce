package glocal.stream.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The configuration of the embedded broker's one KRaft node: its listeners and ports on 127.0.0.1
 * (a client listener and a controller listener), single-replica settings for every internal topic,
 * and small thread pools; {@link BrokerSettings#overrides()} come last and win.
 */
final class KRaftNodeConfig {

    static final int NODE_ID = 1;
    static final String CLIENT_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private KRaftNodeConfig() {}

    /** The node's server properties for {@code kafka.server.KafkaConfig}. */
    static Map<String, String> properties(
            Path logDir, int port, int controllerPort, BrokerSettings settings) {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put(
                "listeners",
                CLIENT_LISTENER
                        + "://127.0.0.1:"
                        + port
                        + ","
                        + CONTROLLER_LISTENER
                        + "://127.0.0.1:"
                        + controllerPort);
        props.put("advertised.listeners", CLIENT_LISTENER + "://127.0.0.1:" + port);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        props.put(
                "listener.security.protocol.map",
                CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // One node: every internal topic has one replica, or groups, transactions (exactly_once_v2)
        // and share groups would wait forever for replicas that never come.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // Consumers and Kafka Streams join at once instead of waiting for more members.
        props.put("group.initial.rebalance.delay.ms", "0");
        // A killed trainer's open transaction is aborted soon after its timeout (default: every
        // 10 s), so the partitions it held are not blocked for longer than the timeout says.
        props.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        // A laptop broker for one app: fewer request threads than a production default of 8 I/O
        // threads, so start-up and idle CPU stay small next to Kafka Streams and the trainer.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("background.threads", "4");
        props.putAll(settings.overrides());
        return props;
    }

    /** A TCP port on 127.0.0.1 that was free a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "no free TCP port on 127.0.0.1 for the embedded broker", e);
        }
    }
}
