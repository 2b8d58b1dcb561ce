package glocal.stream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import glocal.model.batch.ExampleBatch;
import glocal.model.train.Checkpoint;
import glocal.model.train.ModelSpec;
import glocal.model.train.OnlineTrainer;
import glocal.schemas.registry.server.EmbeddedRegistry;
import glocal.schemas.registry.server.RegistryServerConfig;
import glocal.stream.Topics;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.examples.TrainingBatches;
import glocal.stream.runtime.GlocalChild;
import glocal.stream.serde.GlocalSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer is killed with SIGKILL (kill -9) in the middle of a run, in its own JVM started with
 * {@code glocal trainer}; a new trainer resumes from the checkpoint. Proof that no batch was lost
 * and none trained twice: the resumed model has taken exactly one step per batch, and its vectors
 * equal those of a model trained once, in order, on every batch without interruption.
 */
class TrainerCrashRecoveryTest {

    private static final int BATCHES = 40;

    @Test
    void killDashNineMidRunThenRestartLosesNoBatchAndTrainsNoneTwice(@TempDir Path dir)
            throws Exception {
        OnlineTrainer.configureThreads(1);
        List<ExampleBatch> batches = TrainerServiceTest.labelledBatches(13, BATCHES, 256);
        String scope = getClass().getSimpleName();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                EmbeddedRegistry registry =
                        EmbeddedRegistry.start(scope, RegistryServerConfig.defaults())) {
            broker.createTopics(TopicSpec.glocalTopics(1));
            GlocalSerdes serdes = GlocalSerdes.forUrl(registry.mockUrl());
            produce(broker, serdes, batches);

            Map<String, String> settings = new HashMap<>();
            settings.put(GlocalStreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            settings.put(GlocalStreamsConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.httpUrl());
            settings.put(
                    GlocalStreamsConfig.TRAINER_CHECKPOINT_DIR_CONFIG,
                    dir.resolve("ckpt").toString());
            settings.put(GlocalStreamsConfig.TRAINER_CHECKPOINT_EVERY_CONFIG, "5");
            settings.put(GlocalStreamsConfig.TRAINER_MAX_POLL_RECORDS_CONFIG, "1");
            settings.put(GlocalStreamsConfig.MODEL_EMBEDDING_DIM_CONFIG, "16");
            settings.put(GlocalStreamsConfig.MODEL_OUTPUT_DIM_CONFIG, "16");
            settings.put(GlocalStreamsConfig.MODEL_TOWER_HIDDEN_CONFIG, "16");
            // The pointwise setting, not the default softmax-logq with the popularity prior: under
            // the default, a resumed trainer's vectors were once seen to differ from an
            // uninterrupted run's in the last bits (every batch still trained exactly once), and an
            // in-process probe of checkpoint-restore-continue differed once in 22 restores without
            // a cause found (issue 17's closing note, 2026-12-04). Until that is found, this test
            // holds the bit-for-bit claim where it has always held.
            settings.put(GlocalStreamsConfig.TRAIN_LOSS_CONFIG, "bce");
            settings.put(GlocalStreamsConfig.MODEL_POPULARITY_PRIOR_CONFIG, "false");
            settings.put(GlocalStreamsConfig.TRAIN_LEARNING_RATE_CONFIG, "0.001");
            settings.put(GlocalStreamsConfig.TRAIN_EMBEDDING_LEARNING_RATE_CONFIG, "0.01");
            settings.put(GlocalStreamsConfig.METRICS_PORT_CONFIG, "-1");
            settings.put(GlocalStreamsConfig.DATA_DIR_CONFIG, dir.resolve("data").toString());
            GlocalStreamsConfig config = new GlocalStreamsConfig(settings);
            Path checkpoint = TrainerSettings.from(config).checkpointFile();

            Path log = dir.resolve("trainer.log");
            GlocalChild child =
                    GlocalChild.start(
                            List.of("-Dai.djl.offline=true", "-Xmx1g"),
                            List.of("trainer", "--progress-every", "1"),
                            settings,
                            log);
            try {
                await("a checkpoint at step 10 or later, or the trainer process gone")
                        .atMost(Duration.ofSeconds(180))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> checkpointStep(checkpoint) >= 10 || !child.isAlive());
                assertThat(checkpointStep(checkpoint))
                        .as(
                                "checkpoint step; the trainer process printed:%n%s",
                                Files.exists(log) ? Files.readString(log) : "(nothing)")
                        .isGreaterThanOrEqualTo(10);
            } finally {
                child.kill(); // SIGKILL: no shutdown hook, no final checkpoint
            }
            long stepAtKill = checkpointStep(checkpoint);
            assertThat(stepAtKill).as("killed mid-run").isBetween(10L, (long) BATCHES - 1);

            try (TrainerService resumed =
                    new TrainerService(
                            TrainerSettings.from(config),
                            Map.of("bootstrap.servers", broker.bootstrapServers()),
                            serdes,
                            new SimpleMeterRegistry(),
                            Clock.systemUTC())) {
                resumed.start();
                await(BATCHES + " steps")
                        .atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> resumed.status().steps() == BATCHES);
                assertThat(resumed.status().batchesThisRun()).isEqualTo(BATCHES - stepAtKill);
            }

            ModelSpec spec = TrainerSettings.from(config).spec();
            try (OnlineTrainer recovered =
                            Checkpoint.restore(checkpoint, OnlineTrainer.preferredDevice())
                                    .trainer();
                    OnlineTrainer reference =
                            new OnlineTrainer(spec, OnlineTrainer.preferredDevice())) {
                for (ExampleBatch b : batches) {
                    reference.step(b);
                }
                assertThat(recovered.version()).isEqualTo(BATCHES);
                for (String user :
                        List.of(
                                batches.get(0).userIds()[0],
                                batches.get(BATCHES - 1).userIds()[3])) {
                    assertThat(recovered.userEmbedding(user, 0))
                            .containsExactly(reference.userEmbedding(user, 0));
                }
                String title = batches.get(BATCHES / 2).titleIds()[1];
                assertThat(recovered.titleEmbedding(title))
                        .containsExactly(reference.titleEmbedding(title));
            }
        }
    }

    private static long checkpointStep(Path checkpoint) {
        if (!Files.exists(checkpoint)) {
            return -1;
        }
        try {
            Properties p = Checkpoint.provenance(checkpoint);
            return Long.parseLong(p.getProperty(Checkpoint.PROVENANCE_VERSION));
        } catch (Exception e) {
            // The atomic move can race the read on some filesystems; try again on the next poll.
            return -1;
        }
    }

    private static void produce(
            EmbeddedKafkaBroker broker, GlocalSerdes serdes, List<ExampleBatch> batches) {
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all"),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            for (ExampleBatch b : batches) {
                producer.send(
                        new ProducerRecord<>(
                                Topics.TRAINING_BATCHES,
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
