package glocal.cli;

import glocal.model.data.View;
import glocal.model.data.files.ReadReport;
import glocal.model.evaluation.EvaluationProtocol;
import glocal.model.evaluation.Evaluator;
import glocal.model.evaluation.ModelVariant;
import glocal.model.evaluation.Tuning;
import glocal.model.labelling.LabellingPolicy;
import glocal.model.synthetic.SyntheticConfig;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.train.OnlineTrainer;
import glocal.model.train.PassSchedule;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code glocal tune}: a seeded search over model settings measured on the validation slice only
 * (the training period of evaluate's split, split again); the test period is never read. Prints the
 * settings ranked by validation NDCG@20 and writes them as Markdown.
 */
@Command(
        name = "tune",
        mixinStandardHelpOptions = true,
        description =
                "Searches model settings on a validation slice of the training period (never the test "
                        + "period): each setting of --grid (or --trials of them, drawn with --search-seed) is trained on the "
                        + "first part of the training period and measured on its last part; prints them ranked by NDCG@20.")
public final class TuneCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ViewSourceOptions source;

    @Option(
            names = "--seeds",
            split = ",",
            defaultValue = "1",
            description =
                    "Seeds (world, negative sampling, model init); figures are means over them. Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;

    @Option(
            names = "--model",
            defaultValue = "mtl",
            description =
                    "The model every setting starts from, with optional keys as evaluate's --models takes them, "
                            + "e.g. mtl:model.popularity.prior=true. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(
            names = "--grid",
            paramLabel = "KEY=V1|V2|...",
            description =
                    "Values to try for a model key (repeatable), e.g. --grid train.embedding.learning.rate=0.01|0.05; "
                            + "also passes=1|2|3 (passes over the training period) and negatives=2|4 (sampled negatives per play).")
    List<String> grid = new ArrayList<>();

    @Option(
            names = "--trials",
            defaultValue = "0",
            description =
                    "Settings drawn from the grid without replacement (0: every setting). Default: ${DEFAULT-VALUE}.")
    int trials;

    @Option(
            names = "--search-seed",
            defaultValue = "1",
            description = "Seed of the draw of --trials settings. Default: ${DEFAULT-VALUE}.")
    long searchSeed;

    @Option(
            names = "--lr-decay",
            defaultValue = "0.5",
            description =
                    "Learning-rate factor per pass, as evaluate's. Default: ${DEFAULT-VALUE}.")
    float lrDecay;

    @Option(
            names = "--train-fraction",
            defaultValue = "0.8",
            description =
                    "As evaluate's; the validation period is the last (1 - f) of the training period. "
                            + "Default: ${DEFAULT-VALUE}.")
    double trainFraction;

    @Option(
            names = "--batch",
            defaultValue = "256",
            description = "Views per mini-batch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(
            names = "--negatives",
            defaultValue = "2",
            description =
                    "Sampled negatives per play unless the grid sets them. Default: ${DEFAULT-VALUE}.")
    int negatives;

    @Option(
            names = "--test-users",
            defaultValue = "2000",
            description = "Validation users whose top-20 is computed. Default: ${DEFAULT-VALUE}.")
    int testUsers;

    @Option(
            names = "--out",
            defaultValue = "tuning.md",
            description = "Markdown file of the ranking. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Tuning tuning;
        List<Tuning.Setting> settings;
        SyntheticConfig config;
        try {
            config = source.config();
            tuning = new Tuning(model, parseGrid(), new PassSchedule(1, lrDecay, 1));
            settings = tuning.settings(trials, searchSeed);
            for (Tuning.Setting s : settings) {
                ModelVariant.parse(s.variant(model), 4, 1); // fail on a bad key before any training
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        OnlineTrainer.configureThreads(1);
        List<View> fileViews =
                source.file == null
                        ? null
                        : EvaluateCommand.readViews(source.file, err, new ReadReport());
        SyntheticConfig world = config;
        List<Tuning.Result> results =
                tuning.run(
                        settings,
                        seeds,
                        negatives,
                        (seed, n) -> {
                            EvaluationProtocol protocol =
                                    new EvaluationProtocol(
                                                    trainFraction,
                                                    batch,
                                                    LabellingPolicy.defaults()
                                                            .withNegativesPerPositive(n)
                                                            .withSeed(seed))
                                            .onValidationSlice();
                            return fileViews == null
                                    ? protocol.synthetic(
                                            new SyntheticWorld(world, seed), source.events)
                                    : protocol.fromViews(fileViews);
                        },
                        () -> new Evaluator(testUsers, (m, b) -> {}, (m, d, t) -> {}));
        String table = Tuning.markdown(results);
        stdout.print(table);
        try {
            Files.writeString(
                    out,
                    "Validation slice only; command: glocal tune "
                            + String.join(" ", spec.commandLine().getParseResult().originalArgs())
                            + "\n\n"
                            + table);
        } catch (IOException e) {
            throw new UncheckedIOException("tune: cannot write " + out + ": " + e.getMessage(), e);
        }
        stdout.println("wrote " + out.toAbsolutePath());
        stdout.flush();
        return 0;
    }

    private Map<String, List<String>> parseGrid() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String g : grid) {
            int eq = g.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "--grid '"
                                + g
                                + "' is not KEY=V1|V2 (e.g. train.embedding.learning.rate=0.01|0.05)");
            }
            out.put(
                    g.substring(0, eq).trim(),
                    Arrays.stream(g.substring(eq + 1).split("\\|"))
                            .map(String::trim)
                            .filter(v -> !v.isEmpty())
                            .toList());
        }
        return out;
    }
}
