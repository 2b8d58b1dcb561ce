package glocal.stream.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KRaftNodeConfigTest {

    @Test
    void listenersAndQuorumUseTheGivenPortsOnLoopbackAndEveryInternalTopicHasOneReplica() {
        Map<String, String> p =
                KRaftNodeConfig.properties(
                        Path.of("/x/logs"), 9092, 9093, BrokerSettings.defaults());
        assertThat(p)
                .containsEntry(
                        "listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("log.dirs", "/x/logs")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1");
    }

    @Test
    void anOverrideWins() {
        Map<String, String> p =
                KRaftNodeConfig.properties(
                        Path.of("/x/logs"),
                        9092,
                        9093,
                        BrokerSettings.defaults().withOverride("num.io.threads", "1"));
        assertThat(p).containsEntry("num.io.threads", "1");
    }
}
