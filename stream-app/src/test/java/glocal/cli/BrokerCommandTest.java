package glocal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.ViewEvent;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.registry.SchemaRegistryClients;
import glocal.stream.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BrokerCommandTest {

    @Test
    void brokerPrintsItsAddressCreatesGlocalTopicsAndStopsOnRequest() throws Exception {
        BrokerCommand command = new BrokerCommand();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(command).setOut(new PrintWriter(out, true));
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit =
                    runner.submit(
                            () ->
                                    cli.execute(
                                            "--port",
                                            "0",
                                            "--registry-port",
                                            "0",
                                            "--partitions",
                                            "2"));
            String bootstrap = command.awaitReady(Duration.ofSeconds(60));

            assertThat(out.toString())
                    .contains("Kafka broker (KRaft) ready at " + bootstrap)
                    .contains(
                            "Schema registry (Confluent REST subset, in-process mock://glocal) at "
                                    + command.registryUrl());
            try (SchemaRegistryClient registry =
                    SchemaRegistryClients.create(command.registryUrl())) {
                int id = registry.register("views-value", ViewEvent.getClassSchema());
                assertThat(registry.getById(id)).isEqualTo(ViewEvent.getClassSchema());
            }
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                Map<String, TopicDescription> topics =
                        admin.describeTopics(Topics.ALL).allTopicNames().get(30, TimeUnit.SECONDS);
                assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
                assertThat(topics.get(Topics.VIEWS).partitions()).hasSize(2);
                assertThat(topics.get(Topics.TRAINING_BATCHES).partitions()).hasSize(2);
                List<ConfigResource> resources =
                        Topics.ALL.stream()
                                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                                .toList();
                var configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
                for (ConfigResource r : resources) {
                    String policy = configs.get(r).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                    assertThat(policy)
                            .as(r.name())
                            .isEqualTo(Topics.isCompacted(r.name()) ? "compact" : "delete");
                }
            }

            command.requestStop();

            assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
            assertThat(out.toString()).contains("Kafka broker stopped.");
        } finally {
            command.requestStop();
            runner.shutdownNow();
        }
    }

    @Test
    void busyRegistryPortIsRejectedUnlessTheRegistryIsTurnedOff() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String busy = Integer.toString(taken.getLocalPort());
            StringWriter err = new StringWriter();
            int exit =
                    new CommandLine(new BrokerCommand())
                            .setErr(new PrintWriter(err, true))
                            .execute("--port", "0", "--registry-port", busy);

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString())
                    .contains("--registry-port " + busy)
                    .contains("already in use");
        }
    }

    @Test
    void busyPortIsRejectedWithAMessageNamingTheOption() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            StringWriter err = new StringWriter();
            int exit =
                    new CommandLine(new BrokerCommand())
                            .setErr(new PrintWriter(err, true))
                            .execute(
                                    "--port",
                                    Integer.toString(taken.getLocalPort()),
                                    "--registry-port",
                                    "0");

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString())
                    .contains("--port " + taken.getLocalPort())
                    .contains("already in use");
        }
    }
}
