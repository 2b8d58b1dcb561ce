package glocal.stream.app;

import static glocal.stream.config.GlocalStreamsConfig.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import glocal.schemas.registry.server.EmbeddedRegistry;
import glocal.schemas.registry.server.RegistryServerConfig;
import glocal.stream.Topics;
import glocal.stream.bench.SyntheticViews;
import glocal.stream.bench.ViewLoad;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.runtime.GlocalChild;
import glocal.stream.serde.GlocalSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code glocal streams} process killed with SIGKILL and started again on the same state
 * directory takes its tasks back under its static group.instance.id and processes the views sent
 * meanwhile long before the killed member's session could have expired. Without static membership
 * the group waits for that session (here 90 s) before it gives the tasks to the new process: the
 * 39-45 s seen after a kill -9 with the default 45 s.
 */
class RestartMembershipEndToEndTest {

    private static final String APP = "glocal-restart-membership-test";
    private static final int SESSION_TIMEOUT_MS = 90_000;
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @Test
    void aKilledInstanceRestartedOnItsStateDirectoryResumesBeforeItsOldSessionCouldExpire(
            @TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                EmbeddedRegistry registry =
                        EmbeddedRegistry.start(
                                "restart-membership-" + System.nanoTime(),
                                RegistryServerConfig.defaults().withPort(0));
                Admin admin =
                        Admin.create(
                                Map.of(
                                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        broker.bootstrapServers()))) {
            broker.createTopics(TopicSpec.glocalTopics(2));
            Map<String, String> settings = new HashMap<>();
            settings.put(BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            settings.put(SCHEMA_REGISTRY_URL_CONFIG, registry.httpUrl());
            settings.put(APPLICATION_ID_CONFIG, APP);
            settings.put(STATE_DIR_CONFIG, dir.resolve("state").toString());
            settings.put(DATA_DIR_CONFIG, dir.resolve("data").toString());
            settings.put(QUERY_HOST_CONFIG, "127.0.0.1");
            settings.put(QUERY_PORT_CONFIG, "0");
            settings.put(METRICS_PORT_CONFIG, "-1");
            settings.put(SESSION_TIMEOUT_MS_CONFIG, Integer.toString(SESSION_TIMEOUT_MS));
            String instanceId = new GlocalStreamsConfig(settings).instanceId();
            List<String> jvm =
                    List.of(
                            "-Xmx384m",
                            "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1",
                            "-Dai.djl.offline=true");
            Path log = dir.resolve("streams.log");
            GlocalSerdes serdes = GlocalSerdes.forUrl(registry.mockUrl());
            try (ViewLoad views =
                    new ViewLoad(
                            broker.bootstrapServers(),
                            serdes.viewEvent().serializer(),
                            new SyntheticViews(
                                    5,
                                    200,
                                    50,
                                    System.currentTimeMillis() - Duration.ofHours(1).toMillis()))) {
                views.send(2_000, 0);
                try (GlocalChild first = GlocalChild.streams(jvm, settings, log)) {
                    awaitCommitted(admin, views.sent(), first, log);
                    first.kill();
                }
                long killed = System.nanoTime();
                views.send(
                        2_000, 0); // sent while no instance runs: the restarted one must take them
                try (GlocalChild restarted = GlocalChild.streams(jvm, settings, log)) {
                    awaitCommitted(admin, views.sent(), restarted, log);
                    Duration resumed = Duration.ofNanos(System.nanoTime() - killed);
                    System.out.printf(
                            "restarted instance resumed %.1f s after the kill%n",
                            resumed.toMillis() / 1e3);
                    // The killed member's session expires up to a heartbeat (3 s) short of the
                    // timeout after the
                    // kill; the new process needs a JVM start, a join and a restore on top: half is
                    // far from both.
                    assertThat(resumed)
                            .as(
                                    "kill to every view committed again; the killed member's session lasts %d ms",
                                    SESSION_TIMEOUT_MS)
                            .isLessThan(Duration.ofMillis(SESSION_TIMEOUT_MS / 2));
                    ConsumerGroupDescription group =
                            admin.describeConsumerGroups(List.of(APP)).all().get().get(APP);
                    assertThat(group.members())
                            .extracting(m -> m.groupInstanceId().orElse("(dynamic)"))
                            .as("the one stream thread, under the instance's id")
                            .containsExactly(instanceId + "-1");
                }
            }
        }
    }

    /** Polls the group's committed offsets on views until they add up to {@code views}. */
    private static void awaitCommitted(Admin admin, long views, GlocalChild child, Path log)
            throws Exception {
        try {
            await("glocal streams committed " + views + " views")
                    .atMost(LIMIT)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> committed(admin) >= views || !child.isAlive());
        } catch (ConditionTimeoutException e) {
            // reported below, with the child's output
        }
        if (committed(admin) < views) {
            throw new AssertionError(
                    "glocal streams did not commit "
                            + views
                            + " views within "
                            + LIMIT
                            + " (alive: "
                            + child.isAlive()
                            + "); its output ends with:\n"
                            + tail(log));
        }
    }

    private static String tail(Path log) throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static long committed(Admin admin) throws Exception {
        long sum = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e :
                admin.listConsumerGroupOffsets(APP)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .entrySet()) {
            if (e.getKey().topic().equals(Topics.VIEWS) && e.getValue() != null) {
                sum += e.getValue().offset();
            }
        }
        return sum;
    }
}
