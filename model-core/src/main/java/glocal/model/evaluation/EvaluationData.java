package glocal.model.evaluation;

import glocal.model.batch.ExampleBatch;
import glocal.model.metrics.Popularity;
import glocal.model.metrics.UserGroups;
import glocal.model.territory.TerritoryGrouping;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * One split, ready for every model: the training batches (built once, replayed to each model as
 * they are), labelled test batches, and for top-K: each test user's held-out plays (excluding
 * titles played in training), training plays, territory, territory group and user group.
 *
 * @param splitTimeMs event time of the first test view; with the time split every view at or after
 *     it is a test view, with the user-time split training views may come later
 * @param isLocal whether a title is local to a territory
 * @param catalogue titles that can be recommended (shown or played in training)
 * @param split how the split was made, for the report and its warnings
 */
public record EvaluationData(
        long splitTimeMs,
        List<ExampleBatch> trainBatches,
        List<ExampleBatch> testBatches,
        Map<String, Set<String>> heldOut,
        Map<String, Set<String>> trainPlays,
        Map<String, String> userTerritory,
        TerritoryGrouping grouping,
        UserGroups userGroups,
        Popularity<String> popularity,
        BiPredicate<String, String> isLocal,
        Set<String> catalogue,
        TerritorySizes territorySizes,
        SplitFacts split) {}
