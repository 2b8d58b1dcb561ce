package glocal.model.synthetic;

/**
 * Ground truth about one synthetic user.
 *
 * @param index dense index in {@code 0 .. users-1}; the user id is {@code "u" + index}
 * @param homeTerritory ISO code of the territory all the user's views happen in
 * @param niche whether the user's taste sits in the long tail
 * @param localTaste 0..1, how much the user prefers home-territory and home-region titles
 * @param activity relative activity (Pareto, at least 1); events are drawn ∝ activity
 */
public record SyntheticUser(
        String userId,
        int index,
        String homeTerritory,
        Region region,
        boolean niche,
        double localTaste,
        double activity) {}
