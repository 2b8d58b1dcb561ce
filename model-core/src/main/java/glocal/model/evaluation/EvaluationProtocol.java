package glocal.model.evaluation;

import glocal.model.batch.ExampleBatch;
import glocal.model.data.View;
import glocal.model.metrics.Popularity;
import glocal.model.metrics.UserGroups;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.synthetic.Territory;
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
  private final ExampleBuilder.Config builderConfig;
  private final boolean validation;

  public EvaluationProtocol(double trainFraction, ExampleBuilder.Config builderConfig) {
    this(trainFraction, builderConfig, false);
  }

  private EvaluationProtocol(double trainFraction, ExampleBuilder.Config builderConfig, boolean validation) {
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("train fraction must be in (0, 1), got " + trainFraction);
    }
    this.trainFraction = trainFraction;
    this.builderConfig = builderConfig;
    this.validation = validation;
  }

  /**
   * This protocol on the validation slice: the training period of the split, split again the same
   * way (its last share is the validation period), so settings are chosen without reading the test.
   */
  public EvaluationProtocol onValidationSlice() {
    return new EvaluationProtocol(trainFraction, builderConfig, true);
  }

  /** A synthetic world's first {@code events} views, grouped by region, locality from the world. */
  public EvaluationData synthetic(SyntheticWorld world, long events) {
    List<View> views = new ArrayList<>((int) Math.min(events, Integer.MAX_VALUE));
    world.views(events).forEachRemaining(views::add);
    Map<String, Territory> territories = new HashMap<>();
    world.territories().forEach(t -> territories.put(t.code(), t));
    BiPredicate<String, String> isLocal =
        (title, territory) -> world.title(title).isLocalTo(territories.get(territory));
    return split(views, TerritoryGrouping.byRegion(world), isLocal);
  }

  /**
   * Views from a file: territory groups by volume (4 groups, or fewer when there are fewer
   * territories); a title is local to a territory when at least half its training plays come
   * from there and it is played in under half the territories.
   */
  public EvaluationData fromViews(List<View> views) {
    List<View> sorted = sorted(views);
    List<View> past = past(sorted);
    int cut = cutIndex(past);
    Map<String, Long> playsByTerritory = new TreeMap<>();
    Map<String, Map<String, Long>> titleTerritories = new HashMap<>();
    for (View v : past.subList(0, cut)) {
      if (v.isPlay()) {
        playsByTerritory.merge(v.territory(), 1L, Long::sum);
        titleTerritories.computeIfAbsent(v.titleId(), t -> new HashMap<>()).merge(v.territory(), 1L, Long::sum);
      }
    }
    for (View v : past) {
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
    return split(sorted, TerritoryGrouping.byVolume(playsByTerritory, Math.min(4, territoryCount)), isLocal);
  }

  /** Splits time-ordered views with a given grouping and locality. */
  public EvaluationData split(List<View> views, TerritoryGrouping grouping, BiPredicate<String, String> isLocal) {
    List<View> sorted = past(sorted(views));
    int cut = cutIndex(sorted);
    List<View> train = sorted.subList(0, cut);
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
    ExampleBuilder builder = new ExampleBuilder(builderConfig, grouping);
    List<ExampleBatch> trainBatches = builder.training(train);
    List<ExampleBatch> testBatches = builder.test(test);
    Popularity<String> popularity = Popularity.ofInteractions(playedTitles);
    UserGroups userGroups = UserGroups.byMainstreamness(trainPlays, popularity, USER_GROUPS);
    return new EvaluationData(splitTime, trainBatches, testBatches, heldOut, trainPlays, userTerritory, grouping,
        userGroups, popularity, isLocal, catalogue, TerritorySizes.ofUsers(userTerritory));
  }

  private static List<View> sorted(List<View> views) {
    List<View> sorted = new ArrayList<>(views);
    // Stable sort: the generator's impression-then-play order survives equal times.
    sorted.sort(Comparator.comparingLong(View::eventTimeMs));
    return sorted;
  }

  /** All the views, or on the validation slice the training period of the whole split. */
  private List<View> past(List<View> sorted) {
    return validation ? sorted.subList(0, cutIndex(sorted)) : sorted;
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
