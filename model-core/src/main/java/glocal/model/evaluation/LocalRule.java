package glocal.model.evaluation;

import glocal.model.data.View;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.synthetic.Territory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Which titles count as local to a territory, for the {@code local_share@20} metric. Fitted on the
 * training period's plays (never the test period's), except for a synthetic world, whose titles
 * know their scope.
 */
public interface LocalRule {

    /** Default territory-over-title ratio of {@link #overRepresentation}. */
    double DEFAULT_MIN_RATIO = 2.0;

    /**
     * Default minimum training plays of the title in the territory for {@link #overRepresentation}.
     */
    long DEFAULT_MIN_PLAYS = 3;

    /** One line for the report: what the rule is, with its parameters. */
    String describe();

    /** (title, territory) → local, from the training views. */
    BiPredicate<String, String> fit(List<View> trainViews);

    /**
     * A title is local to territory r when r is over-represented among its plays: the territory's
     * share of the title's training plays is at least {@code minRatio} times the territory's share
     * of all training plays, and the title has at least {@code minPlays} training plays in r.
     * Unlike a majority rule, it does not make nearly every title local to a territory that holds
     * most of the plays (that territory would need {@code minRatio} times its share, above 1 once
     * its share passes 1 / minRatio), and it lets a small territory's hits count even when a big
     * territory plays them too.
     */
    static LocalRule overRepresentation(double minRatio, long minPlays) {
        if (!(minRatio > 0) || Double.isInfinite(minRatio)) {
            throw new IllegalArgumentException(
                    "--local-ratio must be a positive number, got " + minRatio);
        }
        if (minPlays < 1) {
            throw new IllegalArgumentException("--local-min-plays must be >= 1, got " + minPlays);
        }
        return new OverRepresentation(minRatio, minPlays);
    }

    /**
     * {@link #overRepresentation} with {@link #DEFAULT_MIN_RATIO} and {@link #DEFAULT_MIN_PLAYS}.
     */
    static LocalRule overRepresentation() {
        return overRepresentation(DEFAULT_MIN_RATIO, DEFAULT_MIN_PLAYS);
    }

    /**
     * The rule files had before the over-representation rule, kept for comparison: a title is local
     * to a territory when at least half its training plays come from there and it is played in
     * under half the territories of the training period. When one territory holds most plays,
     * nearly every title is local to it and to no other.
     */
    static LocalRule majority() {
        return new Majority();
    }

    /**
     * The synthetic world's ground truth: the title is local to the territory or regional to its
     * region.
     */
    static LocalRule world(SyntheticWorld world) {
        return new World(world);
    }

    /**
     * The rule called {@code id} ({@code over-representation} with the given parameters, or {@code
     * majority}).
     */
    static LocalRule parse(String id, double minRatio, long minPlays) {
        return switch (id) {
            case OverRepresentation.ID -> overRepresentation(minRatio, minPlays);
            case Majority.ID -> majority();
            default ->
                    throw new IllegalArgumentException(
                            "--local-rule "
                                    + id
                                    + ": unknown rule; use "
                                    + OverRepresentation.ID
                                    + " or "
                                    + Majority.ID
                                    + " (a synthetic preset defaults to its world's "
                                    + "ground truth)");
        };
    }

    /**
     * What a play-based rule sees of a (title, territory) pair in the training period.
     *
     * @param plays the title's plays in the territory
     * @param titlePlays the title's plays anywhere
     * @param titleTerritories territories that played the title
     * @param territoryPlays every play in the territory
     * @param allPlays every play
     * @param territories territories with a training view
     */
    record PairCounts(
            long plays,
            long titlePlays,
            int titleTerritories,
            long territoryPlays,
            long allPlays,
            int territories) {}

    /** The pairs of titles and the territories that played them for which {@code local} holds. */
    private static BiPredicate<String, String> fitPairs(
            List<View> trainViews, Predicate<PairCounts> local) {
        Map<String, Long> byTerritory = new HashMap<>();
        Map<String, Map<String, Long>> byTitle = new HashMap<>();
        for (View v : trainViews) {
            byTerritory.putIfAbsent(v.territory(), 0L);
            if (v.isPlay()) {
                byTerritory.merge(v.territory(), 1L, Long::sum);
                byTitle.computeIfAbsent(v.titleId(), t -> new HashMap<>())
                        .merge(v.territory(), 1L, Long::sum);
            }
        }
        long all = byTerritory.values().stream().mapToLong(Long::longValue).sum();
        Set<String> localPairs = new HashSet<>();
        byTitle.forEach(
                (title, territories) -> {
                    long titlePlays =
                            territories.values().stream().mapToLong(Long::longValue).sum();
                    territories.forEach(
                            (territory, plays) -> {
                                if (local.test(
                                        new PairCounts(
                                                plays,
                                                titlePlays,
                                                territories.size(),
                                                byTerritory.get(territory),
                                                all,
                                                byTerritory.size()))) {
                                    localPairs.add(title + '\u0000' + territory);
                                }
                            });
                });
        return (title, territory) -> localPairs.contains(title + '\u0000' + territory);
    }

    /** See {@link #overRepresentation(double, long)}. */
    record OverRepresentation(double minRatio, long minPlays) implements LocalRule {
        static final String ID = "over-representation";

        @Override
        public String describe() {
            return String.format(
                    java.util.Locale.ROOT,
                    "local title: %s (the territory's share of the title's "
                            + "training plays >= %.1f x its share of all training plays, and >= %d plays there)",
                    ID,
                    minRatio,
                    minPlays);
        }

        @Override
        public BiPredicate<String, String> fit(List<View> trainViews) {
            return fitPairs(
                    trainViews,
                    c ->
                            c.plays() >= minPlays
                                    && (c.plays() / (double) c.titlePlays())
                                                    / (c.territoryPlays() / (double) c.allPlays())
                                            >= minRatio);
        }
    }

    /** See {@link #majority()}. */
    record Majority() implements LocalRule {
        static final String ID = "majority";

        @Override
        public String describe() {
            return "local title: "
                    + ID
                    + " (>= half the title's training plays from the territory, played in under "
                    + "half the territories; the rule before over-representation)";
        }

        @Override
        public BiPredicate<String, String> fit(List<View> trainViews) {
            return fitPairs(
                    trainViews,
                    c ->
                            c.titleTerritories() * 2 < Math.max(2, c.territories())
                                    && c.plays() * 2 >= c.titlePlays());
        }
    }

    /** See {@link #world(SyntheticWorld)}. */
    record World(SyntheticWorld world) implements LocalRule {
        static final String ID = "world";

        @Override
        public String describe() {
            return "local title: "
                    + ID
                    + " (the synthetic world's truth: a local title of the territory or a regional "
                    + "title of its region)";
        }

        @Override
        public BiPredicate<String, String> fit(List<View> trainViews) {
            Map<String, Territory> territories = new HashMap<>();
            world.territories().forEach(t -> territories.put(t.code(), t));
            return (title, territory) -> world.title(title).isLocalTo(territories.get(territory));
        }
    }
}
