package glocal.stream.demo;

import glocal.model.report.PrCurve;
import glocal.model.synthetic.SyntheticTitle;
import glocal.model.synthetic.SyntheticUser;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.synthetic.Territory;
import glocal.model.train.OnlineTrainer;
import glocal.model.train.ScoredTitle;
import glocal.model.validation.ProgressiveTerritoryList;
import glocal.model.validation.ProgressiveValidation;
import glocal.stream.trainer.ModelRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the demo reports of each trained model, computed from the models themselves against the
 * synthetic world's ground truth: per territory group, the share of titles local to the user (of
 * the user's territory, or of its region for regional titles) in the user's top-K, and the score
 * distributions of local and of global titles. The same for the territory list the primary run
 * keeps ({@link ProgressiveTerritoryList}): its progressive-validation PR-AUC, and the local share
 * of the sampled users' top-K of their home territory's list.
 */
final class ModelComparison {

    /** The name of the territory list in the results. */
    static final String TERRITORY_LIST = "list";

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

    /**
     * The models' results, the primary first, and the territory list's (its score arrays empty: it
     * has no vectors), or null when the primary keeps no territory list.
     */
    record Comparison(List<ModelResult> models, ModelResult territoryList) {}

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
    Comparison compare(Map<String, ModelRun> models) {
        ModelRun primary = models.values().iterator().next();
        Map<Integer, List<SyntheticUser>> sample = sampleUsersByGroup(primary.trainer());
        List<ModelResult> out = new ArrayList<>();
        models.forEach((name, run) -> out.add(evaluate(name, run, sample)));
        return new Comparison(
                out, primary.territoryList().map(l -> territoryList(l, sample)).orElse(null));
    }

    /**
     * The territory list's results for the sampled users: PR-AUC and PR curves from its own
     * progressive validation, and per group the local share of each user's top-K of their home
     * territory's list.
     */
    ModelResult territoryList(
            ProgressiveTerritoryList list, Map<Integer, List<SyntheticUser>> sample) {
        Map<Integer, GroupResult> groups = new LinkedHashMap<>();
        sample.forEach(
                (group, users) ->
                        groups.put(
                                group,
                                groupResult(
                                        group, users, user -> list.topK(user.homeTerritory(), k))));
        return new ModelResult(
                TERRITORY_LIST,
                groups,
                new double[0],
                new double[0],
                prAuc(list.validation()),
                prCurves(list.validation()));
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
                    for (SyntheticUser user : users) {
                        Territory home = territories.get(user.homeTerritory());
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
                    groups.put(
                            group,
                            groupResult(
                                    group,
                                    users,
                                    user ->
                                            model.topK(user.userId(), group, k).stream()
                                                    .map(ScoredTitle::titleId)
                                                    .toList()));
                });
        return new ModelResult(
                name,
                groups,
                local.toArray(),
                global.toArray(),
                prAuc(run.validation()),
                prCurves(run.validation()));
    }

    /**
     * A group's users, the mean share of titles local to the user in their list ({@code top}), and
     * the group's commonest home territories (at most four).
     */
    private GroupResult groupResult(
            int group, List<SyntheticUser> users, Function<SyntheticUser, List<String>> top) {
        double shareSum = 0;
        Map<String, Integer> territoryCounts = new TreeMap<>();
        for (SyntheticUser user : users) {
            Territory home = territories.get(user.homeTerritory());
            territoryCounts.merge(home.code(), 1, Integer::sum);
            List<String> titles = top.apply(user);
            long localCount = titles.stream().filter(t -> world.title(t).isLocalTo(home)).count();
            shareSum += titles.isEmpty() ? 0 : (double) localCount / titles.size();
        }
        List<String> mainTerritories =
                territoryCounts.entrySet().stream()
                        .sorted((a, b) -> b.getValue() - a.getValue())
                        .limit(4)
                        .map(Map.Entry::getKey)
                        .toList();
        return new GroupResult(
                group,
                users.size(),
                users.isEmpty() ? Double.NaN : shareSum / users.size(),
                mainTerritories);
    }

    private static Map<String, Double> prAuc(ProgressiveValidation validation) {
        Map<String, Double> prAuc = new LinkedHashMap<>();
        validation.summaries().forEach(s -> prAuc.put(s.group(), s.averagePrecision()));
        return prAuc;
    }

    private static Map<String, PrCurve> prCurves(ProgressiveValidation validation) {
        Map<String, PrCurve> curves = new LinkedHashMap<>();
        for (String group : validation.groupNames()) {
            if (!group.startsWith("activityGroup=")) {
                ProgressiveValidation.WindowContents window = validation.window(group);
                curves.put(group, PrCurve.of(window.scores(), window.labels()));
            }
        }
        return curves;
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
