package glocal.model.evaluation.reference;

/**
 * Settings of the reference recommenders.
 *
 * @param halfLifeDays half-life of a play's weight in {@code recent-popular} and {@code
 *     recent-popular-territory}: a play that many days before the end of the training period counts
 *     one half
 * @param easeLambda EASE's L2 regularisation λ (added to the diagonal of XᵀX)
 * @param easeTitles EASE models at most this many titles, the most played (memory 8·n² bytes)
 */
public record ReferenceConfig(double halfLifeDays, double easeLambda, int easeTitles) {

    /**
     * Default half-life in days, chosen on the validation slice of the XMarket development data
     * (the last 20% of the training period; see docs/results.md).
     */
    public static final double DEFAULT_HALF_LIFE_DAYS = 90;

    /** Default λ of EASE, chosen on the same validation slice. */
    public static final double DEFAULT_EASE_LAMBDA = 20_000;

    /** Default cap of EASE's titles: 32 MB of doubles. */
    public static final int DEFAULT_EASE_TITLES = 2_000;

    public ReferenceConfig {
        PopularityReference.checkHalfLife(halfLifeDays);
        Ease.checkSettings(easeLambda, easeTitles);
    }

    public static ReferenceConfig defaults() {
        return new ReferenceConfig(
                DEFAULT_HALF_LIFE_DAYS, DEFAULT_EASE_LAMBDA, DEFAULT_EASE_TITLES);
    }
}
