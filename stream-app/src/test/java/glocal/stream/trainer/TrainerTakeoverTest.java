package glocal.stream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import glocal.model.batch.ExampleBatch;
import glocal.model.train.ModelSpec;
import glocal.model.train.OnlineTrainer;
import glocal.model.train.UserRowState;
import glocal.schemas.registry.server.EmbeddedRegistry;
import glocal.schemas.registry.server.RegistryServerConfig;
import glocal.stream.Topics;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.examples.TrainingBatches;
import glocal.stream.runtime.GlocalChild;
import glocal.stream.serde.GlocalSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code glocal trainer} processes in one group ({@code glocal.trainer.group.enabled}) share
 * the two partitions of {@code training-batches}: the second joins while the first trains (the
 * first hands one partition over), then the first is killed with SIGKILL mid-run and the second
 * takes its partition over from the {@code trainer-user-rows} changelog. From the topics alone: the
 * group's committed offsets reach the end of both partitions, and every user's row in the changelog
 * has taken exactly as many Adam steps as a single trainer takes on all the batches in one go: no
 * committed batch lost or trained twice, and the rows of the moved partitions continued from the
 * changelog (a row started over would have fewer steps).
 */
class TrainerTakeoverTest {

    private static final int PARTITIONS = 2;
    private static final int FIRST = 12;
    private static final int SECOND = 60;
    private static final int THIRD = 12;
    private static final Pattern TOOK_OVER =
            Pattern.compile(
                    "took over partition\\(s\\) \\[([0-9, ]+)\\].*restored (\\d+) user row");

    @Test
    void aTrainerKilledMidRunIsTakenOverAndEveryUserRowCountsEachCommittedBatchOnce(
            @TempDir Path dir) throws Exception {
        OnlineTrainer.configureThreads(1);
        List<List<ExampleBatch>> batches = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            batches.add(
                    prefixed(
                            TrainerServiceTest.labelledBatches(41 + p, FIRST + SECOND + THIRD, 128),
                            "p" + p + "-"));
        }
        String scope = getClass().getSimpleName();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                EmbeddedRegistry registry =
                        EmbeddedRegistry.start(scope, RegistryServerConfig.defaults());
                Admin admin =
                        Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            broker.createTopics(TopicSpec.glocalTopics(PARTITIONS));
            GlocalSerdes serdes = GlocalSerdes.forUrl(registry.mockUrl());
            Map<String, String> settings = new HashMap<>();
            settings.put(GlocalStreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            settings.put(GlocalStreamsConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.httpUrl());
            settings.put(GlocalStreamsConfig.TRAINER_GROUP_ENABLED_CONFIG, "true");
            settings.put(GlocalStreamsConfig.TRAINER_GROUP_SESSION_TIMEOUT_MS_CONFIG, "6000");
            settings.put(GlocalStreamsConfig.TRAINER_CHECKPOINT_EVERY_CONFIG, "3");
            settings.put(GlocalStreamsConfig.TRAINER_MAX_POLL_RECORDS_CONFIG, "1");
            settings.put(GlocalStreamsConfig.TRAINER_PUBLISH_INTERVAL_MS_CONFIG, "1000");
            settings.put(GlocalStreamsConfig.MODEL_EMBEDDING_DIM_CONFIG, "16");
            settings.put(GlocalStreamsConfig.MODEL_OUTPUT_DIM_CONFIG, "16");
            settings.put(GlocalStreamsConfig.MODEL_TOWER_HIDDEN_CONFIG, "16");
            settings.put(GlocalStreamsConfig.METRICS_PORT_CONFIG, "-1");
            GlocalStreamsConfig config = new GlocalStreamsConfig(settings);
            String group = TrainerSettings.from(config).groupId();

            produce(broker, serdes, batches, 0, FIRST);
            GlocalChild a = start(settings, dir, "a");
            GlocalChild b = null;
            try {
                awaitCommitted(admin, group, FIRST, a, "trainer a trains both partitions alone");
                b = start(settings, dir, "b");
                GlocalChild second = b;
                await("trainer b takes a partition over from trainer a")
                        .atMost(Duration.ofSeconds(180))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> !second.matches(TOOK_OVER).isEmpty() || !second.isAlive());
                assertThat(second.matches(TOOK_OVER)).as(log(second)).hasSize(1);

                produce(broker, serdes, batches, FIRST, FIRST + SECOND);
                await("both trainers train their partition")
                        .atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(100))
                        .until(
                                () ->
                                        committed(admin, group).values().stream()
                                                                .filter(o -> o >= FIRST + 3)
                                                                .count()
                                                        == PARTITIONS
                                                || !a.isAlive()
                                                || !second.isAlive());
                assertThat(a.isAlive()).as(log(a)).isTrue();
                Map<Integer, Long> atKill = committed(admin, group);
                a.kill(); // SIGKILL mid-run: its open transaction is never committed
                System.out.printf(
                        "killed trainer a with the group's committed offsets at %s of %d%n",
                        atKill, FIRST + SECOND);
                produce(broker, serdes, batches, FIRST + SECOND, FIRST + SECOND + THIRD);
                awaitCommitted(admin, group, FIRST + SECOND + THIRD, b, "trainer b trains both");
                List<Matcher> takeovers = b.matches(TOOK_OVER);
                b.lines(Pattern.compile("took over|let go|lost partition"))
                        .forEach(l -> System.out.println("trainer b: " + l.text()));
                a.lines(Pattern.compile("took over|let go|lost partition"))
                        .forEach(l -> System.out.println("trainer a: " + l.text()));
                assertThat(takeovers).as(log(b)).hasSize(2);
                assertThat(Integer.parseInt(takeovers.get(1).group(2)))
                        .as("user rows of trainer a's partition restored from the changelog")
                        .isPositive();
            } finally {
                a.kill();
                if (b != null) {
                    b.kill();
                }
            }

            Map<String, UserRowState> rows = changelog(broker);
            ModelSpec spec = TrainerSettings.from(config).spec();
            try (OnlineTrainer reference =
                    new OnlineTrainer(spec, OnlineTrainer.preferredDevice())) {
                Set<String> users = new LinkedHashSet<>();
                for (List<ExampleBatch> partition : batches) {
                    for (ExampleBatch batch : partition) {
                        reference.step(batch);
                        users.addAll(List.of(batch.userIds()));
                    }
                }
                assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(users);
                Map<String, String> wrong = new TreeMap<>();
                for (String user : users) {
                    int expected = reference.exportUserRow(user).row().steps();
                    int actual = rows.get(user).row().steps();
                    if (actual != expected) {
                        wrong.put(user, actual + " steps, not " + expected);
                    }
                }
                assertThat(wrong).as("users whose row took another number of steps").isEmpty();
            }
        }
    }

    private static GlocalChild start(Map<String, String> settings, Path dir, String name)
            throws Exception {
        Map<String, String> own = new HashMap<>(settings);
        own.put(GlocalStreamsConfig.DATA_DIR_CONFIG, dir.resolve(name).toString());
        return GlocalChild.start(
                List.of("-Dai.djl.offline=true", "-Xmx512m"),
                List.of("trainer", "--progress-every", "1"),
                own,
                dir.resolve(name + ".log"));
    }

    private static void awaitCommitted(
            Admin admin, String group, long offset, GlocalChild trainer, String what)
            throws Exception {
        await(what)
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () ->
                                committed(admin, group).values().stream()
                                                        .filter(o -> o == offset)
                                                        .count()
                                                == PARTITIONS
                                        || !trainer.isAlive());
        assertThat(committed(admin, group))
                .as(log(trainer))
                .hasSize(PARTITIONS)
                .allSatisfy((tp, o) -> assertThat(o).isEqualTo(offset));
    }

    private static Map<Integer, Long> committed(Admin admin, String group) throws Exception {
        Map<Integer, Long> out = new TreeMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        offsets.forEach(
                (tp, o) -> {
                    if (tp.topic().equals(Topics.TRAINING_BATCHES) && o != null) {
                        out.put(tp.partition(), o.offset());
                    }
                });
        return out;
    }

    private static String log(GlocalChild child) {
        return "the trainer printed:\n" + String.join("\n", child.lastLines(80));
    }

    /** The batches with their users and ids prefixed: partition p's users are its own. */
    private static List<ExampleBatch> prefixed(List<ExampleBatch> batches, String prefix) {
        List<ExampleBatch> out = new ArrayList<>();
        for (ExampleBatch b : batches) {
            String[] users = new String[b.size()];
            for (int i = 0; i < users.length; i++) {
                users[i] = prefix + b.userIds()[i];
            }
            out.add(
                    new ExampleBatch(
                            prefix + b.batchId(),
                            b.size(),
                            b.groupingVersion(),
                            users,
                            b.titleIds(),
                            b.territories(),
                            b.territoryGroups(),
                            b.activityGroups(),
                            b.exampleKinds(),
                            b.sampleSources(),
                            b.play(),
                            b.finished(),
                            b.skipped(),
                            b.watchRatio(),
                            b.weights(),
                            b.eventTimes()));
        }
        return out;
    }

    /** Batches [from, to) of every partition, partition p's to partition p. */
    private static void produce(
            EmbeddedKafkaBroker broker,
            GlocalSerdes serdes,
            List<List<ExampleBatch>> batches,
            int from,
            int to) {
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all"),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            for (int p = 0; p < batches.size(); p++) {
                for (ExampleBatch b : batches.get(p).subList(from, to)) {
                    producer.send(
                            new ProducerRecord<>(
                                    Topics.TRAINING_BATCHES,
                                    p,
                                    b.batchId(),
                                    serdes.trainingBatch()
                                            .serializer()
                                            .serialize(
                                                    Topics.TRAINING_BATCHES,
                                                    TrainingBatches.toAvro(b, 0L))));
                }
            }
        }
    }

    /** The latest committed state of every user on trainer-user-rows. */
    private static Map<String, UserRowState> changelog(EmbeddedKafkaBroker broker) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, UserRowState> out = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(Topics.TRAINER_USER_ROWS, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await("reading " + Topics.TRAINER_USER_ROWS)
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ZERO)
                    .until(
                            () -> {
                                for (ConsumerRecord<String, byte[]> r :
                                        consumer.poll(Duration.ofMillis(200))) {
                                    if (r.value() == null) {
                                        out.remove(r.key());
                                    } else {
                                        assertThat(r.partition())
                                                .as(r.key())
                                                .isEqualTo(r.key().startsWith("p0-") ? 0 : 1);
                                        out.put(
                                                r.key(),
                                                UserRowChangelog.decode(r.key(), r.value()).row());
                                    }
                                }
                                return partitions.stream()
                                        .allMatch(tp -> consumer.position(tp) >= end.get(tp));
                            });
        }
        return out;
    }
}
