package glocal.cli;

import glocal.model.data.View;
import glocal.model.data.files.ReadReport;
import glocal.model.data.files.ViewFiles;
import glocal.model.data.files.ViewReader;
import glocal.model.evaluation.EvaluationData;
import glocal.model.evaluation.EvaluationProtocol;
import glocal.model.evaluation.EvaluationReport;
import glocal.model.evaluation.Evaluator;
import glocal.model.evaluation.GroupingChoice;
import glocal.model.evaluation.LocalRule;
import glocal.model.evaluation.MetricRow;
import glocal.model.evaluation.ModelVariant;
import glocal.model.evaluation.ProtocolWarnings;
import glocal.model.evaluation.ResultTable;
import glocal.model.evaluation.ScoreDistributions;
import glocal.model.evaluation.SplitMode;
import glocal.model.evaluation.reference.ReferenceConfig;
import glocal.model.evaluation.reference.References;
import glocal.model.evaluation.reference.SyntheticOracle;
import glocal.model.labelling.LabellingPolicy;
import glocal.model.synthetic.SyntheticConfig;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.tall.TallConfig;
import glocal.model.train.OnlineTrainer;
import glocal.model.train.PassSchedule;
import glocal.model.weights.AdaptiveWeightsConfig;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code glocal evaluate}: the offline comparison of models on a temporal split replayed as a
 * stream; every model trains on the same batches, and the reference recommenders are fitted on the
 * same split and ranked above them. Prints the protocol, its warnings, the table and where each
 * model stands against the best reference; writes CSV, Markdown and PNG charts to {@code --out}.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description =
                "Compares models (baseline, mtl, mmoe, cgc, mfh, biasnet, adaptive, ...) with each other and "
                        + "with reference recommenders (most-popular, most-popular-territory, recent-popular, "
                        + "recent-popular-territory, ease; play-rates, the PR-AUC/AUC yardstick) on a split of synthetic or file views: test users and held-out plays, "
                        + "PR-AUC, AUC, NDCG@20 (and its change against the best reference), Recall@20, local share, popularity "
                        + "bias, per territory group and per user group, mean ± spread over seeds; warns when the split is "
                        + "degenerate.")
public final class EvaluateCommand implements Callable<Integer> {

    /** The synthetic world's own local titles, the presets' default rule. */
    private static final String WORLD_RULE = "world";

    @Spec CommandSpec spec;

    @Mixin ViewSourceOptions source;

    @Option(
            names = "--seeds",
            split = ",",
            defaultValue = "1,2,3",
            description =
                    "Seeds (world, negative sampling and model init). Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;

    @Option(
            names = "--models",
            split = ",",
            defaultValue = "baseline,mtl,mmoe,cgc,mfh,biasnet,adaptive",
            description =
                    "Models (none: the reference recommenders only): baseline, baseline-wide (baseline with as many dense parameters as mtl), mtl, "
                            + "shared-bottom, mmoe, cgc, mfh, biasnet (mtl + bias tower), adaptive (mtl + adaptive user weights), "
                            + "mtl-sampled (mtl on a random half of users), mtl-upsampled (that half plus half of the other "
                            + "active users), tall (TALL's loss-driven mixture of MultVAE experts, trained offline on the training "
                            + "period's watch histories), tall-adaptive (that mixture trained with the adaptive user weights, one "
                            + "loss window per epoch), coplay-knn (diagnostic: ranks by the training period's co-play "
                            + "vectors alone). Evaluation keys after a colon, besides the model keys: title.coplay=D (the "
                            + "title tower's content is a D-dimensional co-play embedding of the training plays), "
                            + "title.coplay.init=true (title rows start from it). Default: ${DEFAULT-VALUE}.")
    List<String> models;

    @Option(
            names = "--groups",
            paramLabel = "region|volume|viewership|FILE",
            description =
                    "Territory groups (one model block each): region (the synthetic world's regions; the default "
                            + "for presets), volume (territories by plays dealt round-robin), viewership (the stream's grouping, "
                            + "computed from the training plays; the default for --file), or a FILE of TERRITORY:GROUP entries as "
                            + "in glocal.territory.groups (e.g. US:0,CA:0,BR:1; commas or line breaks, # comments).")
    String groups;

    @Option(
            names = "--train-fraction",
            defaultValue = "0.8",
            description =
                    "Share of views (by event time; with --split user-time, of each user's views) trained on. "
                            + "Default: ${DEFAULT-VALUE}.")
    double trainFraction;

    @Option(
            names = "--split",
            defaultValue = "time",
            description =
                    "time: one cut in event time for every user (the first --train-fraction of views train); "
                            + "user-time: a cut per user (each user's last 1 - --train-fraction of their views test). "
                            + "Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(
            names = "--validation",
            description =
                    "Evaluate on the validation slice: the training period of the split, split again the same "
                            + "way; the test period is not read. For choosing settings.")
    boolean validation;

    @Option(
            names = "--half-life-days",
            defaultValue = "" + ReferenceConfig.DEFAULT_HALF_LIFE_DAYS,
            description =
                    "Half-life of a play's weight in recent-popular and recent-popular-territory, in days before "
                            + "the end of the training period (chosen on XMarket's validation slice). Default: ${DEFAULT-VALUE}.")
    double halfLifeDays;

    @Option(
            names = "--ease-lambda",
            defaultValue = "" + ReferenceConfig.DEFAULT_EASE_LAMBDA,
            description =
                    "L2 regularisation of the ease reference (Steck 2019). Default: ${DEFAULT-VALUE}.")
    double easeLambda;

    @Option(
            names = "--ease-titles",
            defaultValue = "" + ReferenceConfig.DEFAULT_EASE_TITLES,
            description =
                    "The ease reference models the N most played titles (8*N^2 bytes of memory, N^3 steps to "
                            + "fit). Default: ${DEFAULT-VALUE}.")
    int easeTitles;

    @Option(
            names = "--local-rule",
            description =
                    "Which titles count as local for local_share@20: over-representation (the territory's share of "
                            + "the title's training plays >= --local-ratio x its share of all plays, with >= --local-min-plays plays "
                            + "there), majority (the earlier rule: >= half the title's plays, in under half the territories) or, for "
                            + "a preset, world (its ground truth). Default: over-representation for --file, world for a preset.")
    String localRule;

    @Option(
            names = "--local-ratio",
            defaultValue = "" + LocalRule.DEFAULT_MIN_RATIO,
            description =
                    "Over-representation ratio of --local-rule over-representation. Default: ${DEFAULT-VALUE}.")
    double localRatio;

    @Option(
            names = "--local-min-plays",
            defaultValue = "" + LocalRule.DEFAULT_MIN_PLAYS,
            description =
                    "Minimum training plays in the territory of --local-rule over-representation. "
                            + "Default: ${DEFAULT-VALUE}.")
    long localMinPlays;

    @Option(
            names = "--batch",
            defaultValue = "256",
            description = "Views per mini-batch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(
            names = "--negatives",
            defaultValue = "" + LabellingPolicy.NEGATIVES_PER_POSITIVE,
            description =
                    "Sampled negatives per play, ∝ popularity^0.75 in the territory; the examples are labelled "
                            + "with the stream's rules and defaults (glocal.negatives.per.positive and the rest). "
                            + "Default: ${DEFAULT-VALUE}.")
    int negatives;

    @Option(
            names = "--test-users",
            defaultValue = "500",
            description =
                    "Users whose top-20 is computed per model and seed. Default: ${DEFAULT-VALUE}.")
    int testUsers;

    @Option(
            names = "--epochs",
            defaultValue = "1",
            description =
                    "At most this many passes of each online model over the training period. Above 1 the number "
                            + "is chosen on a validation slice (the training period split again by --train-fraction, the test "
                            + "never read): a model trains pass after pass there until NDCG@20 on the validation period has not "
                            + "improved for --patience passes; then a fresh model trains the best number of passes on the whole "
                            + "training period. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(
            names = "--lr-decay",
            defaultValue = "0.5",
            description =
                    "Learning rates of pass p (0-based) are multiplied by this to the power p. Default: ${DEFAULT-VALUE}.")
    float lrDecay;

    @Option(
            names = "--patience",
            defaultValue = "1",
            description =
                    "Passes without a better validation NDCG@20 before the passes stop. Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(
            names = "--out",
            defaultValue = "evaluation",
            description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(
            names = "--adaptive",
            split = ",",
            paramLabel = "KEY=VALUE",
            description =
                    "Settings of the adaptive variant's TALL user weights: alpha (temperature), gap (windows "
                            + "without weights), window (training steps per loss window), min, max (clip), examples (a user's "
                            + "examples needed in a window). Default: alpha=0.5,gap=2,window=200,min=0.2,max=5,examples=6 "
                            + "(the trainer's defaults). tall-adaptive closes one window per epoch (gap counts epochs; window "
                            + "and examples do not apply); its losses change little per epoch, so it wants a small alpha, e.g. 0.02.")
    java.util.Map<String, String> adaptive = new java.util.LinkedHashMap<>();

    @Option(
            names = "--tall",
            split = ",",
            paramLabel = "KEY=VALUE",
            description =
                    "Settings of the tall model, e.g. tall.epochs=10,tall.experts=4 (keys: tall.experts, "
                            + "tall.latent, tall.hidden, tall.temperature, tall.beta.max, tall.beta.anneal.steps, tall.dropout, "
                            + "tall.learning.rate, tall.epochs, tall.warmup.epochs, tall.batch.users). Default: "
                            + "tall.experts=4,tall.latent=32,tall.hidden=128,tall.epochs=20 (see docs/tall.md).")
    java.util.Map<String, String> tall = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SyntheticConfig config;
        AdaptiveWeightsConfig adaptiveWeights;
        TallConfig tallConfig;
        PassSchedule schedule;
        ReferenceConfig references;
        List<String> modelNames =
                models.size() == 1 && models.get(0).trim().equals("none") ? List.of() : models;
        GroupingChoice grouping;
        try {
            config = source.config();
            for (String m : modelNames) {
                ModelVariant.parse(m, 4, 1);
            }
            references = new ReferenceConfig(halfLifeDays, easeLambda, easeTitles);
            protocol(0); // fails here, before any work, on a bad --split or --local-rule
            adaptiveWeights = AdaptiveWeightsConfig.defaults().with(adaptive);
            tallConfig = tallConfig();
            schedule = new PassSchedule(epochs, lrDecay, patience);
            grouping =
                    groups != null
                            ? GroupingChoice.parse(groups)
                            : source.file == null
                                    ? GroupingChoice.REGION
                                    : GroupingChoice.VIEWERSHIP;
            if (seeds.isEmpty()) {
                throw new IllegalArgumentException("--seeds: give at least one seed");
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            OnlineTrainer.configureThreads(1);
            ReadReport read = new ReadReport();
            List<View> fileViews = source.file == null ? null : readFile(err, read);
            List<MetricRow> rows = new ArrayList<>();
            EvaluationData last = null;
            ScoreDistributions scores = new ScoreDistributions();
            Map<Long, List<String>> warnings = new LinkedHashMap<>();
            for (long seed : seeds) {
                EvaluationProtocol protocol = protocol(seed);
                SyntheticWorld world = fileViews == null ? new SyntheticWorld(config, seed) : null;
                EvaluationData data =
                        world != null
                                ? protocol.synthetic(world, source.events, grouping)
                                : protocol.fromViews(fileViews, grouping);
                List<ModelVariant> variants =
                        modelNames.stream()
                                .map(m -> ModelVariant.parse(m, data.grouping().groups(), seed))
                                .toList();
                Evaluator evaluator =
                        new Evaluator(
                                        testUsers,
                                        (m, b) -> {},
                                        progress(err, seed),
                                        adaptiveWeights,
                                        scores,
                                        tallConfig)
                                .withPasses(schedule);
                // --epochs: the passes are chosen on the training period split again (the
                // validation slice;
                // under --validation, that same slice), never on the test period
                EvaluationData chooseOn =
                        epochs <= 1
                                ? null
                                : world != null
                                        ? protocol.onValidationSlice()
                                                .synthetic(world, source.events, grouping)
                                        : protocol.onValidationSlice()
                                                .fromViews(fileViews, grouping);
                err.print(
                        String.format(
                                Locale.ROOT, "\rseed %d fitting the reference recommenders", seed));
                err.flush();
                rows.addAll(References.evaluate(evaluator, data, references, seed));
                if (world != null) {
                    rows.addAll(
                            evaluator.runFitted(
                                    data,
                                    SyntheticOracle.NAME,
                                    () -> SyntheticOracle.fit(world, data),
                                    seed));
                }
                rows.addAll(evaluator.run(data, chooseOn, variants, seed));
                warnings.put(seed, ProtocolWarnings.of(data, evaluator.rankedUsers(data)));
                last = data;
            }
            err.print("\r" + " ".repeat(70) + "\r");
            err.flush();
            List<String> groups = Evaluator.groupOrder(last);
            ResultTable table =
                    new ResultTable(
                            rows,
                            References.NAMES,
                            source.file == null ? List.of(SyntheticOracle.NAME) : List.of(),
                            modelNames,
                            groups);
            List<String> said =
                    new ArrayList<>(
                            source.file == null
                                    ? List.of()
                                    : ProtocolWarnings.ofFile(source.file.toString(), read));
            said.addAll(bySeed(warnings));
            EvaluationReport report =
                    new EvaluationReport(protocolLines(last, references), said, table);
            stdout.print(report.terminal());
            List<String> userGroups = groups.stream().filter(g -> g.startsWith("user=")).toList();
            List<Path> written = new ArrayList<>(report.write(out, userGroups));
            written.addAll(scores.write(out));
            stdout.println("wrote " + written.size() + " files to " + out.toAbsolutePath());
            stdout.flush();
            return 0;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return CliErrors.report(err, "evaluate", e);
        }
    }

    private TallConfig tallConfig() {
        try {
            return TallConfig.defaults().with(tall);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tall: " + e.getMessage(), e);
        }
    }

    /** The protocol the options ask for; {@code seed} seeds the negative sampling. */
    private EvaluationProtocol protocol(long seed) {
        EvaluationProtocol p =
                new EvaluationProtocol(
                                trainFraction,
                                batch,
                                LabellingPolicy.defaults()
                                        .withNegativesPerPositive(negatives)
                                        .withSeed(seed))
                        .withSplit(SplitMode.parse(split));
        if (localRule != null && localRule.equals(WORLD_RULE)) {
            if (source.file != null) {
                throw new IllegalArgumentException(
                        "--local-rule "
                                + WORLD_RULE
                                + " needs a synthetic preset; a --file has no "
                                + "ground truth (use over-representation or majority)");
            }
        } else if (localRule != null) {
            p = p.withLocalRule(LocalRule.parse(localRule, localRatio, localMinPlays));
        }
        return validation ? p.onValidationSlice() : p;
    }

    private List<String> protocolLines(EvaluationData data, ReferenceConfig references) {
        return List.of(
                data.split().describe(),
                data.split().localRule(),
                String.format(
                        Locale.ROOT,
                        "references: %s; recency half-life %s days; ease lambda %s over the %d most played "
                                + "titles; ranked like the models (every title of the training period, the user's training plays left "
                                + "out), top-%d of at most %d test users per seed%s",
                        String.join(", ", References.NAMES),
                        trimmed(references.halfLifeDays()),
                        trimmed(references.easeLambda()),
                        references.easeTitles(),
                        Evaluator.K,
                        testUsers,
                        source.file == null
                                ? "; ceiling: oracle (the generator's true affinity × the title's"
                                        + " training exposure in the user's territory: what no"
                                        + " recommender can know, never the best reference)"
                                : ""));
    }

    private static String trimmed(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Warnings said once when every seed gives the same, else each seed's under its number. */
    private static List<String> bySeed(Map<Long, List<String>> warnings) {
        if (warnings.values().stream().distinct().count() <= 1) {
            return warnings.values().stream().findFirst().orElse(List.of());
        }
        List<String> out = new ArrayList<>();
        warnings.forEach((seed, list) -> list.forEach(w -> out.add("seed " + seed + ": " + w)));
        return out;
    }

    private List<View> readFile(PrintWriter err, ReadReport report) {
        return readViews(source.file, err, report);
    }

    /** Every view of {@code file}, saying on {@code err} what was read and what was not. */
    static List<View> readViews(Path file, PrintWriter err, ReadReport report) {
        List<View> views = new ArrayList<>();
        try (ViewReader reader = ViewFiles.open(file, report)) {
            reader.forEachRemaining(views::add);
        }
        err.println("read " + file + ": " + report.summary());
        return views;
    }

    private Evaluator.Progress progress(PrintWriter err, long seed) {
        return (model, done, total) -> {
            // About 40 updates per model: enough to see it move without flooding a log.
            if (done == total || done % Math.max(1, total / 40) == 0) {
                int width = 30;
                int filled = (int) ((long) width * done / total);
                err.print(
                        String.format(
                                Locale.ROOT,
                                "\rseed %d %-14s [%s%s] %d/%d batches",
                                seed,
                                model,
                                "#".repeat(filled),
                                ".".repeat(width - filled),
                                done,
                                total));
                err.flush();
            }
        };
    }
}
