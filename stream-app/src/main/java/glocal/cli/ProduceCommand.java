package glocal.cli;

import glocal.model.data.View;
import glocal.model.data.files.CsvViewReader;
import glocal.model.data.files.MovieLensFormat;
import glocal.model.data.files.ReadReport;
import glocal.model.data.files.ViewFiles;
import glocal.model.data.files.ViewReader;
import glocal.model.synthetic.SyntheticConfig;
import glocal.model.synthetic.SyntheticWorld;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.registry.SchemaRegistryClients;
import glocal.stream.produce.ProduceStats;
import glocal.stream.produce.ProducerSettings;
import glocal.stream.produce.SyntheticSource;
import glocal.stream.produce.ViewPublisher;
import glocal.stream.startup.Reachability;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code glocal produce}: publishes titles and views to Kafka as Avro, synthetic or from a file.
 */
@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        description = {
            "Publishes views (topic views, key = user id) and titles (topic titles, key = title id) as Avro in "
                    + "Confluent's wire format: synthetic ones from a seeded multi-territory world, or views read from a "
                    + "CSV/TSV or MovieLens file.",
            "Needs a running broker and schema registry (./glocal broker).",
            "Exit code 1 when a file had bad lines: the good lines are sent and every bad one is counted and listed."
        })
public final class ProduceCommand implements Callable<Integer> {

    /** Where the views come from. */
    static final class Source {
        @Option(
                names = "--synthetic",
                required = true,
                description =
                        "Generate a synthetic world (SyntheticConfig.defaults()) and publish its titles and views.")
        boolean synthetic;

        @Option(
                names = "--file",
                required = true,
                paramLabel = "F",
                description =
                        "Read views from F: a CSV/TSV file with a header (user_id, title_id, territory, event_time,"
                                + " event_type[, watch_ratio, finished, skipped, event_id]) or MovieLens (u.data + u.user,"
                                + " ratings.dat + users.dat, or their directory).")
        Path file;
    }

    /** File formats; {@code auto} picks MovieLens by file name and CSV/TSV otherwise. */
    enum Format {
        auto,
        csv,
        tsv,
        movielens
    }

    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(
            names = "--events",
            defaultValue = "100000",
            paramLabel = "N",
            description = "Synthetic events to publish. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(
            names = "--rate",
            defaultValue = "0",
            paramLabel = "R",
            description =
                    "Throttle views to R events/s (0 = as fast as possible). Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "Seed of the synthetic world and its events. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--start",
            paramLabel = "INSTANT",
            description =
                    "Event time of the first synthetic view (ISO-8601, e.g. 2026-01-01T00:00:00Z). "
                            + "Default: dated so that the last view falls about now.")
    Instant start;

    @Option(
            names = "--format",
            defaultValue = "auto",
            paramLabel = "FMT",
            description = "File format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(
            names = "--bootstrap",
            defaultValue = ProducerSettings.DEFAULT_BOOTSTRAP,
            paramLabel = "B",
            description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE}.")
    String bootstrap;

    @Option(
            names = "--registry",
            defaultValue = ProducerSettings.DEFAULT_REGISTRY,
            paramLabel = "URL",
            description =
                    "Schema registry URL (http(s)://host:port, or mock://scope in this JVM). Default: ${DEFAULT-VALUE}.")
    String registry;

    /** Checks the registry and the broker, then publishes; failures go to {@link CliErrors}. */
    @Override
    public Integer call() {
        ProducerSettings settings = validatedSettings();
        PrintWriter out = spec.commandLine().getOut();
        PrintStream progress = System.err;
        Reachability.registry(settings.registryUrl(), Reachability.DEFAULT_TIMEOUT, "--registry");
        Reachability.kafka(
                settings.bootstrapServers(), Reachability.DEFAULT_TIMEOUT, "--bootstrap");
        return produce(settings, out, progress);
    }

    private int produce(ProducerSettings settings, PrintWriter out, PrintStream progress) {
        try (SchemaRegistryClient registryClient =
                SchemaRegistryClients.create(settings.registryUrl())) {
            try (ViewPublisher publisher = ViewPublisher.open(settings, registryClient)) {
                return source.synthetic
                        ? produceSynthetic(publisher, out, progress)
                        : produceFile(publisher, out, progress);
            }
        }
    }

    private int produceSynthetic(ViewPublisher publisher, PrintWriter out, PrintStream progress) {
        SyntheticWorld world =
                start == null
                        ? SyntheticSource.world(
                                SyntheticConfig.defaults(), seed, events, Clock.systemUTC())
                        : new SyntheticWorld(
                                SyntheticConfig.defaults().toBuilder()
                                        .startTimeMs(start.toEpochMilli())
                                        .build(),
                                seed);
        out.printf(
                "Synthetic world (seed %d): %,d users, %,d titles, %d territories; sending titles then %,d views to %s%n",
                seed,
                world.userCount(),
                world.titleCount(),
                world.territories().size(),
                events,
                bootstrap);
        out.flush();
        ProduceStats stats = new ProduceStats();
        publisher.publishTitles(world.titleInfos(), stats);
        Duration sending = publisher.publishViews(world.views(events), events, stats, progress);
        out.println(stats.summary(sending));
        out.flush();
        return 0;
    }

    private int produceFile(ViewPublisher publisher, PrintWriter out, PrintStream progress) {
        Duration sending;
        ReadReport report = new ReadReport();
        ProduceStats stats = new ProduceStats();
        try (ViewReader reader = openReader(source.file, report)) {
            out.printf("Reading views from %s, sending to %s%n", source.file, bootstrap);
            out.flush();
            Iterator<View> views = reader;
            sending = publisher.publishViews(views, 0, stats, progress);
        }
        out.println(stats.summary(sending));
        out.println(report.summary());
        out.flush();
        return report.badLines() == 0 ? 0 : 1;
    }

    private ViewReader openReader(Path file, ReadReport report) {
        return switch (format) {
            case auto -> ViewFiles.open(file, report);
            case csv, tsv -> {
                if (!Files.isRegularFile(file)) {
                    throw new ParameterException(
                            spec.commandLine(), "--file " + file + ": not a regular file");
                }
                yield CsvViewReader.open(file, report);
            }
            case movielens -> {
                if (!isMovieLens(file)) {
                    throw new ParameterException(
                            spec.commandLine(),
                            "--format movielens: --file "
                                    + file
                                    + " is neither "
                                    + Arrays.stream(MovieLensFormat.values())
                                            .map(MovieLensFormat::ratingsFile)
                                            .toList()
                                    + " nor a directory holding one");
                }
                yield ViewFiles.open(file, report);
            }
        };
    }

    private static boolean isMovieLens(Path file) {
        for (MovieLensFormat f : MovieLensFormat.values()) {
            if (Files.isDirectory(file)
                    ? Files.isRegularFile(file.resolve(f.ratingsFile()))
                    : file.getFileName().toString().equals(f.ratingsFile())) {
                return true;
            }
        }
        return false;
    }

    private ProducerSettings validatedSettings() {
        if (source.synthetic && events < 0) {
            throw new ParameterException(
                    spec.commandLine(), "--events must be >= 0, got " + events);
        }
        try {
            return new ProducerSettings(bootstrap, registry, rate);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
