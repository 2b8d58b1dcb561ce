package glocal.model.evaluation;

import glocal.model.batch.ExampleBatch;
import glocal.model.data.View;
import glocal.model.labelling.Labeller;
import glocal.model.labelling.LabellingPolicy;
import glocal.model.metrics.Popularity;
import glocal.model.metrics.UserGroups;
import glocal.model.sampling.UserSampler;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.synthetic.Territory;
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
 * The temporal split: views sorted by event time, the first {@code trainFraction} of them are
 * the past (replayed to each model as a stream of mini-batches), the rest the future. The
 * held-out set of a user is what they PLAYed in the future minus what they played in the past.
 */
public final class EvaluationProtocol {

  /** User groups from niche to mainstream (UserGroups labels). */
  public static final int USER_GROUPS = 3;

  private final double trainFraction;
  private final int batchSize;
  private final LabellingPolicy labelling;

  /**
   * @param batchSize examples per training (and test) batch
   * @param labelling the stream's labelling rules to apply ({@link LabellingPolicy#defaults()} are the
   *     stream's defaults); its user rates are not used here: the batches keep every user, and the
   *     sampled variants pick their rows with {@link UserSampling}
   */
  public EvaluationProtocol(double trainFraction, int batchSize, LabellingPolicy labelling) {
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("train fraction must be in (0, 1), got " + trainFraction);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    this.trainFraction = trainFraction;
    this.batchSize = batchSize;
    this.labelling = labelling;
  }

  /** A synthetic world's first {@code events} views, grouped by region, locality from the world. */
  public EvaluationData synthetic(SyntheticWorld world, long events) {
    return synthetic(world, events, GroupingChoice.REGION);
  }

  /** A synthetic world's first {@code events} views in the chosen territory groups, locality from the world. */
  public EvaluationData synthetic(SyntheticWorld world, long events, GroupingChoice groups) {
    List<View> views = new ArrayList<>((int) Math.min(events, Integer.MAX_VALUE));
    world.views(events).forEachRemaining(views::add);
    Map<String, Territory> territories = new HashMap<>();
    world.territories().forEach(t -> territories.put(t.code(), t));
    BiPredicate<String, String> isLocal =
        (title, territory) -> world.title(title).isLocalTo(territories.get(territory));
    return split(views, groups.strategy(world, world.territories().size()), isLocal);
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
   * groups, or fewer when there are fewer territories); a title is local to a territory when at
   * least half its training plays come from there and it is played in under half the territories.
   */
  public EvaluationData fromViews(List<View> views, GroupingChoice groups) {
    List<View> sorted = sorted(views);
    int cut = cutIndex(sorted);
    Map<String, Long> playsByTerritory = new TreeMap<>();
    Map<String, Map<String, Long>> titleTerritories = new HashMap<>();
    for (View v : sorted.subList(0, cut)) {
      if (v.isPlay()) {
        playsByTerritory.merge(v.territory(), 1L, Long::sum);
        titleTerritories.computeIfAbsent(v.titleId(), t -> new HashMap<>()).merge(v.territory(), 1L, Long::sum);
      }
    }
    for (View v : sorted) {
      playsByTerritory.putIfAbsent(v.territory(), 0L);
    }
    int territoryCount = playsByTerritory.size();
    BiPredicate<String, String> isLocal = (title, territory) -> {
      Map<String, Long> byT = titleTerritories.get(title);
      if (byT == null || byT.size() * 2 >= Math.max(2, territoryCount)) {
        return false;
      }
      long total = byT.values().stream().mapToLong(Long::longValue).sum();
      return byT.getOrDefault(territory, 0L) * 2 >= total;
    };
    return split(sorted, groups.strategy(null, territoryCount), isLocal);
  }

  /**
   * Splits time-ordered views with a given locality, in territory groups the strategy makes from
   * the training plays (every territory of the views grouped; one a fixed grouping misses fails).
   */
  public EvaluationData split(List<View> views, GroupingStrategy groups, BiPredicate<String, String> isLocal) {
    List<View> sorted = sorted(views);
    int cut = cutIndex(sorted);
    List<View> train = sorted.subList(0, cut);
    TerritoryGrouping grouping = grouping(groups, sorted, train);
    long splitTime = sorted.get(cut).eventTimeMs();
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
    // Test views of users and titles the past never saw say nothing about what the models learned.
    List<View> test = sorted.subList(cut, sorted.size()).stream()
        .filter(v -> userTerritory.containsKey(v.userId()) && catalogue.contains(v.titleId())).toList();
    Map<String, Set<String>> heldOut = new TreeMap<>();
    for (View v : test) {
      if (v.isPlay() && !trainPlays.getOrDefault(v.userId(), Set.of()).contains(v.titleId())) {
        heldOut.computeIfAbsent(v.userId(), u -> new TreeSet<>()).add(v.titleId());
      }
    }
    // Labelled as the stream labels (activity, play counts, example rules), every user kept. An
    // impression still waiting at the split is left out of training (views after the split decide
    // it); the test period goes on from the training period's state with no sampled negatives, and
    // the end of the data closes every impression window still open.
    Labeller labeller = new Labeller(labelling, grouping, UserSampler.everyone());
    List<ExampleBatch> trainBatches = labeller.batches(train, batchSize, "train");
    List<ExampleBatch> testBatches = labeller.withoutNegatives().batchesToTheEnd(test, batchSize, "test");
    Popularity<String> popularity = Popularity.ofInteractions(playedTitles);
    UserGroups userGroups = UserGroups.byMainstreamness(trainPlays, popularity, USER_GROUPS);
    return new EvaluationData(splitTime, trainBatches, testBatches, heldOut, trainPlays, userTerritory, grouping,
        userGroups, popularity, isLocal, catalogue, TerritorySizes.ofUsers(userTerritory));
  }

  /** The strategy's grouping of the training plays; a territory with no training play is grouped too. */
  private static TerritoryGrouping grouping(GroupingStrategy groups, List<View> all, List<View> train) {
    Map<String, Map<String, Long>> plays = new TreeMap<>();
    for (View v : all) {
      plays.putIfAbsent(v.territory(), new HashMap<>());
    }
    for (View v : train) {
      if (v.isPlay()) {
        plays.get(v.territory()).merge(v.titleId(), 1L, Long::sum);
      }
    }
    TerritoryGrouping grouping = groups.group(plays).withUnknownTerritories(UnknownTerritories.REJECTED);
    for (String territory : plays.keySet()) {
      if (!grouping.lists(territory)) {
        throw new IllegalArgumentException("the views carry territory " + territory + ", which is in none of the "
            + grouping.groups() + " territory groups: add it to the grouping (--groups)");
      }
    }
    return grouping;
  }

  private static List<View> sorted(List<View> views) {
    List<View> sorted = new ArrayList<>(views);
    // Stable sort: the generator's impression-then-play order survives equal times.
    sorted.sort(Comparator.comparingLong(View::eventTimeMs));
    return sorted;
  }

  private int cutIndex(List<View> sorted) {
    if (sorted.size() < 2) {
      throw new IllegalArgumentException("need at least 2 views to split, got " + sorted.size());
    }
    int cut = Math.max(1, Math.min(sorted.size() - 1, (int) (sorted.size() * trainFraction)));
    // Views sharing the cut's event time all go to the test side, so the split is a clean time cut.
    long t = sorted.get(cut).eventTimeMs();
    while (cut > 1 && sorted.get(cut - 1).eventTimeMs() == t) {
      cut--;
    }
    return cut;
  }
}
