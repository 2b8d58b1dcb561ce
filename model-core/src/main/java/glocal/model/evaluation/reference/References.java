package glocal.model.evaluation.reference;

import glocal.model.evaluation.EvaluationData;
import glocal.model.evaluation.Evaluator;
import glocal.model.evaluation.MetricRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reference recommenders every evaluation reports above the models, fitted on the same split:
 * {@code most-popular}, {@code most-popular-territory}, {@code recent-popular}, {@code
 * recent-popular-territory} ({@link PopularityReference}), {@code ease} ({@link Ease}) and {@code
 * play-rates} ({@link PlayRatesReference}: the yardstick of test PR-AUC and AUC, not of top-K).
 */
public final class References {

    public static final String MOST_POPULAR = "most-popular";
    public static final String MOST_POPULAR_TERRITORY = "most-popular-territory";
    public static final String RECENT_POPULAR = "recent-popular";
    public static final String RECENT_POPULAR_TERRITORY = "recent-popular-territory";
    public static final String EASE = "ease";
    public static final String PLAY_RATES = "play-rates";

    /** Every reference, in report order. */
    public static final List<String> NAMES =
            List.of(
                    MOST_POPULAR,
                    MOST_POPULAR_TERRITORY,
                    RECENT_POPULAR,
                    RECENT_POPULAR_TERRITORY,
                    EASE,
                    PLAY_RATES);

    private References() {}

    /** The reference called {@code name}, fitted on {@code data}. */
    public static ReferenceRecommender fit(
            String name, EvaluationData data, ReferenceConfig config) {
        return switch (name) {
            case MOST_POPULAR -> PopularityReference.mostPopular(data);
            case MOST_POPULAR_TERRITORY -> PopularityReference.mostPopularTerritory(data);
            case RECENT_POPULAR -> PopularityReference.recentPopular(data, config.halfLifeDays());
            case RECENT_POPULAR_TERRITORY ->
                    PopularityReference.recentPopularTerritory(data, config.halfLifeDays());
            case EASE -> Ease.fit(data, config.easeLambda(), config.easeTitles());
            case PLAY_RATES -> PlayRatesReference.fit(data);
            default ->
                    throw new IllegalArgumentException(
                            "unknown reference '" + name + "'; references: " + NAMES);
        };
    }

    /**
     * Every reference fitted on {@code data} and measured by {@code evaluator}; rows carry {@code
     * seed}.
     */
    public static List<MetricRow> evaluate(
            Evaluator evaluator, EvaluationData data, ReferenceConfig config, long seed) {
        List<MetricRow> rows = new ArrayList<>();
        for (String name : NAMES) {
            rows.addAll(evaluator.runFitted(data, name, () -> fit(name, data, config), seed));
        }
        return rows;
    }

    /**
     * Titles by catalogue-wide training plays, most first, then by id: every reference's tie-break.
     */
    static Comparator<String> byPopularity(EvaluationData data) {
        return Comparator.<String>comparingLong(t -> -data.popularity().count(t))
                .thenComparing(Comparator.naturalOrder());
    }
}
