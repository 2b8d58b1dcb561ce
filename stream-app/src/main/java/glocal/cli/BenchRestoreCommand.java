package glocal.cli;

import static glocal.stream.config.GlocalStreamsConfig.*;

import glocal.schemas.registry.server.EmbeddedRegistry;
import glocal.schemas.registry.server.RegistryServerConfig;
import glocal.stream.bench.ChangelogSizes;
import glocal.stream.bench.CommittedRate;
import glocal.stream.bench.SyntheticViews;
import glocal.stream.bench.ViewLoad;
import glocal.stream.broker.BrokerSettings;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.runtime.Directories;
import glocal.stream.runtime.GlocalChild;
import glocal.stream.serde.GlocalSerdes;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glocal bench restore}: how long a {@code glocal streams} instance takes to serve again
 * after a {@code kill -9}, against how many views its state holds. A real instance runs in a JVM of
 * its own on the embedded broker under the configured guarantee (exactly_once_v2 by default); it
 * processes the views, is killed with SIGKILL once they are committed, and a new instance is
 * started on the same state directory (or an empty one) and timed until it is RUNNING and answers a
 * query. Prints, per size, what the changelogs hold (what a restore from scratch reads) and the
 * phases of the restart.
 */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description =
                "Seconds until a glocal streams instance killed with kill -9 serves again, against the views in its state.")
public final class BenchRestoreCommand implements Callable<Integer> {

    private static final String APP = "glocal-bench-restore";

    /** The heaviest user of the synthetic views: always in the state. */
    private static final String QUERIED_USER = "u0";

    private static final Pattern STARTED =
            Pattern.compile("Kafka Streams state CREATED -> REBALANCING");
    private static final Pattern RUNNING =
            Pattern.compile("Kafka Streams state REBALANCING -> RUNNING");
    private static final Pattern RESTORED =
            Pattern.compile(
                    "restored (\\d+) records of (\\S+) \\(\\S+ partition (\\d+)\\) in (-?\\d+) ms");

    @Spec CommandSpec spec;

    @Option(
            names = "--events",
            split = ",",
            defaultValue = "1000000",
            description =
                    "Views in the state at each kill, ascending, e.g. 250000,500000,1000000 (default ${DEFAULT-VALUE}).")
    List<Long> sizes;

    @Option(
            names = "--rate",
            defaultValue = "0",
            description =
                    "Views per second produced while the instance runs; 0 as fast as it takes them (default ${DEFAULT-VALUE}).")
    double rate;

    @Mixin SyntheticLoadOptions synthetic;

    @Option(
            names = "--event-span-h",
            defaultValue = "0",
            description =
                    "Spread the views' event times over this many hours up to now, as in a long-running stream (windows "
                            + "roll, changelog retention deletes); 0: about 1 ms a view, ending about two hours ago (default ${DEFAULT-VALUE}).")
    double eventSpanHours;

    @Option(
            names = "--wipe-state",
            description =
                    "Delete the local state before the restart (a new machine); default: keep it.")
    boolean wipeState;

    @Option(
            names = "--java-opts",
            description =
                    "JVM options of the streams instances (default: this JVM's -X and -XX options).")
    String javaOpts;

    @Option(
            names = "--log",
            defaultValue = "glocal-out/bench-restore/streams.log",
            description =
                    "File that receives the output of every streams instance (default ${DEFAULT-VALUE}).")
    Path logFile;

    @Option(
            names = "--timeout-s",
            defaultValue = "600",
            description = "Give up on a phase after this many seconds.")
    long timeoutSeconds;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "Sets a glocal.* key of the streams instances, e.g. --set glocal.state.store.type=in-memory.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The timed phases of one restart, in seconds from the start of the new JVM. */
    private record Restart(
            double started,
            double assigned,
            double running,
            double answered,
            double cpu,
            Map<String, long[]> restoredByStore) {}

    /**
     * What one run needs: the broker, the instances' settings and where their state and output go.
     */
    private record Run(
            EmbeddedKafkaBroker broker,
            Admin admin,
            String registryUrl,
            Path work,
            int queryPort,
            Path log) {}

    /** One application: its id, its state directory and the settings of its instances. */
    private record App(String id, Path stateDir, Map<String, String> settings) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String scope = "bench-restore-" + ProcessHandle.current().pid();
        Path work = Files.createTempDirectory("glocal-bench-restore");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerSettings());
                EmbeddedRegistry registry =
                        EmbeddedRegistry.start(scope, RegistryServerConfig.defaults().withPort(0));
                Admin admin = admin(broker)) {
            broker.createTopics(TopicSpec.glocalTopics(synthetic.partitions));
            Path log = logFile.toAbsolutePath();
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
            Run run = new Run(broker, admin, registry.httpUrl(), work, freePort(), log);
            out.printf(
                    "glocal bench restore: %s, %d partition(s), %,d users, %,d titles, event times over %s, state %s at "
                            + "restart; instances: %s %s; load average %s%n",
                    app(run, 0).settings().get(PROCESSING_GUARANTEE_CONFIG),
                    synthetic.partitions,
                    synthetic.users,
                    synthetic.titles,
                    eventSpanHours > 0 ? eventSpanHours + " h" : "about 1 ms a view",
                    wipeState ? "deleted" : "kept",
                    javaOptions(),
                    overrides,
                    loadAverage());
            out.flush();
            List<String> rows =
                    killAndRestartAtEachSize(run, GlocalSerdes.forUrl(registry.mockUrl()), out);
            out.println();
            out.println(
                    "| views in state | seconds to serve again | tasks assigned at (s) | assigned to RUNNING (s) "
                            + "| CPU s until it answered | changelog records restored |");
            out.println("|---|---|---|---|---|---|");
            rows.forEach(out::println);
            out.printf(
                    "load average at the end: %s; the instances' output: %s%n", loadAverage(), log);
            out.flush();
        } finally {
            Directories.deleteTree(work);
        }
        return 0;
    }

    /**
     * For each size, a new application (its own id and state) takes the views up to that size from
     * the beginning, its instance is killed after the last commit, and a new instance is timed.
     * Each restart is thus the first after a crash: a restarted instance that has been through a
     * rebalance holds checkpoints from that rebalance and restores less.
     */
    private List<String> killAndRestartAtEachSize(Run run, GlocalSerdes serdes, PrintWriter out)
            throws Exception {
        List<String> rows = new ArrayList<>();
        try (ViewLoad load =
                new ViewLoad(
                        run.broker().bootstrapServers(),
                        serdes.viewEvent().serializer(),
                        views())) {
            for (long size : sizes) {
                load.send(size - load.sent(), rate);
                App app = app(run, size);
                GlocalChild first = GlocalChild.streams(javaOptions(), app.settings(), run.log());
                Set<String> members;
                try {
                    awaitCommitted(run.admin(), app.id(), size, first, run.log());
                    members = memberIds(run.admin(), app.id());
                } finally {
                    first.kill();
                }
                List<ChangelogSizes.Size> changelogs =
                        ChangelogSizes.of(
                                run.broker().bootstrapServers(),
                                app.id(),
                                Duration.ofSeconds(timeoutSeconds));
                long[] checkpoints = checkpointedOffsets(app.stateDir());
                if (wipeState) {
                    Directories.deleteTree(app.stateDir());
                }
                GlocalChild restarted =
                        GlocalChild.streams(javaOptions(), app.settings(), run.log());
                try {
                    Restart r =
                            timeRestart(
                                    restarted,
                                    run.admin(),
                                    app.id(),
                                    members,
                                    run.queryPort(),
                                    run.log());
                    print(out, size, changelogs, checkpoints, r);
                    long inChangelogs =
                            changelogs.stream().mapToLong(ChangelogSizes.Size::records).sum();
                    rows.add(
                            String.format(
                                    "| %,d | %.1f | %.1f | %.1f | %.1f | %,d of %,d |",
                                    size,
                                    r.answered(),
                                    r.assigned(),
                                    r.running() - r.assigned(),
                                    r.cpu(),
                                    restoredRecords(r, changelogs),
                                    inChangelogs));
                } finally {
                    restarted.kill();
                }
            }
        }
        return rows;
    }

    private BrokerSettings brokerSettings() {
        BrokerSettings settings = BrokerSettings.defaults().withPort(0);
        // Minutes of a bench stand for hours of a stream: let the broker apply retention every few
        // seconds
        // (5 minutes by default) so changelog records past their retention are gone as they would
        // be.
        return eventSpanHours > 0
                ? settings.withOverride("log.retention.check.interval.ms", "5000")
                : settings;
    }

    private SyntheticViews views() {
        if (eventSpanHours <= 0) {
            long twoHoursAgo = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
            return new SyntheticViews(42, synthetic.users, synthetic.titles, twoHoursAgo);
        }
        long spanMs = (long) (eventSpanHours * 3_600_000);
        long total = sizes.get(sizes.size() - 1);
        return new SyntheticViews(
                42,
                synthetic.users,
                synthetic.titles,
                System.currentTimeMillis() - spanMs,
                (double) spanMs / total);
    }

    private App app(Run run, long size) {
        String id = APP + "-" + size;
        Path stateDir = run.work().resolve("state-" + size);
        Map<String, String> s = new LinkedHashMap<>();
        s.put(BOOTSTRAP_SERVERS_CONFIG, run.broker().bootstrapServers());
        s.put(SCHEMA_REGISTRY_URL_CONFIG, run.registryUrl());
        s.put(APPLICATION_ID_CONFIG, id);
        s.put(STATE_DIR_CONFIG, stateDir.toString());
        s.put(PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2");
        s.put(QUERY_HOST_CONFIG, "127.0.0.1");
        s.put(QUERY_PORT_CONFIG, Integer.toString(run.queryPort()));
        s.put(METRICS_PORT_CONFIG, "-1");
        s.put(DATA_DIR_CONFIG, run.work().resolve("data").toString());
        s.putAll(overrides);
        return new App(id, stateDir, s);
    }

    private List<String> javaOptions() {
        if (javaOpts != null) {
            return Arrays.stream(javaOpts.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
        }
        List<String> options = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-X") || arg.startsWith("-Dai.djl")) {
                options.add(arg);
            }
        }
        return options;
    }

    /**
     * Times the new instance until it is RUNNING with every task and answers a query. Without
     * static membership the killed member keeps its tasks until its session expires, and the new
     * one can be RUNNING with some of them before that: only a RUNNING after the tasks came over
     * counts.
     */
    private Restart timeRestart(
            GlocalChild child,
            Admin admin,
            String appId,
            Set<String> oldMembers,
            int queryPort,
            Path log)
            throws Exception {
        long stillOld = child.startedNanos();
        long assigned = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        while (true) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the restarted instance did not answer "
                                + QUERIED_USER
                                + " within "
                                + timeoutSeconds
                                + " s (alive: "
                                + child.isAlive()
                                + "); see "
                                + log);
            }
            if (assigned < 0) {
                long polled = System.nanoTime();
                if (assignedToNewMembers(admin, appId, oldMembers)) {
                    assigned = polled;
                } else {
                    stillOld = polled;
                }
            }
            double running = assigned < 0 ? -1 : child.secondsTo(RUNNING, stillOld);
            if (running >= 0 && answers(http, queryPort)) {
                double answered = (System.nanoTime() - child.startedNanos()) / 1e9;
                return new Restart(
                        child.secondsTo(STARTED, child.startedNanos()),
                        (assigned - child.startedNanos()) / 1e9,
                        running,
                        answered,
                        child.cpuSeconds(),
                        restoredByStore(child));
            }
            Thread.sleep(50); // polling the group and the query endpoint, not waiting for a result
        }
    }

    private static boolean answers(HttpClient http, int port) {
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/users/" + QUERIED_USER))
                        .timeout(Duration.ofSeconds(2))
                        .GET()
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"totalViews\"");
        } catch (IOException e) {
            return false; // not listening yet, or it dropped the request while starting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitCommitted(Admin admin, String appId, long views, GlocalChild child, Path log)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        long committed = 0;
        while ((committed = CommittedRate.committedViews(admin, appId)) < views) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the streams instance committed "
                                + committed
                                + " of "
                                + views
                                + " views (alive: "
                                + child.isAlive()
                                + "); see "
                                + log);
            }
            Thread.sleep(100); // polling committed offsets, not waiting for a result
        }
    }

    private static Set<String> memberIds(Admin admin, String appId) throws Exception {
        Set<String> ids = new HashSet<>();
        for (MemberDescription m : describe(admin, appId).members()) {
            ids.add(m.consumerId());
        }
        return ids;
    }

    /**
     * The group is stable and every member is one the killed instance did not have: tasks are
     * assigned.
     */
    private static boolean assignedToNewMembers(Admin admin, String appId, Set<String> oldMembers)
            throws Exception {
        ConsumerGroupDescription group = describe(admin, appId);
        if (group.groupState() != GroupState.STABLE || group.members().isEmpty()) {
            return false;
        }
        return group.members().stream().noneMatch(m -> oldMembers.contains(m.consumerId()));
    }

    private static ConsumerGroupDescription describe(Admin admin, String appId)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.describeConsumerGroups(List.of(appId))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(appId);
    }

    /**
     * Records restored and the longest partition's milliseconds, by store, from the instance's log.
     */
    private static Map<String, long[]> restoredByStore(GlocalChild child) {
        Map<String, long[]> out = new TreeMap<>();
        for (Matcher m : child.matches(RESTORED)) {
            long[] v = out.computeIfAbsent(m.group(2), s -> new long[2]);
            v[0] += Long.parseLong(m.group(1));
            v[1] = Math.max(v[1], Long.parseLong(m.group(4)));
        }
        return out;
    }

    /**
     * Records restored into the stores that have changelogs (global stores restore from their
     * source topics).
     */
    private static long restoredRecords(Restart r, List<ChangelogSizes.Size> changelogs) {
        return changelogs.stream()
                .mapToLong(c -> r.restoredByStore().getOrDefault(c.store(), new long[2])[0])
                .sum();
    }

    private void print(
            PrintWriter out,
            long size,
            List<ChangelogSizes.Size> changelogs,
            long[] checkpoints,
            Restart r) {
        out.printf(
                "%n%,d views in state; kill -9 after their last commit; local state %s, with %d of %d store offsets "
                        + "checkpointed%n",
                size, wipeState ? "deleted" : "kept", checkpoints[0], checkpoints[1]);
        out.printf(
                "  %-24s %14s %12s %18s %14s%n",
                "store", "changelog", "MB", "restored records", "longest ms");
        for (ChangelogSizes.Size c : changelogs) {
            long[] restored = r.restoredByStore().getOrDefault(c.store(), new long[2]);
            out.printf(
                    "  %-24s %,14d %12.1f %,18d %,14d%n",
                    c.store(), c.records(), c.bytes() / 1e6, restored[0], restored[1]);
        }
        r.restoredByStore()
                .forEach(
                        (store, v) -> {
                            if (changelogs.stream().noneMatch(c -> c.store().equals(store))) {
                                out.printf(
                                        "  %-24s %14s %12s %,18d %,14d%n",
                                        store, "(global)", "", v[0], v[1]);
                            }
                        });
        out.printf(
                "  restart: streams started %.1f s, tasks assigned %.1f s, RUNNING %.1f s, query answered %.1f s "
                        + "(%.1f CPU s)%n",
                r.started(), r.assigned(), r.running(), r.answered(), r.cpu());
        out.flush();
    }

    /**
     * The changelog offsets in Kafka Streams' per-task {@code .checkpoint} files that a restart can
     * start from ({@code [usable, listed]}): under exactly-once a running task's file says -4
     * (unknown), and only a clean stop writes real offsets.
     */
    private static long[] checkpointedOffsets(Path stateDir) throws IOException {
        long[] counts = new long[2];
        if (!Files.isDirectory(stateDir)) {
            return counts;
        }
        List<Path> files;
        try (var walk = Files.walk(stateDir)) {
            files =
                    walk.filter(f -> f.getFileName().toString().equals(".checkpoint"))
                            .filter(f -> !f.getParent().getFileName().toString().equals("global"))
                            .toList();
        }
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 3) {
                    counts[1]++;
                    if (Long.parseLong(parts[2]) >= 0) {
                        counts[0]++;
                    }
                }
            }
        }
        return counts;
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(p);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
