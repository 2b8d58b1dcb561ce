package glocal.cli;

import static glocal.stream.config.GlocalStreamsConfig.*;

import glocal.schemas.registry.MockSchemaRegistry;
import glocal.stream.GlocalMetrics;
import glocal.stream.Topics;
import glocal.stream.app.GlocalStreamsApp;
import glocal.stream.bench.SyntheticViews;
import glocal.stream.bench.ViewLoad;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.runtime.Directories;
import glocal.stream.serde.GlocalSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glocal bench streams}: the same synthetic views through (a) a plain consumer that only
 * deserializes them — the ceiling — and (b) the whole Glocal topology, both on the embedded broker;
 * prints events/s side by side, the ratio and the JVM's peak heap.
 */
@Command(
        name = "streams",
        mixinStandardHelpOptions = true,
        description =
                "Events/s through the Glocal topology vs a plain deserializing consumer, on the embedded broker.")
public final class BenchStreamsCommand implements Callable<Integer> {

    /** Share of the views treated as warm-up before the sustained rate is measured. */
    private static final double WARM_UP_SHARE = 0.25;

    @Spec CommandSpec spec;

    @Option(
            names = "--events",
            defaultValue = "2000000",
            description = "Views to produce (default ${DEFAULT-VALUE}).")
    long events;

    @Mixin SyntheticLoadOptions synthetic;

    @Option(
            names = "--store",
            defaultValue = ROCKSDB,
            description = "State store type: rocksdb or in-memory (default ${DEFAULT-VALUE}).")
    String store;

    @Option(
            names = "--guarantee",
            defaultValue = StreamsConfig.EXACTLY_ONCE_V2,
            description = "processing.guarantee (default ${DEFAULT-VALUE}).")
    String guarantee;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description = "Stream threads, glocal.stream.threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--timeout-s",
            defaultValue = "900",
            description = "Give up after this many seconds per phase.")
    long timeoutSeconds;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "Sets a glocal.* key of the topology under test, e.g. --set glocal.commit.interval.ms=5000.")
    Map<String, String> overrides = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String scope = "bench-" + ProcessHandle.current().pid();
        Path stateDir = Files.createTempDirectory("glocal-bench-state");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(TopicSpec.glocalTopics(synthetic.partitions));
            GlocalSerdes serdes = GlocalSerdes.forUrl(MockSchemaRegistry.SCHEME + scope);
            long t0 = System.nanoTime();
            produce(broker, serdes);
            double produceSecs = (System.nanoTime() - t0) / 1e9;
            out.printf(
                    "produced %,d views in %.1f s (%,.0f/s)%n",
                    events, produceSecs, events / produceSecs);
            out.flush();

            double ceiling = plainConsumer(broker, serdes);
            out.printf("plain deserializing consumer: %,.0f events/s%n", ceiling);
            out.flush();

            double topology = topology(broker, serdes, stateDir, out);
            out.printf(
                    "Glocal topology (%s, %s, %d partition(s), %d thread(s)%s): %,.0f events/s%n",
                    store,
                    guarantee,
                    synthetic.partitions,
                    threads,
                    overrides.isEmpty() ? "" : ", " + overrides,
                    topology);
            out.printf("ratio topology / plain consumer: %.2f%n", topology / ceiling);
            out.printf(
                    "peak heap: %,d MB (max heap %,d MB)%n",
                    peakHeapBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            out.flush();
        } finally {
            MockSchemaRegistry.dropScope(scope);
            Directories.deleteTree(stateDir);
        }
        return 0;
    }

    private void produce(EmbeddedKafkaBroker broker, GlocalSerdes serdes) {
        long hourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        SyntheticViews views = new SyntheticViews(42, synthetic.users, synthetic.titles, hourAgo);
        try (ViewLoad load =
                new ViewLoad(broker.bootstrapServers(), serdes.viewEvent().serializer(), views)) {
            load.send(events, 0);
        }
    }

    private double plainConsumer(EmbeddedKafkaBroker broker, GlocalSerdes serdes) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-plain");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        var deserializer = serdes.viewEvent().deserializer();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.VIEWS));
            long seen = 0;
            long checksum = 0;
            long start = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            while (seen < events) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "plain consumer saw only " + seen + " of " + events + " views");
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (start == 0) {
                        start = System.nanoTime();
                    }
                    checksum +=
                            deserializer
                                    .deserialize(Topics.VIEWS, r.value())
                                    .getEventTime()
                                    .toEpochMilli();
                    seen++;
                }
            }
            if (checksum == 0) {
                throw new IllegalStateException("views decoded to empty event times");
            }
            return seen / ((System.nanoTime() - start) / 1e9);
        }
    }

    private double topology(
            EmbeddedKafkaBroker broker, GlocalSerdes serdes, Path stateDir, PrintWriter out)
            throws Exception {
        Map<String, Object> props = new HashMap<>(overrides);
        props.put(BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(APPLICATION_ID_CONFIG, "glocal-bench");
        props.put(STATE_DIR_CONFIG, stateDir.toString());
        props.put(STATE_STORE_TYPE_CONFIG, store);
        props.put(PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(QUERY_PORT_CONFIG, 0);
        props.put(QUERY_HOST_CONFIG, "127.0.0.1");
        props.put(STREAM_THREADS_CONFIG, threads);
        GlocalStreamsConfig config = new GlocalStreamsConfig(props);
        GlocalMetrics metrics = new GlocalMetrics(new SimpleMeterRegistry());
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (GlocalStreamsApp app =
                        new GlocalStreamsApp(
                                config,
                                broker.bootstrapServers(),
                                serdes,
                                metrics,
                                new Properties());
                Admin admin = Admin.create(ap)) {
            app.start(Duration.ofSeconds(120));
            long cpuStart = streamThreadCpuNanos();
            long start = System.nanoTime();
            long deadline = start + Duration.ofSeconds(timeoutSeconds).toNanos();
            long committed = 0;
            // Warm-up: the views up to the first commit past WARM_UP_SHARE of them (JIT
            // compilation, RocksDB
            // memtables and producer buffers filling); the sustained rate is measured from there to
            // the end.
            long warmCommitted = -1;
            long warmNanos = 0;
            long warmCpu = 0;
            while (committed < events) {
                if (System.nanoTime() > deadline || app.failure() != null) {
                    throw new IllegalStateException(
                            "topology committed only " + committed + " of " + events + " views",
                            app.failure());
                }
                Thread.sleep(100); // polling committed offsets, not waiting for a result
                committed = 0;
                Map<TopicPartition, OffsetAndMetadata> offsets =
                        admin.listConsumerGroupOffsets("glocal-bench")
                                .partitionsToOffsetAndMetadata()
                                .get();
                for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                    if (e.getKey().topic().equals(Topics.VIEWS) && e.getValue() != null) {
                        committed += e.getValue().offset();
                    }
                }
                if (warmCommitted < 0
                        && committed >= WARM_UP_SHARE * events
                        && committed < events) {
                    warmCommitted = committed;
                    warmNanos = System.nanoTime();
                    warmCpu = streamThreadCpuNanos();
                }
            }
            long end = System.nanoTime();
            long cpuEnd = streamThreadCpuNanos();
            double secs = (end - start) / 1e9;
            double rate = committed / secs;
            long cpu = cpuEnd - cpuStart;
            // CPU per event does not depend on what else the machine runs, unlike events/s.
            out.printf(
                    "stream thread CPU: %.1f µs/event, %.0f %% of one core%n",
                    cpu / 1e3 / committed, 100.0 * cpu / 1e9 / secs);
            if (warmCommitted > 0) {
                double sustainedSecs = (end - warmNanos) / 1e9;
                long sustainedEvents = committed - warmCommitted;
                out.printf(
                        "sustained, after the first %,d views (warm-up): %,.0f events/s, stream thread CPU %.1f µs/event, "
                                + "%.0f %% of one core%n",
                        warmCommitted,
                        sustainedEvents / sustainedSecs,
                        (cpuEnd - warmCpu) / 1e3 / sustainedEvents,
                        100.0 * (cpuEnd - warmCpu) / 1e9 / sustainedSecs);
            }
            out.printf(
                    "topology wrote %,.0f training batches, %,.0f examples, %,.0f dead letters, %,.0f duplicates%n",
                    metrics.registry().find(GlocalMetrics.BATCHES).counter().count(),
                    metrics.registry().find(GlocalMetrics.EXAMPLES).counters().stream()
                            .mapToDouble(c -> c.count())
                            .sum(),
                    metrics.registry().find(GlocalMetrics.DLQ_RECORDS).counters().stream()
                            .mapToDouble(c -> c.count())
                            .sum(),
                    metrics.registry().find(GlocalMetrics.DUPLICATES).counter().count());
            return rate;
        }
    }

    /**
     * CPU time of the Kafka Streams processing threads (not their producer or consumer I/O
     * threads).
     */
    private static long streamThreadCpuNanos() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo info :
                threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().matches("glocal-bench-.*-StreamThread-\\d+")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
