package glocal.stream.demo;

import glocal.model.synthetic.SyntheticWorld;
import glocal.schemas.avro.UserEmbedding;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.registry.SchemaRegistryClients;
import glocal.stream.Topics;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.produce.ProduceStats;
import glocal.stream.produce.ProducerSettings;
import glocal.stream.produce.SyntheticSource;
import glocal.stream.produce.ViewPublisher;
import glocal.stream.runtime.GlocalProcess;
import glocal.stream.runtime.Infrastructure;
import glocal.stream.runtime.ProgressLine;
import glocal.stream.serde.GlocalSerdes;
import glocal.stream.trainer.TrainerService;
import glocal.stream.trainer.TrainerStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The whole system on one machine: infrastructure (embedded broker and registry unless configured),
 * the stream side, the trainer (mtl published, baseline trained beside it for comparison), and a
 * synthetic producer; then the comparison of the two models and of the territory list against the
 * world's ground truth.
 */
public final class DemoRunner {

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final DemoSettings settings;
    private final GlocalStreamsConfig config;
    private final MeterRegistry meters;
    private final PrintWriter out;
    private final PrintStream progressOut;

    public DemoRunner(
            DemoSettings settings,
            GlocalStreamsConfig config,
            MeterRegistry meters,
            PrintWriter out,
            PrintStream progressOut) {
        this.settings = settings;
        this.config = config;
        this.meters = meters;
        this.out = out;
        this.progressOut = progressOut;
    }

    public DemoReport run() throws Exception {
        SyntheticWorld world =
                SyntheticSource.world(
                        settings.world(), settings.seed(), settings.events(), Clock.systemUTC());
        try (Infrastructure infra = Infrastructure.start(config, null);
                GlocalProcess process =
                        GlocalProcess.start(config, GlocalProcess.allRoles(), infra, meters)) {
            out.printf(
                    "Glocal demo: %,d users, %,d titles, %d territories; %,d views%n",
                    world.userCount(),
                    world.titleCount(),
                    world.territories().size(),
                    settings.events());
            out.printf("  Kafka bootstrap   %s%n", infra.bootstrapServers());
            out.printf(
                    "  schema registry   %s  (consumers in any language can decode the topics)%n",
                    infra.registryHttpUrl());
            out.flush();
            TrainerService trainer = process.trainer().orElseThrow();
            ProgressLine progress = new ProgressLine(process);
            long started = System.nanoTime();
            publish(world, infra, progress);
            awaitDrained(infra, trainer, progress);
            double seconds = (System.nanoTime() - started) / 1e9;
            TrainerStatus status = trainer.status();
            ModelComparison.Comparison results =
                    trainer.inspect(
                                    new ModelComparison(
                                                    world,
                                                    settings.usersPerGroup(),
                                                    settings.topK())
                                            ::compare)
                            .get(5, TimeUnit.MINUTES);
            List<String> sample = sampleEmbeddings(infra, 3);
            return new DemoReport(
                    status, results.models(), results.territoryList(), sample, seconds);
        }
    }

    private void publish(SyntheticWorld world, Infrastructure infra, ProgressLine progress)
            throws Exception {
        ProducerSettings producer =
                new ProducerSettings(
                        infra.bootstrapServers(), infra.registryUrl(), settings.rate());
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread publisher =
                new Thread(
                        () -> {
                            try (SchemaRegistryClient registry =
                                            SchemaRegistryClients.create(infra.registryUrl());
                                    ViewPublisher views = ViewPublisher.open(producer, registry)) {
                                ProduceStats stats = new ProduceStats();
                                views.publishTitles(world.titleInfos(), stats);
                                // The demo's own progress line replaces the producer's bar.
                                views.publishViews(
                                        world.views(settings.events()),
                                        settings.events(),
                                        stats,
                                        new PrintStream(OutputStream.nullOutputStream()));
                            } catch (Exception e) {
                                failure.set(e);
                            }
                        },
                        "glocal-demo-producer");
        publisher.start();
        while (publisher.isAlive()) {
            publisher.join(PROGRESS_EVERY.toMillis());
            progressOut.println(progress.next());
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** Waits until the stream side has consumed every view and the trainer every batch. */
    private void awaitDrained(Infrastructure infra, TrainerService trainer, ProgressLine progress)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        long lingerMs = config.getLong(GlocalStreamsConfig.BATCH_LINGER_MS_CONFIG);
        long stableSince = System.nanoTime();
        long lastSteps = -1;
        long lastPrint = System.nanoTime();
        try (Admin admin = Admin.create(new HashMap<>(infra.clientProperties()))) {
            while (System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                TrainerStatus s = trainer.status();
                if (s.steps() != lastSteps) {
                    lastSteps = s.steps();
                    stableSince = System.nanoTime();
                }
                boolean quietLongEnough =
                        (System.nanoTime() - stableSince) / 1_000_000 > lingerMs + 3_000;
                if (viewsLag(admin) == 0 && s.lag() == 0 && quietLongEnough) {
                    return;
                }
                if (System.nanoTime() - lastPrint >= PROGRESS_EVERY.toNanos()) {
                    progressOut.println(progress.next());
                    lastPrint = System.nanoTime();
                }
            }
        }
        throw new TimeoutException(
                "the stream side and trainer did not drain within " + DRAIN_TIMEOUT);
    }

    private long viewsLag(Admin admin) throws InterruptedException, ExecutionException {
        String group = config.getString(GlocalStreamsConfig.APPLICATION_ID_CONFIG);
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(Topics.VIEWS))
                .allTopicNames()
                .get()
                .get(Topics.VIEWS)
                .partitions()
                .forEach(
                        p ->
                                latest.put(
                                        new TopicPartition(Topics.VIEWS, p.partition()),
                                        OffsetSpec.latest()));
        long lag = 0;
        for (var e : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue().offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    /**
     * The most recently published user vectors, decoded from user-embeddings as any consumer would.
     */
    private List<String> sampleEmbeddings(Infrastructure infra, int count) {
        GlocalSerdes serdes = GlocalSerdes.forUrl(infra.registryUrl());
        Map<String, UserEmbedding> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        new HashMap<>(infra.clientProperties()),
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.USER_EMBEDDINGS).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    latest.put(
                            r.key(),
                            serdes.userEmbedding()
                                    .deserializer()
                                    .deserialize(r.topic(), r.value()));
                }
            }
        }
        return latest.values().stream()
                .sorted(
                        Comparator.comparingLong(UserEmbedding::getModelVersion)
                                .reversed()
                                .thenComparing(UserEmbedding::getUserId))
                .limit(count)
                .map(DemoReport::describe)
                .toList();
    }
}
