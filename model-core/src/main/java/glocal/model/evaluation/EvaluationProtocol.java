package glocal.model.evaluation;

import glocal.model.batch.ExampleBatch;
import glocal.model.data.View;
import glocal.model.labelling.Labeller;
import glocal.model.labelling.LabellingPolicy;
import glocal.model.metrics.Popularity;
import glocal.model.metrics.UserGroups;
import glocal.model.sampling.UserSampler;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.territory.GroupingStrategy;
import glocal.model.territory.TerritoryGrouping;
import glocal.model.territory.UnknownTerritories;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * The split into past and future ({@link SplitMode}: one cut in event time, or one per user); the
 * past is replayed to each model as a stream of mini-batches in time order, the future is the test.
 * The held-out set of a user is what they PLAYed in the future minus what they played in the past.
 * On the validation slice ({@link #onValidationSlice}) the past alone is split again the same way,
 * so settings can be chosen without reading the test period.
 */
public final class EvaluationProtocol {

    /** User groups from niche to mainstream (UserGroups labels). */
    public static final int USER_GROUPS = 3;

    private final double trainFraction;
    private final int batchSize;
    private final LabellingPolicy labelling;
    private final SplitMode mode;
    private final LocalRule localRule;
    private final boolean validation;

    /**
     * The time split; local titles by the world's truth (synthetic) or over-representation (files).
     *
     * @param batchSize examples per training (and test) batch
     * @param labelling the stream's labelling rules to apply ({@link LabellingPolicy#defaults()}
     *     are the stream's defaults); its user rates are not used here: the batches keep every
     *     user, and the sampled variants pick their rows with {@link UserSampling}
     */
    public EvaluationProtocol(double trainFraction, int batchSize, LabellingPolicy labelling) {
        this(trainFraction, batchSize, labelling, SplitMode.TIME, null, false);
    }

    private EvaluationProtocol(
            double trainFraction,
            int batchSize,
            LabellingPolicy labelling,
            SplitMode mode,
            LocalRule localRule,
            boolean validation) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException(
                    "train fraction must be in (0, 1), got " + trainFraction);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.trainFraction = trainFraction;
        this.batchSize = batchSize;
        this.labelling = labelling;
        this.mode = mode;
        this.localRule = localRule;
        this.validation = validation;
    }

    /** This protocol with another split mode. */
    public EvaluationProtocol withSplit(SplitMode splitMode) {
        return new EvaluationProtocol(
                trainFraction, batchSize, labelling, splitMode, localRule, validation);
    }

    /** This protocol with {@code rule} for local titles, for synthetic worlds and files alike. */
    public EvaluationProtocol withLocalRule(LocalRule rule) {
        return new EvaluationProtocol(trainFraction, batchSize, labelling, mode, rule, validation);
    }

    /** This protocol on the validation slice: the training period of the split, split again. */
    public EvaluationProtocol onValidationSlice() {
        return new EvaluationProtocol(trainFraction, batchSize, labelling, mode, localRule, true);
    }

    /**
     * A synthetic world's first {@code events} views, grouped by region; local titles by the world
     * unless set.
     */
    public EvaluationData synthetic(SyntheticWorld world, long events) {
        return synthetic(world, events, GroupingChoice.REGION);
    }

    /**
     * A synthetic world's first {@code events} views in the chosen territory groups; local titles
     * by the world unless set.
     */
    public EvaluationData synthetic(SyntheticWorld world, long events, GroupingChoice groups) {
        List<View> views = new ArrayList<>((int) Math.min(events, Integer.MAX_VALUE));
        world.views(events).forEachRemaining(views::add);
        return split(
                views,
                groups.strategy(world, world.territories().size()),
                localRule == null ? LocalRule.world(world) : localRule);
    }

    /**
     * Views from a file, in territory groups computed from viewership as the stream computes them
     * (see {@link #fromViews(List, GroupingChoice)}).
     */
    public EvaluationData fromViews(List<View> views) {
        return fromViews(views, GroupingChoice.VIEWERSHIP);
    }

    /**
     * Views from a file in the chosen territory groups ({@value GroupingChoice#GROUPS} computed
     * groups, or fewer when there are fewer territories); local titles by over-representation
     * unless set.
     */
    public EvaluationData fromViews(List<View> views, GroupingChoice groups) {
        long territoryCount = views.stream().map(View::territory).distinct().count();
        return split(
                views,
                groups.strategy(null, (int) territoryCount),
                localRule == null ? LocalRule.overRepresentation() : localRule);
    }

    /**
     * Splits views (any order) with a local-title rule, in territory groups the strategy makes from
     * the training plays (every territory of the views grouped; one a fixed grouping misses fails).
     */
    public EvaluationData split(List<View> views, GroupingStrategy groups, LocalRule rule) {
        List<View> sorted = sorted(views);
        Parts parts = parts(sorted);
        List<View> train = parts.train();
        TerritoryGrouping grouping = grouping(groups, sorted, train);
        BiPredicate<String, String> isLocal = rule.fit(train);
        Map<String, Set<String>> trainPlays = new TreeMap<>();
        Map<String, String> userTerritory = new TreeMap<>();
        List<String> playedTitles = new ArrayList<>();
        // Every title the past showed: the models know them all, so any may be recommended.
        Set<String> catalogue = new TreeSet<>();
        for (View v : train) {
            userTerritory.put(v.userId(), v.territory());
            catalogue.add(v.titleId());
            if (v.isPlay()) {
                trainPlays.computeIfAbsent(v.userId(), u -> new LinkedHashSet<>()).add(v.titleId());
                playedTitles.add(v.titleId());
            }
        }
        // Test views of users and titles the past never saw say nothing about what the models
        // learned.
        List<View> test =
                parts.test().stream()
                        .filter(
                                v ->
                                        userTerritory.containsKey(v.userId())
                                                && catalogue.contains(v.titleId()))
                        .toList();
        Map<String, Set<String>> heldOut = new TreeMap<>();
        for (View v : test) {
            if (v.isPlay()
                    && !trainPlays.getOrDefault(v.userId(), Set.of()).contains(v.titleId())) {
                heldOut.computeIfAbsent(v.userId(), u -> new TreeSet<>()).add(v.titleId());
            }
        }
        // Labelled as the stream labels (activity, play counts, example rules), every user kept. An
        // impression still waiting at the split is left out of training (views after the split
        // decide
        // it); the test period goes on from the training period's state with no sampled negatives,
        // and
        // the end of the data closes every impression window still open.
        Labeller labeller = new Labeller(labelling, grouping, UserSampler.everyone());
        List<ExampleBatch> trainBatches = labeller.batches(train, batchSize, "train");
        List<ExampleBatch> testBatches =
                labeller.withoutNegatives().batchesToTheEnd(test, batchSize, "test");
        Popularity<String> popularity = Popularity.ofInteractions(playedTitles);
        UserGroups userGroups = UserGroups.byMainstreamness(trainPlays, popularity, USER_GROUPS);
        long splitTime = parts.test().stream().mapToLong(View::eventTimeMs).min().orElseThrow();
        return new EvaluationData(
                splitTime,
                trainBatches,
                testBatches,
                heldOut,
                trainPlays,
                userTerritory,
                grouping,
                userGroups,
                popularity,
                isLocal,
                catalogue,
                TerritorySizes.ofUsers(userTerritory),
                facts(sorted, rule, train.get(train.size() - 1).eventTimeMs()));
    }

    private record Parts(List<View> train, List<View> test) {}

    /**
     * The split of time-sorted views; on the validation slice, the split of the first split's past.
     */
    private Parts parts(List<View> sorted) {
        Parts parts = cut(sorted);
        return validation ? cut(parts.train()) : parts;
    }

    private Parts cut(List<View> sorted) {
        if (sorted.size() < 2) {
            throw new IllegalArgumentException(
                    "need at least 2 views to split, got " + sorted.size());
        }
        if (mode == SplitMode.TIME) {
            int cut = timeCutIndex(sorted);
            return new Parts(sorted.subList(0, cut), sorted.subList(cut, sorted.size()));
        }
        Map<String, Integer> views = new HashMap<>();
        sorted.forEach(v -> views.merge(v.userId(), 1, Integer::sum));
        Map<String, Integer> seen = new HashMap<>();
        List<View> train = new ArrayList<>();
        List<View> test = new ArrayList<>();
        for (View v : sorted) {
            int n = views.get(v.userId());
            int testViews = (int) Math.min(n - 1, Math.round(n * (1 - trainFraction)));
            (seen.merge(v.userId(), 1, Integer::sum) <= n - testViews ? train : test).add(v);
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException(
                    "--split user-time left no "
                            + (train.isEmpty() ? "training" : "test")
                            + " view: users need at least 2 views each for a per-user split");
        }
        return new Parts(train, test);
    }

    /**
     * The strategy's grouping of the training plays; a territory with no training play is grouped
     * too.
     */
    private static TerritoryGrouping grouping(
            GroupingStrategy groups, List<View> all, List<View> train) {
        Map<String, Map<String, Long>> plays = new TreeMap<>();
        for (View v : all) {
            plays.putIfAbsent(v.territory(), new HashMap<>());
        }
        for (View v : train) {
            if (v.isPlay()) {
                plays.get(v.territory()).merge(v.titleId(), 1L, Long::sum);
            }
        }
        TerritoryGrouping grouping =
                groups.group(plays).withUnknownTerritories(UnknownTerritories.REJECTED);
        for (String territory : plays.keySet()) {
            if (!grouping.lists(territory)) {
                throw new IllegalArgumentException(
                        "the views carry territory "
                                + territory
                                + ", which is in none of the "
                                + grouping.groups()
                                + " territory groups: add it to the grouping (--groups)");
            }
        }
        return grouping;
    }

    private static List<View> sorted(List<View> views) {
        List<View> sorted = new ArrayList<>(views);
        // Stable sort: the generator's impression-then-play order (and a file's order) survives
        // equal times.
        sorted.sort(Comparator.comparingLong(View::eventTimeMs));
        return sorted;
    }

    private int timeCutIndex(List<View> sorted) {
        int cut = Math.max(1, Math.min(sorted.size() - 1, (int) (sorted.size() * trainFraction)));
        // Views sharing the cut's event time all go to the test side, so the split is a clean time
        // cut.
        long t = sorted.get(cut).eventTimeMs();
        while (cut > 1 && sorted.get(cut - 1).eventTimeMs() == t) {
            cut--;
        }
        return cut;
    }

    /** Whether users' views interleave in time: a file grouped by user with fake times does not. */
    private SplitFacts facts(List<View> sorted, LocalRule rule, long trainEndMs) {
        Map<String, int[]> runsAndViews = new HashMap<>();
        String previous = null;
        long distinctTimes = 0;
        long previousTime = 0;
        for (int i = 0; i < sorted.size(); i++) {
            View v = sorted.get(i);
            int[] c = runsAndViews.computeIfAbsent(v.userId(), u -> new int[2]);
            c[1]++;
            if (!v.userId().equals(previous)) {
                c[0]++;
            }
            previous = v.userId();
            if (i == 0 || v.eventTimeMs() != previousTime) {
                distinctTimes++;
            }
            previousTime = v.eventTimeMs();
        }
        long several = runsAndViews.values().stream().filter(c -> c[1] >= 2).count();
        long contiguous =
                runsAndViews.values().stream().filter(c -> c[1] >= 2 && c[0] == 1).count();
        return new SplitFacts(
                mode,
                trainFraction,
                validation,
                rule.describe(),
                trainEndMs,
                several,
                contiguous,
                distinctTimes);
    }
}
