package glocal.stream.demo;

import glocal.model.report.PrCurve;
import glocal.model.synthetic.SyntheticTitle;
import glocal.model.synthetic.SyntheticUser;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.synthetic.Territory;
import glocal.model.train.OnlineTrainer;
import glocal.model.train.ScoredTitle;
import glocal.model.validation.ProgressiveValidation;
import glocal.stream.trainer.ModelRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the demo reports of each trained model, computed from the models themselves against the
 * synthetic world's ground truth: per territory group, the share of titles local to the user (of
 * the user's territory, or of its region for regional titles) in the user's top-K, and the score
 * distributions of local and of global titles.
 */
final class ModelComparison {

    /** Per model and territory group: users sampled and the mean local share of their top-K. */
    record GroupResult(int group, int users, double localShare, List<String> territories) {}

    /**
     * A model's results: by group; the dot-product scores of local and of global titles; and, from
     * its progressive validation (predictions made before training on each example), PR-AUC and the
     * PR curve per validation group ({@code all}, {@code territoryGroup=G0}, ...).
     */
    record ModelResult(
            String model,
            Map<Integer, GroupResult> groups,
            double[] localScores,
            double[] globalScores,
            Map<String, Double> prAuc,
            Map<String, PrCurve> prCurves) {}

    private final SyntheticWorld world;
    private final Map<String, Territory> territories = new HashMap<>();
    private final int usersPerGroup;
    private final int k;

    ModelComparison(SyntheticWorld world, int usersPerGroup, int k) {
        this.world = world;
        this.usersPerGroup = usersPerGroup;
        this.k = k;
        world.territories().forEach(t -> territories.put(t.code(), t));
    }

    /**
     * Runs on the trainer thread (see TrainerService.inspect): reads the models, changes nothing.
     */
    List<ModelResult> compare(Map<String, ModelRun> models) {
        OnlineTrainer primary = models.values().iterator().next().trainer();
        Map<Integer, List<SyntheticUser>> sample = sampleUsersByGroup(primary);
        List<ModelResult> out = new ArrayList<>();
        models.forEach((name, run) -> out.add(evaluate(name, run, sample)));
        return out;
    }

    private Map<Integer, List<SyntheticUser>> sampleUsersByGroup(OnlineTrainer primary) {
        Map<Integer, List<SyntheticUser>> byGroup = new TreeMap<>();
        for (int u = 0; u < world.userCount(); u++) {
            SyntheticUser user = world.user(u);
            int group = primary.homeTerritoryGroup(user.userId());
            if (group < 0) {
                continue;
            }
            List<SyntheticUser> list = byGroup.computeIfAbsent(group, g -> new ArrayList<>());
            if (list.size() < usersPerGroup) {
                list.add(user);
            }
        }
        return byGroup;
    }

    private ModelResult evaluate(
            String name, ModelRun run, Map<Integer, List<SyntheticUser>> sample) {
        OnlineTrainer model = run.trainer();
        Map<String, Double> prAuc = new LinkedHashMap<>();
        run.validation().summaries().forEach(s -> prAuc.put(s.group(), s.averagePrecision()));
        Map<String, PrCurve> curves = new LinkedHashMap<>();
        for (String group : run.validation().groupNames()) {
            if (!group.startsWith("activityGroup=")) {
                ProgressiveValidation.WindowContents window = run.validation().window(group);
                curves.put(group, PrCurve.of(window.scores(), window.labels()));
            }
        }
        Map<Integer, GroupResult> groups = new LinkedHashMap<>();
        List<SyntheticTitle> titles = world.titles();
        float[][] titleVectors = new float[titles.size()][];
        for (int t = 0; t < titles.size(); t++) {
            titleVectors[t] = model.titleEmbedding(titles.get(t).titleId());
        }
        DoubleList local = new DoubleList();
        DoubleList global = new DoubleList();
        sample.forEach(
                (group, users) -> {
                    double shareSum = 0;
                    Map<String, Integer> territoryCounts = new TreeMap<>();
                    for (SyntheticUser user : users) {
                        Territory home = territories.get(user.homeTerritory());
                        territoryCounts.merge(home.code(), 1, Integer::sum);
                        List<ScoredTitle> top = model.topK(user.userId(), group, k);
                        long localCount =
                                top.stream()
                                        .filter(s -> world.title(s.titleId()).isLocalTo(home))
                                        .count();
                        shareSum += top.isEmpty() ? 0 : (double) localCount / top.size();
                        float[] u = model.userEmbedding(user.userId(), group);
                        for (int t = 0; t < titles.size(); t++) {
                            double score = dot(u, titleVectors[t]);
                            if (titles.get(t).isLocalTo(home)) {
                                local.add(score);
                            } else if (!titles.get(t).isLocal()) {
                                global.add(score);
                            }
                        }
                    }
                    List<String> mainTerritories =
                            territoryCounts.entrySet().stream()
                                    .sorted((a, b) -> b.getValue() - a.getValue())
                                    .limit(4)
                                    .map(Map.Entry::getKey)
                                    .toList();
                    groups.put(
                            group,
                            new GroupResult(
                                    group,
                                    users.size(),
                                    users.isEmpty() ? Double.NaN : shareSum / users.size(),
                                    mainTerritories));
                });
        return new ModelResult(name, groups, local.toArray(), global.toArray(), prAuc, curves);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** A growable double array: score lists reach millions of entries. */
    private static final class DoubleList {
        private double[] values = new double[1024];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
