package glocal.stream.bench;

import static glocal.stream.config.GlocalStreamsConfig.APPLICATION_ID_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.BATCH_LINGER_MS_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.BATCH_SIZE_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.BOOTSTRAP_SERVERS_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.DATA_DIR_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.IMPRESSION_WINDOW_MS_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.METRICS_PORT_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.QUERY_PORT_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.SCHEMA_REGISTRY_URL_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.STATE_DIR_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.TRAINER_CHECKPOINT_DIR_CONFIG;
import static glocal.stream.config.GlocalStreamsConfig.TRAINER_PUBLISH_INTERVAL_MS_CONFIG;

import glocal.model.bench.ProcessMemory;
import glocal.model.synthetic.SyntheticConfig;
import glocal.model.synthetic.SyntheticWorld;
import glocal.schemas.avro.TrainingBatch;
import glocal.schemas.avro.TrainingMetric;
import glocal.schemas.registry.server.EmbeddedRegistry;
import glocal.schemas.registry.server.RegistryServerConfig;
import glocal.stream.Topics;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.chaos.ChildService;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.examples.TrainingBatches;
import glocal.stream.runtime.GlocalChild;
import glocal.stream.serde.GlocalSerdes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The whole pipeline on one machine, as an operator runs it: an embedded broker and registry,
 * {@code glocal streams} and {@code glocal trainer} as processes of their own, live synthetic views
 * (event time = send time, {@link LiveViews}) at a set rate. While the views flow it follows what
 * an operator would watch: the stream side's committed offsets on {@code views} ({@link
 * CommittedRate}), the committed batches on {@code training-batches} against the trainer's steps
 * (the trainer's lag, sampled every second), the trainer's examples, the freshness percentiles the
 * trainer publishes on {@code training-metrics} per publication, and each child's peak resident
 * memory. It ends when every view is committed, every batch trained and the last step published.
 */
public final class PipelineRun {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(30);
    private static final String APPLICATION_ID = "glocal-pipeline";
    private static final Pattern TRAINER_PROGRESS =
            Pattern.compile("\\| steps ([\\d,]+) \\| examples ([\\d,]+)");
    private static final Pattern TRAINER_LAG = Pattern.compile("\\| lag ([\\d,]+)");

    /**
     * One second of the run as the bench saw it; {@code batches} are those committed by the time
     * the trainer printed the {@code steps} (its progress line), so both describe one instant.
     */
    record Sample(
            long nanos,
            long sent,
            long batches,
            long steps,
            long examples,
            long reportedLag,
            double streamsCpu,
            double trainerCpu) {
        long lag() {
            return Math.max(0, batches - steps);
        }
    }

    /** One publication's freshness as the trainer put it on {@code training-metrics}. */
    record Publication(long timestampMs, long step, long vectors, double[] seconds) {}

    private final PipelineSettings settings;
    private final PrintStream progress;

    public PipelineRun(PipelineSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public PipelineReport run() throws IOException, InterruptedException, ExecutionException {
        long started = System.nanoTime();
        double loadBefore = loadAverage();
        Files.createDirectories(settings.workDir());
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                EmbeddedRegistry registry =
                        EmbeddedRegistry.start(
                                "pipeline-" + System.nanoTime(), RegistryServerConfig.defaults())) {
            broker.createTopics(TopicSpec.glocalTopics(settings.partitions()));
            GlocalSerdes serdes = GlocalSerdes.forUrl(registry.mockUrl());
            Map<String, String> child =
                    childSettings(broker.bootstrapServers(), registry.httpUrl());
            GlocalStreamsConfig config = new GlocalStreamsConfig(child);
            long lingerMs = config.getLong(BATCH_LINGER_MS_CONFIG);
            long publishMs = config.getLong(TRAINER_PUBLISH_INTERVAL_MS_CONFIG);
            int batchSize = config.getInt(BATCH_SIZE_CONFIG);
            SyntheticWorld world =
                    new SyntheticWorld(
                            SyntheticConfig.defaults().toBuilder().users(settings.users()).build(),
                            settings.seed());
            LiveViews views =
                    new LiveViews(
                            broker.bootstrapServers(),
                            serdes.viewEvent().serializer(),
                            world.views(settings.events()),
                            settings.events(),
                            settings.eventsPerSecond());

            AtomicLong batches = new AtomicLong();
            BatchArrivals arrivals = new BatchArrivals();
            AtomicLong batchExamples = new AtomicLong();
            Deserializer<TrainingBatch> batchReader = serdes.trainingBatch().deserializer();
            Deserializer<TrainingMetric> metricReader = serdes.trainingMetric().deserializer();
            Map<String, Publication> publications = new TreeMap<>();
            List<Sample> samples = new CopyOnWriteArrayList<>();
            long[] peakRss = {-1, -1};
            try (ChildService streams =
                            new ChildService(
                                    "streams", child, settings.workDir(), settings.childHeap());
                    ChildService trainer =
                            new ChildService(
                                    "trainer", child, settings.workDir(), settings.childHeap());
                    TopicTail batchTail =
                            new TopicTail(
                                    broker.bootstrapServers(),
                                    Topics.TRAINING_BATCHES,
                                    (nanos, r) -> {
                                        batchExamples.addAndGet(
                                                TrainingBatches.toExampleBatch(
                                                                batchReader.deserialize(
                                                                        r.topic(), r.value()))
                                                        .size());
                                        batches.incrementAndGet();
                                        arrivals.add(nanos);
                                    });
                    TopicTail metricTail =
                            new TopicTail(
                                    broker.bootstrapServers(),
                                    Topics.TRAINING_METRICS,
                                    (nanos, r) ->
                                            notePublication(
                                                    metricReader.deserialize(r.topic(), r.value()),
                                                    publications));
                    Admin admin =
                            Admin.create(
                                    Map.of(
                                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                            broker.bootstrapServers()))) {
                streams.start();
                trainer.start();
                streams.awaitRunning(START_TIMEOUT);
                trainer.awaitRunning(START_TIMEOUT);
                progress.printf(
                        "pipeline: stream side and trainer running; sending %,d live views at %s%n",
                        settings.events(),
                        settings.eventsPerSecond() == 0
                                ? "full speed"
                                : String.format("%,.0f/s", settings.eventsPerSecond()));
                Thread sampler =
                        new Thread(
                                () -> sample(views, arrivals, streams, trainer, samples, peakRss),
                                "glocal-pipeline-sampler");
                sampler.setDaemon(true);
                Thread sender = new Thread(views, "glocal-pipeline-producer");
                sender.start();
                sampler.start();
                CommittedRate committed;
                long drainedNanos;
                long finalSteps;
                try {
                    committed =
                            CommittedRate.measure(
                                    admin,
                                    APPLICATION_ID,
                                    Pattern.compile("(?!)"), // the stream threads are in the child
                                    settings.events(),
                                    settings.warmUpShare(),
                                    DRAIN_TIMEOUT,
                                    () -> failure(views, streams, trainer, batchTail, metricTail));
                    views.awaitDone(DRAIN_TIMEOUT);
                    progress.printf(
                            "pipeline: every view committed by the stream side; waiting for the last"
                                    + " batch (linger %,d ms) and the trainer%n",
                            lingerMs);
                    awaitSettled(batches, Duration.ofMillis(lingerMs + 3_000));
                    drainedNanos = awaitTrainer(trainer, batches.get());
                    finalSteps = batches.get();
                    awaitPublished(publications, finalSteps, Duration.ofMillis(publishMs + 30_000));
                } finally {
                    sampler.interrupt();
                    sampler.join(5_000);
                }
                readPeaks(streams, trainer, peakRss);
                Sample last = latest(trainer, views, arrivals, streams);
                trainer.stop(Duration.ofSeconds(60));
                streams.stop(Duration.ofSeconds(60));
                return PipelineReport.of(
                        settings,
                        new PipelineReport.Config(
                                lingerMs,
                                publishMs,
                                batchSize,
                                config.getLong(IMPRESSION_WINDOW_MS_CONFIG)),
                        views.sent(),
                        (views.doneNanos() - views.startedNanos()) / 1e9,
                        committed,
                        batches.get(),
                        batchExamples.get(),
                        last.steps(),
                        last.examples(),
                        samples,
                        new ArrayList<>(publications.values()),
                        warmNanos(samples, views, settings),
                        views.doneNanos(),
                        drainedNanos,
                        wallAnchor(),
                        peakRss[0],
                        peakRss[1],
                        ProcessMemory.ownPeakRssBytes(),
                        loadBefore,
                        loadAverage(),
                        (System.nanoTime() - started) / 1e9);
            }
        }
    }

    private Map<String, String> childSettings(String bootstrap, String registryUrl) {
        Map<String, String> s = new HashMap<>();
        s.put(BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        s.put(SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        s.put(APPLICATION_ID_CONFIG, APPLICATION_ID);
        s.put(STATE_DIR_CONFIG, settings.workDir().resolve("streams-state").toString());
        s.put(DATA_DIR_CONFIG, settings.workDir().resolve("data").toString());
        s.put(TRAINER_CHECKPOINT_DIR_CONFIG, settings.workDir().resolve("checkpoints").toString());
        s.put(METRICS_PORT_CONFIG, "-1");
        s.put(QUERY_PORT_CONFIG, "0");
        s.putAll(settings.childSettings());
        if (!APPLICATION_ID.equals(s.get(APPLICATION_ID_CONFIG))) {
            throw new IllegalArgumentException(
                    "the pipeline bench names its own application ("
                            + APPLICATION_ID
                            + "); leave "
                            + APPLICATION_ID_CONFIG
                            + " out");
        }
        new GlocalStreamsConfig(s); // fail here, naming the key, rather than in a child's log
        return s;
    }

    private static void notePublication(TrainingMetric m, Map<String, Publication> publications) {
        String name = m.getName();
        int slot =
                switch (name) {
                    case "freshness_p50_seconds" -> 0;
                    case "freshness_p95_seconds" -> 1;
                    case "freshness_p99_seconds" -> 2;
                    default -> -1;
                };
        if (slot < 0) {
            return;
        }
        long ms = m.getTimestamp().toEpochMilli();
        String key = String.format("%020d@%020d", ms, m.getStep());
        synchronized (publications) {
            Publication p =
                    publications.computeIfAbsent(
                            key,
                            k ->
                                    new Publication(
                                            ms,
                                            m.getStep(),
                                            m.getExamples(),
                                            new double[] {Double.NaN, Double.NaN, Double.NaN}));
            p.seconds()[slot] = m.getValue();
        }
    }

    /** Every second until interrupted: what was sent, committed, trained, and the peak memory. */
    private void sample(
            LiveViews views,
            BatchArrivals arrivals,
            ChildService streams,
            ChildService trainer,
            List<Sample> samples,
            long[] peakRss) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                samples.add(latest(trainer, views, arrivals, streams));
                readPeaks(streams, trainer, peakRss);
                Thread.sleep(1_000);
            }
        } catch (InterruptedException done) {
            // the run has drained
        }
    }

    private static Sample latest(
            ChildService trainer, LiveViews views, BatchArrivals arrivals, ChildService streams) {
        long nanos = System.nanoTime();
        long committedBatches = arrivals.countBy(nanos);
        long steps = 0;
        long examples = 0;
        long lag = -1;
        List<GlocalChild.Line> progressLines = trainer.process().lines(TRAINER_PROGRESS);
        if (!progressLines.isEmpty()) {
            GlocalChild.Line progressLine = progressLines.get(progressLines.size() - 1);
            String line = progressLine.text();
            committedBatches = arrivals.countBy(progressLine.nanos());
            Matcher m = TRAINER_PROGRESS.matcher(line);
            if (m.find()) {
                steps = number(m.group(1));
                examples = number(m.group(2));
            }
            Matcher l = TRAINER_LAG.matcher(line);
            lag = l.find() ? number(l.group(1)) : -1;
        }
        return new Sample(
                nanos,
                views.sent(),
                committedBatches,
                steps,
                examples,
                lag,
                streams.process().cpuSeconds(),
                trainer.process().cpuSeconds());
    }

    /**
     * When each committed batch reached the bench's tail of training-batches (System.nanoTime()).
     */
    private static final class BatchArrivals {
        private final List<Long> nanos = new ArrayList<>();

        synchronized void add(long at) {
            nanos.add(at);
        }

        /** Batches that had arrived by {@code at}. */
        synchronized long countBy(long at) {
            int lo = 0;
            int hi = nanos.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (nanos.get(mid) <= at) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    private static void readPeaks(ChildService streams, ChildService trainer, long[] peakRss) {
        GlocalChild[] children = {streams.process(), trainer.process()};
        for (int i = 0; i < children.length; i++) {
            if (children[i].isAlive()) {
                peakRss[i] = Math.max(peakRss[i], ProcessMemory.peakRssBytes(children[i].pid()));
            }
        }
    }

    private static Throwable failure(
            LiveViews views, ChildService streams, ChildService trainer, TopicTail... tails) {
        if (views.failure() != null) {
            return views.failure();
        }
        for (TopicTail t : tails) {
            if (t.failure() != null) {
                return t.failure();
            }
        }
        for (ChildService c : List.of(streams, trainer)) {
            if (!c.alive()) {
                return new IllegalStateException(
                        "glocal " + c.command() + " exited; its log ends with:\n" + c.tail());
            }
        }
        return null;
    }

    /** Until the committed batch count has not changed for {@code quiet}. */
    private static void awaitSettled(AtomicLong batches, Duration quiet)
            throws InterruptedException {
        long last = batches.get();
        long since = System.nanoTime();
        while (System.nanoTime() - since < quiet.toNanos()) {
            Thread.sleep(250);
            long now = batches.get();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
        }
    }

    /** Until the trainer's steps reach {@code batches}; returns when they did. */
    private static long awaitTrainer(ChildService trainer, long batches)
            throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (true) {
            long steps = -1;
            for (GlocalChild.Line l : trainer.process().lines(TRAINER_PROGRESS)) {
                Matcher m = TRAINER_PROGRESS.matcher(l.text());
                if (m.find()) {
                    steps = number(m.group(1));
                    if (steps >= batches) {
                        return l.nanos();
                    }
                }
            }
            if (!trainer.alive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the trainer stopped at step "
                                + steps
                                + " of "
                                + batches
                                + " batches; its log ends with:\n"
                                + trainer.tail());
            }
            Thread.sleep(250);
        }
    }

    /** Until a freshness publication of step {@code steps} or later is on the topic. */
    private static void awaitPublished(
            Map<String, Publication> publications, long steps, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (publications) {
                if (publications.values().stream().anyMatch(p -> p.step() >= steps)) {
                    return;
                }
            }
            Thread.sleep(250);
        }
    }

    /** When the warm-up share of the views had been sent (System.nanoTime()). */
    private static long warmNanos(
            List<Sample> samples, LiveViews views, PipelineSettings settings) {
        if (settings.warmUpShare() == 0) {
            return views.startedNanos();
        }
        for (Sample s : samples) {
            if (s.sent() >= settings.warmUpShare() * settings.events()) {
                return Math.min(s.nanos(), views.doneNanos());
            }
        }
        return views.doneNanos();
    }

    /**
     * {epoch ms, System.nanoTime()} taken together, to place nanoTime instants on the wall clock.
     */
    private static long[] wallAnchor() {
        return new long[] {System.currentTimeMillis(), System.nanoTime()};
    }

    /** The 1-minute load average, or -1 where the platform does not say. */
    static double loadAverage() {
        try {
            return Double.parseDouble(
                    Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unavailable) {
            return -1;
        }
    }
}
