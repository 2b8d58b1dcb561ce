package glocal.model.evaluation.reference;

import glocal.model.evaluation.EvaluationData;
import glocal.model.train.ScoredTitle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Popularity lists: each title weighted by its training plays, over the whole catalogue or within
 * the user's home territory (the territory of their last training view), each play counting 1 or
 * decayed by its age at the end of the training period: weight {@code 2^(-age / halfLife)}. The
 * four references {@code most-popular}, {@code most-popular-territory}, {@code recent-popular} and
 * {@code recent-popular-territory} are its four combinations.
 *
 * <p>The ranking covers the whole catalogue: titles of equal weight (e.g. never played in the
 * territory) follow by catalogue-wide training plays, then title id. The score of a pair is the
 * title's share of the scope's weight.
 */
public final class PopularityReference implements ReferenceRecommender {

    /** Key of the catalogue-wide scope. */
    private static final String CATALOGUE = "";

    private final String name;
    private final boolean byTerritory;
    private final EvaluationData data;
    private final Map<String, Map<String, Double>> weights = new HashMap<>();
    private final Map<String, Double> totals = new HashMap<>();
    private final Map<String, List<String>> rankings = new HashMap<>();

    private PopularityReference(
            String name, EvaluationData data, boolean byTerritory, double halfLifeDays) {
        this.name = name;
        this.data = data;
        this.byTerritory = byTerritory;
        long end = data.split().trainEndMs();
        double halfLifeMs = halfLifeDays * 86_400_000.0;
        TrainingPlays.forEach(
                data,
                p -> {
                    double w =
                            Double.isInfinite(halfLifeDays)
                                    ? 1
                                    : Math.pow(2, -(end - p.timeMs()) / halfLifeMs);
                    String scope = byTerritory ? p.territory() : CATALOGUE;
                    weights.computeIfAbsent(scope, s -> new HashMap<>())
                            .merge(p.title(), w, Double::sum);
                    totals.merge(scope, w, Double::sum);
                });
    }

    /** Training plays over the whole catalogue. */
    public static PopularityReference mostPopular(EvaluationData data) {
        return new PopularityReference(
                References.MOST_POPULAR, data, false, Double.POSITIVE_INFINITY);
    }

    /** Training plays in the user's home territory. */
    public static PopularityReference mostPopularTerritory(EvaluationData data) {
        return new PopularityReference(
                References.MOST_POPULAR_TERRITORY, data, true, Double.POSITIVE_INFINITY);
    }

    /** Training plays decayed with {@code halfLifeDays}, whole catalogue. */
    public static PopularityReference recentPopular(EvaluationData data, double halfLifeDays) {
        return new PopularityReference(
                References.RECENT_POPULAR, data, false, checkHalfLife(halfLifeDays));
    }

    /** Training plays decayed with {@code halfLifeDays}, in the user's home territory. */
    public static PopularityReference recentPopularTerritory(
            EvaluationData data, double halfLifeDays) {
        return new PopularityReference(
                References.RECENT_POPULAR_TERRITORY, data, true, checkHalfLife(halfLifeDays));
    }

    /** {@code halfLifeDays}; fails unless it is a positive, finite number. */
    static double checkHalfLife(double halfLifeDays) {
        if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
            throw new IllegalArgumentException(
                    "half-life (--half-life-days) must be a positive number of days, got "
                            + halfLifeDays);
        }
        return halfLifeDays;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ScoredTitle> topK(String user, int territoryGroup, int k) {
        String scope = scopeOf(user);
        Map<String, Double> w = weights.getOrDefault(scope, Map.of());
        List<String> ranking = rankings.computeIfAbsent(scope, s -> rank(w));
        List<ScoredTitle> out = new ArrayList<>(Math.min(k, ranking.size()));
        for (String title : ranking.subList(0, Math.min(k, ranking.size()))) {
            out.add(new ScoredTitle(title, w.getOrDefault(title, 0.0).floatValue()));
        }
        return out;
    }

    @Override
    public double score(String user, String title) {
        String scope = scopeOf(user);
        double total = totals.getOrDefault(scope, 0.0);
        return total == 0 ? 0 : weights.get(scope).getOrDefault(title, 0.0) / total;
    }

    private String scopeOf(String user) {
        return byTerritory ? data.userTerritory().getOrDefault(user, CATALOGUE) : CATALOGUE;
    }

    private List<String> rank(Map<String, Double> w) {
        List<String> ranking = new ArrayList<>(data.catalogue());
        ranking.sort(
                Comparator.<String>comparingDouble(t -> -w.getOrDefault(t, 0.0))
                        .thenComparing(References.byPopularity(data)));
        return ranking;
    }
}
