package glocal.model.labelling;

import java.util.List;
import java.util.Map;

/**
 * One user's activity state: the stream keeps it in the {@code active-users} store, the offline
 * {@link Labeller} in memory.
 *
 * @param totalViews plays ever counted
 * @param firstSeen event time (ms) of the first play
 * @param lastSeen latest event time (ms) of a play
 * @param headBucket index (eventTime / bucketMs) of the newest bucket of the sliding window
 * @param buckets play counts of the last {@code buckets.length} buckets, ring-indexed by bucket
 *     index modulo length; together they cover the activity window W
 * @param territoryViews plays per territory (a handful of entries), for the home territory
 * @param recentTitles distinct titles played, most recent first, at most N
 */
public record UserActivity(
        long totalViews,
        long firstSeen,
        long lastSeen,
        long headBucket,
        int[] buckets,
        Map<String, Integer> territoryViews,
        List<String> recentTitles) {

    /** Territory with the most plays; ties go to the code that sorts first. */
    public String homeTerritory() {
        String best = null;
        int bestCount = -1;
        for (Map.Entry<String, Integer> e : territoryViews.entrySet()) {
            if (e.getValue() > bestCount
                    || (e.getValue() == bestCount && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }
}
