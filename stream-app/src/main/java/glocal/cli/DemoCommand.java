package glocal.cli;

import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.demo.DemoReport;
import glocal.stream.demo.DemoRunner;
import glocal.stream.demo.DemoSettings;
import glocal.stream.runtime.MetricsEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glocal demo}: the whole system on one machine, ending with baseline vs mtl per territory
 * group.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Runs everything in one process (embedded Kafka broker and schema registry, stream side, trainer, synthetic producer), then prints PR-AUC and the share of local titles in users' top-20 per territory group for baseline and mtl, and some published embeddings.")
public final class DemoCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ConfigOptions config;

    @Option(
            names = "--events",
            defaultValue = "300000",
            paramLabel = "N",
            description = "Views to publish. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(
            names = "--users",
            defaultValue = "10000",
            paramLabel = "U",
            description = "Users in the synthetic world. Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(
            names = "--rate",
            defaultValue = "0",
            paramLabel = "R",
            description = "Views per second (0 = as fast as possible). Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "Seed of the synthetic world.")
    long seed;

    @Option(
            names = "--out",
            defaultValue = "glocal-out/demo",
            paramLabel = "DIR",
            description = "Where the results table and plots go. Default: ${DEFAULT-VALUE}.")
    Path outDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // The demo's scratch space (state stores, checkpoints) sits in --out, not in the OS temp
        // folder, which Kafka Streams warns about (it may be cleared under a running instance).
        Files.createDirectories(outDir);
        Path work = Files.createTempDirectory(outDir, ".demo-work-");
        try {
            GlocalStreamsConfig cfg = demoConfig(config.load().originals(), work);
            DemoSettings settings =
                    new DemoSettings(
                            events, rate, seed, DemoSettings.demoWorld(users), outDir, 100, 20);
            DemoReport report =
                    new DemoRunner(settings, cfg, MetricsEndpoint.newRegistry(), out, System.err)
                            .run();
            out.println();
            out.printf(
                    "Done in %.0f s: %,d training steps, %,d examples. Per territory group (progressive-validation "
                            + "PR-AUC; share of titles local to the user in the top-%d):%n",
                    report.seconds(),
                    report.status().steps(),
                    report.status().examplesThisRun(),
                    20);
            String table = report.table(20);
            out.print(table);
            out.println();
            out.println("Some published user embeddings (topic user-embeddings):");
            report.sampleEmbeddings().forEach(line -> out.println("  " + line));
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("results.txt"), table);
            out.printf("%nWrote %s%n", outDir.resolve("results.txt"));
            for (Path plot : report.writePlots(outDir, 20)) {
                out.printf("Wrote %s%n", plot);
            }
            out.flush();
            return 0;
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * The user's configuration with the demo's own places and comparison model; a state directory
     * the user set (file, environment or {@code --set}) is kept.
     */
    static GlocalStreamsConfig demoConfig(Map<String, Object> user, Path work) {
        Map<String, Object> props = new HashMap<>(user);
        props.putIfAbsent(GlocalStreamsConfig.STATE_DIR_CONFIG, work.resolve("streams").toString());
        props.put(
                GlocalStreamsConfig.TRAINER_CHECKPOINT_DIR_CONFIG,
                work.resolve("checkpoints").toString());
        props.put(GlocalStreamsConfig.QUERY_PORT_CONFIG, 0);
        props.putIfAbsent(GlocalStreamsConfig.TRAINER_SHADOW_MODELS_CONFIG, "baseline");
        props.putIfAbsent(GlocalStreamsConfig.BATCH_LINGER_MS_CONFIG, 1_000L);
        return new GlocalStreamsConfig(props);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
