package glocal.cli;

import glocal.model.data.View;
import glocal.model.data.files.ReadReport;
import glocal.model.data.files.ViewFiles;
import glocal.model.data.files.ViewReader;
import glocal.model.evaluation.EvaluationData;
import glocal.model.evaluation.EvaluationPresets;
import glocal.model.evaluation.EvaluationProtocol;
import glocal.model.evaluation.Evaluator;
import glocal.model.evaluation.ExampleBuilder;
import glocal.model.evaluation.MetricRow;
import glocal.model.evaluation.ModelVariant;
import glocal.model.evaluation.ResultTable;
import glocal.model.evaluation.ScoreDistributions;
import glocal.model.weights.AdaptiveWeightsConfig;
import glocal.model.synthetic.SyntheticConfig;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.tall.TallConfig;
import glocal.model.train.OnlineTrainer;
import glocal.model.train.PassSchedule;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code glocal evaluate}: the offline comparison of models on a temporal split replayed as a
 * stream; every model trains on the same batches. Prints the table, writes CSV, Markdown and PNG
 * charts to {@code --out}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Compares models (baseline, mtl, mmoe, cgc, mfh, biasnet, adaptive, ...) on a temporal "
        + "split of synthetic or file views: PR-AUC, AUC, NDCG@20, Recall@20, local share, popularity bias, "
        + "per territory group and per user group, mean ± spread over seeds.")
public final class EvaluateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--preset", defaultValue = "strongLocalTaste",
      description = "Synthetic scenario: defaults, balanced, strongLocalTaste, tinyTerritory, manyNiche or tiny. "
          + "Default: ${DEFAULT-VALUE}.")
  String preset;

  @Option(names = "--users", description = "Overrides the preset's number of users.")
  Integer users;

  @Option(names = "--events", defaultValue = "100000",
      description = "Synthetic views generated (train + test). Default: ${DEFAULT-VALUE}.")
  long events;

  @Option(names = "--file", description = "Views file (CSV/TSV with header, or MovieLens) instead of the generator.")
  Path file;

  @Option(names = "--seeds", split = ",", defaultValue = "1,2,3",
      description = "Seeds (world, negative sampling and model init). Default: ${DEFAULT-VALUE}.")
  List<Long> seeds;

  @Option(names = "--models", split = ",", defaultValue = "baseline,mtl,mmoe,cgc,mfh,biasnet,adaptive",
      description = "Models: baseline, baseline-wide (baseline with as many dense parameters as mtl), mtl, "
          + "shared-bottom, mmoe, cgc, mfh, biasnet (mtl + bias tower), adaptive (mtl + adaptive user weights), "
          + "mtl-sampled (mtl on a random half of users), mtl-upsampled (that half plus half of the other "
          + "active users), tall (TALL's loss-driven mixture of MultVAE experts, trained offline on the training "
          + "period's watch histories), tall-adaptive (that mixture trained with the adaptive user weights, one "
          + "loss window per epoch). Default: ${DEFAULT-VALUE}.")
  List<String> models;

  @Option(names = "--train-fraction", defaultValue = "0.8",
      description = "Share of views (by event time) trained on. Default: ${DEFAULT-VALUE}.")
  double trainFraction;

  @Option(names = "--batch", defaultValue = "256", description = "Views per mini-batch. Default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(names = "--negatives", defaultValue = "2",
      description = "Sampled negatives per play, ∝ popularity^0.75 in the territory. Default: ${DEFAULT-VALUE}.")
  int negatives;

  @Option(names = "--test-users", defaultValue = "500",
      description = "Users whose top-20 is computed per model and seed. Default: ${DEFAULT-VALUE}.")
  int testUsers;

  @Option(names = "--epochs", defaultValue = "1",
      description = "At most this many passes of each online model over the training period. Above 1 the number "
          + "is chosen on a validation slice (the training period split again by --train-fraction, the test "
          + "never read): a model trains pass after pass there until NDCG@20 on the validation period has not "
          + "improved for --patience passes; then a fresh model trains the best number of passes on the whole "
          + "training period. Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--lr-decay", defaultValue = "0.5",
      description = "Learning rates of pass p (0-based) are multiplied by this to the power p. Default: ${DEFAULT-VALUE}.")
  float lrDecay;

  @Option(names = "--patience", defaultValue = "1",
      description = "Passes without a better validation NDCG@20 before the passes stop. Default: ${DEFAULT-VALUE}.")
  int patience;

  @Option(names = "--out", defaultValue = "evaluation", description = "Output folder. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--adaptive", split = ",", paramLabel = "KEY=VALUE",
      description = "Settings of the adaptive variant's TALL user weights: alpha (temperature), gap (windows "
          + "without weights), window (training steps per loss window), min, max (clip), examples (a user's "
          + "examples needed in a window). Default: alpha=0.5,gap=2,window=200,min=0.2,max=5,examples=6 "
          + "(the trainer's defaults). tall-adaptive closes one window per epoch (gap counts epochs; window "
          + "and examples do not apply); its losses change little per epoch, so it wants a small alpha, e.g. 0.02.")
  java.util.Map<String, String> adaptive = new java.util.LinkedHashMap<>();

  @Option(names = "--tall", split = ",", paramLabel = "KEY=VALUE",
      description = "Settings of the tall model, e.g. tall.epochs=10,tall.experts=4 (keys: tall.experts, "
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
    try {
      config = file == null ? EvaluationPresets.preset(preset) : null;
      if (config != null && users != null) {
        config = config.toBuilder().users(users).build();
      }
      for (String m : models) {
        ModelVariant.parse(m, 4, 1);
      }
      adaptiveWeights = AdaptiveWeightsConfig.defaults().with(adaptive);
      tallConfig = tallConfig();
      schedule = new PassSchedule(epochs, lrDecay, patience);
      if (seeds.isEmpty()) {
        throw new IllegalArgumentException("--seeds: give at least one seed");
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    try {
      OnlineTrainer.configureThreads(1);
      List<View> fileViews = file == null ? null : readFile(err);
      List<MetricRow> rows = new ArrayList<>();
      EvaluationData last = null;
      ScoreDistributions scores = new ScoreDistributions();
      for (long seed : seeds) {
        EvaluationProtocol protocol =
            new EvaluationProtocol(trainFraction, new ExampleBuilder.Config(batch, negatives, 0.75, seed));
        EvaluationData data = load(protocol, config, fileViews, seed);
        EvaluationData validation = epochs > 1 ? load(protocol.onValidationSlice(), config, fileViews, seed) : null;
        List<ModelVariant> variants = models.stream()
            .map(m -> ModelVariant.parse(m, data.grouping().groups(), seed)).toList();
        Evaluator evaluator = new Evaluator(testUsers, (m, b) -> { }, progress(err, seed),
            adaptiveWeights, scores, tallConfig).withPasses(schedule);
        rows.addAll(evaluator.run(data, validation, variants, seed));
        last = data;
      }
      err.print("\r" + " ".repeat(70) + "\r");
      err.flush();
      List<String> groups = Evaluator.groupOrder(last);
      ResultTable table = new ResultTable(rows, models, groups);
      stdout.print(table.terminal());
      List<String> userGroups = groups.stream().filter(g -> g.startsWith("user=")).toList();
      List<Path> written = new ArrayList<>(table.write(out, userGroups));
      written.addAll(scores.write(out));
      stdout.println("wrote " + written.size() + " files to " + out.toAbsolutePath());
      stdout.flush();
      return 0;
    } catch (IllegalArgumentException | UncheckedIOException e) {
      return CliErrors.report(err, "evaluate", e);
    }
  }

  private EvaluationData load(EvaluationProtocol protocol, SyntheticConfig config, List<View> fileViews, long seed) {
    return fileViews == null ? protocol.synthetic(new SyntheticWorld(config, seed), events)
        : protocol.fromViews(fileViews);
  }

  private TallConfig tallConfig() {
    try {
      return TallConfig.defaults().with(tall.entrySet().stream()
          .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--tall: " + e.getMessage(), e);
    }
  }

  private List<View> readFile(PrintWriter err) {
    return readViews(file, err);
  }

  /** Every view of {@code file}, saying on {@code err} what was read and what was not. */
  static List<View> readViews(Path file, PrintWriter err) {
    ReadReport report = new ReadReport();
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
        err.print(String.format(Locale.ROOT, "\rseed %d %-14s [%s%s] %d/%d batches", seed, model,
            "#".repeat(filled), ".".repeat(width - filled), done, total));
        err.flush();
      }
    };
  }
}
