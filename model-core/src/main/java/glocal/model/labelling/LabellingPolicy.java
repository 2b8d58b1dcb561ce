package glocal.model.labelling;

import glocal.model.sampling.UserSampler;

/**
 * Every setting of the labelling rules, with their one set of defaults: the stream's configuration
 * keys ({@code glocal.impression.play.window.ms}, {@code glocal.negatives.*}, {@code
 * glocal.popularity.window.ms}, {@code glocal.activity.*}, {@code glocal.recent.titles}, {@code
 * glocal.sample.*}) take their defaults from the constants here, and the offline evaluation starts
 * from {@link #defaults()}, so both label with the same rules unless told otherwise.
 *
 * @param impressionWindowMs an impression becomes an explicit negative when no play of the same
 *     user and title follows within this many ms of event time
 * @param negativesPerPositive k sampled negatives per play
 * @param negativeExponent β: negatives are drawn ∝ plays^β from the play's territory
 * @param popularityWindowMs tumbling event-time window of the play counts; negatives are drawn from
 *     the current and the previous window
 * @param activityWindowMs sliding event-time window W over which a user's plays are counted
 * @param activeThreshold a user is active with at least this many plays within W
 * @param newBelow activity group new: fewer than this many plays in total
 * @param highFrom activity group high: at least this many plays within W (else low)
 * @param recentTitles a user's last distinct titles kept, which negatives exclude
 * @param randomUserRate p, share of users kept at random (hash of the user id)
 * @param activeUserRate share of the active users outside the random set that are upsampled
 * @param seed seed of the user hashes and of the negative draws
 */
public record LabellingPolicy(
        long impressionWindowMs,
        int negativesPerPositive,
        double negativeExponent,
        long popularityWindowMs,
        long activityWindowMs,
        int activeThreshold,
        int newBelow,
        int highFrom,
        int recentTitles,
        double randomUserRate,
        double activeUserRate,
        long seed) {

    public static final long IMPRESSION_WINDOW_MS = 60_000L;
    public static final int NEGATIVES_PER_POSITIVE = 4;
    public static final double NEGATIVE_EXPONENT = 0.75;
    public static final long POPULARITY_WINDOW_MS = 86_400_000L;
    public static final long ACTIVITY_WINDOW_MS = 7 * 86_400_000L;
    public static final int ACTIVE_THRESHOLD = 5;
    public static final int NEW_BELOW = 5;
    public static final int HIGH_FROM = 20;
    public static final int RECENT_TITLES = 50;
    public static final double RANDOM_USER_RATE = 0.5;
    public static final double ACTIVE_USER_RATE = 0.5;
    public static final long SEED = 42L;

    public LabellingPolicy {
        atLeast("impression window ms", impressionWindowMs, 1);
        atLeast("negatives per positive", negativesPerPositive, 0);
        atLeast("popularity window ms", popularityWindowMs, 1);
        atLeast("activity window ms", activityWindowMs, 1);
        atLeast("active threshold", activeThreshold, 1);
        atLeast("new-group threshold", newBelow, 1);
        atLeast("high-group threshold", highFrom, 1);
        atLeast("recent titles", recentTitles, 1);
        if (!(negativeExponent >= 0)) {
            throw new IllegalArgumentException(
                    "popularity exponent β must be >= 0, got " + negativeExponent);
        }
        new UserSampler(randomUserRate, activeUserRate, seed); // validates the rates
    }

    private static void atLeast(String what, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be >= " + min + ", got " + value);
        }
    }

    /** The defaults of the stream's configuration. */
    public static LabellingPolicy defaults() {
        return new LabellingPolicy(
                IMPRESSION_WINDOW_MS,
                NEGATIVES_PER_POSITIVE,
                NEGATIVE_EXPONENT,
                POPULARITY_WINDOW_MS,
                ACTIVITY_WINDOW_MS,
                ACTIVE_THRESHOLD,
                NEW_BELOW,
                HIGH_FROM,
                RECENT_TITLES,
                RANDOM_USER_RATE,
                ACTIVE_USER_RATE,
                SEED);
    }

    public LabellingPolicy withNegativesPerPositive(int k) {
        return copy(k, randomUserRate, activeUserRate, seed);
    }

    public LabellingPolicy withSeed(long newSeed) {
        return copy(negativesPerPositive, randomUserRate, activeUserRate, newSeed);
    }

    public LabellingPolicy withUserRates(double random, double active) {
        return copy(negativesPerPositive, random, active, seed);
    }

    /** The one copy constructor of the withers: this policy with the fields they may change. */
    private LabellingPolicy copy(int k, double random, double active, long newSeed) {
        return new LabellingPolicy(
                impressionWindowMs,
                k,
                negativeExponent,
                popularityWindowMs,
                activityWindowMs,
                activeThreshold,
                newBelow,
                highFrom,
                recentTitles,
                random,
                active,
                newSeed);
    }

    /** How plays update a user's activity state and how a state is classified. */
    public ActivityPolicy activity() {
        return new ActivityPolicy(
                activityWindowMs, activeThreshold, newBelow, highFrom, recentTitles);
    }

    /**
     * The users whose views produce examples, random set and active upsampling, by this policy's
     * rates.
     */
    public UserSampler userSampler() {
        return new UserSampler(randomUserRate, activeUserRate, seed);
    }
}
