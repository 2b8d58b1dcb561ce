package glocal.stream.chaos;

import static glocal.stream.config.GlocalStreamsConfig.APPLICATION_ID_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.BATCH_LINGER_MS_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.BOOTSTRAP_SERVERS_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.DATA_DIR_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.METRICS_PORT_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.QUERY_PORT_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.RANDOM_USER_RATE_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.SCHEMA_REGISTRY_URL_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.STATE_DIR_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.TRAINER_CHECKPOINT_DIR_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.TRAINER_CHECKPOINT_EVERY_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.TRAINER_PUBLISH_INTERVAL_MS_CONFIG;

import glocal.model.synthetic.SyntheticConfig;
import glocal.schemas.registry.server.EmbeddedRegistry;
import glocal.schemas.registry.server.RegistryServerConfig;
import glocal.stream.Topics;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.produce.SyntheticSource;
import glocal.stream.serde.GlocalSerdes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Glocal under SIGKILL, as an operator would see it: a real broker and registry, the stream side
 * and the trainer as separate {@code glocal streams} / {@code glocal trainer} processes, synthetic
 * views flowing (some invalid, some sent twice) while each process is killed with SIGKILL and
 * started again. When everything has drained, the topics alone say whether every valid play became
 * exactly one PLAY example, every invalid record exactly one dead letter, every committed batch
 * exactly one training step, and whether any output holds NaN or an infinity. Every user is sampled
 * ({@code glocal.sample.random.user.rate=1}) so that each valid play must appear once.
 */
public final class ChaosRun {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(30);

    private final ChaosSettings settings;
    private final PrintStream progress;

    public ChaosRun(ChaosSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public ChaosReport run() throws IOException, InterruptedException, ExecutionException {
        long started = System.nanoTime();
        Files.createDirectories(settings.workDir());
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                EmbeddedRegistry registry =
                        EmbeddedRegistry.start(
                                "chaos-" + System.nanoTime(), RegistryServerConfig.defaults())) {
            broker.createTopics(TopicSpec.glocalTopics(settings.partitions()));
            GlocalSerdes serdes = GlocalSerdes.forUrl(registry.mockUrl());
            Map<String, String> child =
                    childSettings(broker.bootstrapServers(), registry.httpUrl());
            SyntheticConfig world =
                    SyntheticConfig.defaults().toBuilder().users(settings.users()).build();
            ChaosProducer producer =
                    new ChaosProducer(
                            broker.bootstrapServers(),
                            serdes.viewEvent().serializer(),
                            SyntheticSource.world(
                                            world,
                                            settings.seed(),
                                            settings.events(),
                                            Clock.systemUTC())
                                    .views(settings.events()),
                            settings.events(),
                            settings.eventsPerSecond());
            List<Double> restore = new ArrayList<>();
            List<Double> trainerRestart = new ArrayList<>();
            int[] kills = new int[2];
            boolean killsDuringSending;
            long sendingStarted;
            try (ChildService streams =
                            new ChildService(
                                    "streams", child, settings.workDir(), settings.childHeap());
                    ChildService trainer =
                            new ChildService(
                                    "trainer", child, settings.workDir(), settings.childHeap())) {
                streams.start();
                trainer.start();
                streams.awaitRunning(START_TIMEOUT);
                trainer.awaitRunning(START_TIMEOUT);
                progress.printf(
                        "chaos: stream side and trainer running; sending %,d views at %,.0f/s%n",
                        settings.events(), settings.eventsPerSecond());
                Thread sender = new Thread(producer, "glocal-chaos-producer");
                sendingStarted = System.nanoTime();
                sender.start();
                killsDuringSending =
                        killOnSchedule(
                                streams,
                                trainer,
                                producer,
                                sendingStarted,
                                restore,
                                trainerRestart,
                                kills);
                producer.awaitDone(DRAIN_TIMEOUT);
                double sendingSeconds = (System.nanoTime() - sendingStarted) / 1e9;
                progress.printf(
                        "chaos: all views sent in %.1f s; waiting for the stream side and the trainer to drain%n",
                        sendingSeconds);
                OutputAudit audit =
                        new OutputAudit(new TopicReader(broker.bootstrapServers()), serdes);
                awaitStreamsCaughtUp(
                        broker.bootstrapServers(), child.get(APPLICATION_ID_CONFIG), streams);
                long batches = awaitBatchesSettled(audit);
                awaitTrainerAt(audit, batches, trainer);
                trainer.stop(Duration.ofSeconds(60));
                streams.stop(Duration.ofSeconds(60));

                OutputAudit.Batches committed = audit.batches();
                KeyHashes.Difference plays = committed.plays().against(producer.validPlays());
                Map<String, Long> nonFinite = new TreeMap<>(audit.nonFiniteOutputs());
                nonFinite.put(Topics.TRAINING_BATCHES, committed.nonFinite());
                Map<String, Long> invalid = new TreeMap<>();
                for (ChaosProducer.Invalid kind : ChaosProducer.Invalid.values()) {
                    if (producer.invalid(kind) > 0) {
                        invalid.put(kind.reason, producer.invalid(kind));
                    }
                }
                return new ChaosReport(
                        producer.sent(),
                        producer.valid(),
                        producer.validPlays().size(),
                        producer.duplicates(),
                        invalid,
                        audit.deadLetters(),
                        plays.missing(),
                        plays.extra(),
                        committed.batches(),
                        audit.trainerVersion(),
                        nonFinite,
                        kills[0],
                        kills[1],
                        killsDuringSending,
                        restore,
                        trainerRestart,
                        sendingSeconds,
                        (System.nanoTime() - started) / 1e9);
            }
        }
    }

    private Map<String, String> childSettings(String bootstrap, String registryUrl) {
        Map<String, String> s = new HashMap<>();
        s.put(BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        s.put(SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        s.put(APPLICATION_ID_CONFIG, "glocal-chaos");
        s.put(STATE_DIR_CONFIG, settings.workDir().resolve("streams-state").toString());
        s.put(DATA_DIR_CONFIG, settings.workDir().resolve("data").toString());
        s.put(TRAINER_CHECKPOINT_DIR_CONFIG, settings.workDir().resolve("checkpoints").toString());
        s.put(TRAINER_CHECKPOINT_EVERY_CONFIG, "10");
        s.put(TRAINER_PUBLISH_INTERVAL_MS_CONFIG, "1000");
        s.put(BATCH_LINGER_MS_CONFIG, "1000");
        s.put(RANDOM_USER_RATE_CONFIG, "1.0");
        s.put(METRICS_PORT_CONFIG, "-1");
        s.put(QUERY_PORT_CONFIG, "0");
        s.putAll(settings.childSettings());
        new GlocalStreamsConfig(s); // fail here, naming the key, rather than in a child's log
        return s;
    }

    /**
     * Kills the stream side and the trainer {@code killsPerService} times each, each on its own
     * thread and schedule, spread evenly over the sending time (the trainer's half a gap after the
     * stream side's), and starts each again at once; a kill that falls due while its service is
     * still restarting waits for it. Returns whether every kill came while views were being sent.
     */
    private boolean killOnSchedule(
            ChildService streams,
            ChildService trainer,
            ChaosProducer producer,
            long sendingStarted,
            List<Double> restore,
            List<Double> trainerRestart,
            int[] kills)
            throws InterruptedException, ExecutionException {
        double gapNanos = settings.sendingSeconds() * 1e9 / (settings.killsPerService() + 1);
        ExecutorService killers = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> a =
                    killers.submit(
                            () ->
                                    killRepeatedly(
                                            streams,
                                            producer,
                                            sendingStarted,
                                            gapNanos,
                                            0,
                                            restore,
                                            kills,
                                            0));
            Future<Boolean> b =
                    killers.submit(
                            () ->
                                    killRepeatedly(
                                            trainer,
                                            producer,
                                            sendingStarted,
                                            gapNanos,
                                            0.5,
                                            trainerRestart,
                                            kills,
                                            1));
            boolean streamsKilled = a.get(); // wait for both killers, whatever the first says
            boolean trainerKilled = b.get();
            return streamsKilled && trainerKilled;
        } finally {
            killers.shutdownNow();
        }
    }

    private boolean killRepeatedly(
            ChildService victim,
            ChaosProducer producer,
            long sendingStarted,
            double gapNanos,
            double offset,
            List<Double> restartSeconds,
            int[] kills,
            int slot)
            throws IOException, InterruptedException {
        boolean allDuringSending = true;
        for (int k = 0; k < settings.killsPerService(); k++) {
            // the last kill of either schedule is due before the sending ends: (K + 0.5) / (K + 1)
            // of it
            long due = sendingStarted + (long) ((k + 1 + offset) * gapNanos);
            while (System.nanoTime() < due) {
                Thread.sleep(Math.max(1, Math.min(200, (due - System.nanoTime()) / 1_000_000)));
            }
            allDuringSending &= !producer.done();
            victim.kill9();
            synchronized (kills) {
                kills[slot]++;
            }
            victim.start();
            double seconds = victim.awaitRunning(START_TIMEOUT).toNanos() / 1e9;
            synchronized (restartSeconds) {
                restartSeconds.add(seconds);
            }
            progress.printf(
                    "chaos: killed glocal %s (kill %d of %d, %,d views sent by then); running again after"
                            + " %.1f s%n",
                    victim.command(), k + 1, settings.killsPerService(), producer.sent(), seconds);
        }
        return allDuringSending;
    }

    /**
     * Until the stream side's committed offsets on {@code views} reach the end of every partition.
     */
    private static void awaitStreamsCaughtUp(
            String bootstrap, String applicationId, ChildService streams)
            throws InterruptedException, ExecutionException {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<TopicPartition> partitions =
                    admin
                            .describeTopics(List.of(Topics.VIEWS))
                            .allTopicNames()
                            .get()
                            .get(Topics.VIEWS)
                            .partitions()
                            .stream()
                            .map(p -> new TopicPartition(Topics.VIEWS, p.partition()))
                            .toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (true) {
                Map<TopicPartition, Long> end = new HashMap<>();
                admin.listOffsets(latest)
                        .all()
                        .get()
                        .forEach((tp, info) -> end.put(tp, info.offset()));
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(applicationId)
                                .partitionsToOffsetAndMetadata()
                                .get();
                boolean caughtUp =
                        partitions.stream()
                                .allMatch(
                                        tp ->
                                                committed.get(tp) != null
                                                        && committed.get(tp).offset()
                                                                >= end.get(tp));
                if (caughtUp) {
                    return;
                }
                if (!streams.alive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the stream side did not catch up with views (committed "
                                    + committed
                                    + ", end "
                                    + end
                                    + "); its log ends with:\n"
                                    + streams.tail());
                }
                Thread.sleep(250);
            }
        }
    }

    /**
     * Until the committed batch count stops growing (the last partial batch leaves after the
     * linger).
     */
    private static long awaitBatchesSettled(OutputAudit audit) throws InterruptedException {
        long last = -1;
        int stable = 0;
        while (stable < 3) {
            Thread.sleep(1_000);
            long now = audit.batchCount();
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
        return last;
    }

    /** Until the trainer's published model version reaches {@code batches}. */
    private static void awaitTrainerAt(OutputAudit audit, long batches, ChildService trainer)
            throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        long version;
        while ((version = audit.trainerVersion()) < batches) {
            if (!trainer.alive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the trainer stopped at version "
                                + version
                                + " of "
                                + batches
                                + " batches; its log ends with:\n"
                                + trainer.tail());
            }
            Thread.sleep(1_000);
        }
    }
}
