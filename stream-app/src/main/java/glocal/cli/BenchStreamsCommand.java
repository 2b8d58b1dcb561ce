package glocal.cli;

import static glocal.stream.config.GlocalStreamsConfig.*;

import glocal.schemas.registry.MockSchemaRegistry;
import glocal.stream.GlocalMetrics;
import glocal.stream.app.GlocalStreamsApp;
import glocal.stream.bench.CommittedRate;
import glocal.stream.bench.ReferenceTopology;
import glocal.stream.bench.SyntheticViews;
import glocal.stream.bench.ViewLoad;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.config.GlocalStreamsConfig;
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
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glocal bench streams}: the same synthetic views through (a) the reference topology — one
 * count per view in a store keyed by user ({@link ReferenceTopology}), the smallest stateful
 * per-user application — and (b) the whole Glocal topology, both on the embedded broker with the
 * same processing guarantee, store type, partitions, threads and Kafka Streams settings; prints
 * events/s and stream-thread CPU per event side by side, Glocal's rate as a ratio to the
 * reference's, and the JVM's peak heap.
 */
@Command(
        name = "streams",
        mixinStandardHelpOptions = true,
        description =
                "Events/s through the Glocal topology vs a reference topology (one RocksDB count per view keyed by user), on the embedded broker.")
public final class BenchStreamsCommand implements Callable<Integer> {

    /** Share of the views treated as warm-up before the sustained rate is measured. */
    private static final double WARM_UP_SHARE = 0.25;

    private static final String GLOCAL_APPLICATION = "glocal-bench";
    private static final String REFERENCE_APPLICATION = "glocal-bench-reference";

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

            GlocalStreamsConfig config = config(broker, stateDir);
            Properties ap = new Properties();
            ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (Admin admin = Admin.create(ap)) {
                CommittedRate reference = reference(broker, serdes, config, admin);
                print(out, "reference topology (count per user)", reference);
                CommittedRate glocal = topology(broker, serdes, config, admin, out);
                print(
                        out,
                        String.format(
                                "Glocal topology (%s, %s, %d partition(s), %d thread(s)%s)",
                                store,
                                guarantee,
                                synthetic.partitions,
                                threads,
                                overrides.isEmpty() ? "" : ", " + overrides),
                        glocal);
                out.printf(
                        "ratio Glocal / reference: %.2f overall%s; stream-thread CPU per event %.1fx the reference's%n",
                        glocal.eventsPerSecond() / reference.eventsPerSecond(),
                        glocal.hasSustained() && reference.hasSustained()
                                ? String.format(
                                        ", %.2f sustained",
                                        glocal.sustainedEventsPerSecond()
                                                / reference.sustainedEventsPerSecond())
                                : "",
                        glocal.cpuMicrosPerEvent() / reference.cpuMicrosPerEvent());
            }
            out.printf(
                    "peak heap: %,d MB (max heap %,d MB)%n",
                    peakHeapBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            out.flush();
        } finally {
            MockSchemaRegistry.dropScope(scope);
            deleteTree(stateDir);
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

    /** The Glocal configuration under test; the reference runs with its Kafka Streams settings. */
    private GlocalStreamsConfig config(EmbeddedKafkaBroker broker, Path stateDir) {
        Map<String, Object> props = new HashMap<>(overrides);
        props.put(BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(APPLICATION_ID_CONFIG, GLOCAL_APPLICATION);
        props.put(STATE_DIR_CONFIG, stateDir.toString());
        props.put(STATE_STORE_TYPE_CONFIG, store);
        props.put(PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(QUERY_PORT_CONFIG, 0);
        props.put(QUERY_HOST_CONFIG, "127.0.0.1");
        props.put(STREAM_THREADS_CONFIG, threads);
        return new GlocalStreamsConfig(props);
    }

    private CommittedRate reference(
            EmbeddedKafkaBroker broker,
            GlocalSerdes serdes,
            GlocalStreamsConfig config,
            Admin admin)
            throws Exception {
        Properties props = config.streamsProperties(broker.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, REFERENCE_APPLICATION);
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Path.of(config.getString(STATE_DIR_CONFIG), "reference").toString());
        // Kafka Streams' own record cache (10 MB by default), as a plain count application has it:
        // Glocal turns it off because its processors hold their state in memory themselves.
        props.remove(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG);
        props.remove(
                StreamsConfig.mainConsumerPrefix(
                        org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        try (KafkaStreams streams =
                new KafkaStreams(
                        ReferenceTopology.build(serdes.viewEvent(), IN_MEMORY.equals(store)),
                        props)) {
            streams.setUncaughtExceptionHandler(
                    e -> {
                        failure.compareAndSet(null, e);
                        return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
                                .StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                    });
            streams.start();
            return CommittedRate.measure(
                    admin,
                    REFERENCE_APPLICATION,
                    streamThreads(REFERENCE_APPLICATION),
                    events,
                    WARM_UP_SHARE,
                    Duration.ofSeconds(timeoutSeconds),
                    failure::get);
        }
    }

    private CommittedRate topology(
            EmbeddedKafkaBroker broker,
            GlocalSerdes serdes,
            GlocalStreamsConfig config,
            Admin admin,
            PrintWriter out)
            throws Exception {
        GlocalMetrics metrics = new GlocalMetrics(new SimpleMeterRegistry());
        try (GlocalStreamsApp app =
                new GlocalStreamsApp(
                        config, broker.bootstrapServers(), serdes, metrics, new Properties())) {
            app.start(Duration.ofSeconds(120));
            CommittedRate rate =
                    CommittedRate.measure(
                            admin,
                            GLOCAL_APPLICATION,
                            streamThreads(GLOCAL_APPLICATION),
                            events,
                            WARM_UP_SHARE,
                            Duration.ofSeconds(timeoutSeconds),
                            app::failure);
            out.printf(
                    "Glocal topology wrote %,.0f training batches, %,.0f examples, %,.0f dead letters, %,.0f duplicates%n",
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

    private static Pattern streamThreads(String applicationId) {
        return Pattern.compile(Pattern.quote(applicationId) + "-.*-StreamThread-\\d+");
    }

    private static void print(PrintWriter out, String what, CommittedRate rate) {
        out.printf(
                "%s: %,.0f events/s, stream thread CPU %.1f µs/event, %.0f %% of one core%n",
                what, rate.eventsPerSecond(), rate.cpuMicrosPerEvent(), 100 * rate.coreShare());
        if (rate.hasSustained()) {
            out.printf(
                    "  sustained, after the first %,d views (warm-up): %,.0f events/s, %.1f µs/event, %.0f %% of one core%n",
                    rate.warmUpEvents(),
                    rate.sustainedEventsPerSecond(),
                    rate.sustainedCpuMicrosPerEvent(),
                    100 * rate.sustainedCoreShare());
        }
        out.flush();
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

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
