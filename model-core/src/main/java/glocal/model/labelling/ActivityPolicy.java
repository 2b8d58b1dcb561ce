package glocal.model.labelling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How plays update a {@link UserActivity} and how a state is classified (active or not; activity
 * group new / low / high): only plays count, impressions do not. The sliding window W is kept as
 * {@value #BUCKETS} event-time buckets of W/{@value #BUCKETS} each, so an update costs the same
 * whatever the user's history: the window slides with bucket granularity.
 */
public final class ActivityPolicy {

    public static final int BUCKETS = 16;
    static final int MAX_TERRITORIES = 8;

    private final long bucketMs;
    private final int activeThreshold;
    private final int newBelow;
    private final int highFrom;
    private final int recentTitles;

    public ActivityPolicy(
            long windowMs, int activeThreshold, int newBelow, int highFrom, int recentTitles) {
        this.bucketMs = Math.max(1, windowMs / BUCKETS);
        this.activeThreshold = activeThreshold;
        this.newBelow = newBelow;
        this.highFrom = highFrom;
        this.recentTitles = recentTitles;
    }

    /** The state after one play of {@code titleId} in {@code territory} at {@code eventTime}. */
    public UserActivity play(UserActivity old, String titleId, String territory, long eventTime) {
        long bucket = Math.floorDiv(eventTime, bucketMs);
        if (old == null) {
            int[] buckets = new int[BUCKETS];
            buckets[Math.floorMod(bucket, BUCKETS)] = 1;
            return new UserActivity(
                    1,
                    eventTime,
                    eventTime,
                    bucket,
                    buckets,
                    Map.of(territory, 1),
                    List.of(titleId));
        }
        int[] buckets = old.buckets().clone();
        long head = old.headBucket();
        if (bucket > head) {
            // Clear the buckets the window slid past; at most BUCKETS of them.
            for (long b = head + 1; b <= Math.min(bucket, head + BUCKETS); b++) {
                buckets[Math.floorMod(b, BUCKETS)] = 0;
            }
            head = bucket;
        }
        if (bucket > head - BUCKETS) {
            buckets[Math.floorMod(bucket, BUCKETS)]++;
        }
        return new UserActivity(
                old.totalViews() + 1,
                Math.min(old.firstSeen(), eventTime),
                Math.max(old.lastSeen(), eventTime),
                head,
                buckets,
                addTerritory(old.territoryViews(), territory),
                addTitle(old.recentTitles(), titleId));
    }

    /** Plays within the window ending at {@code asOf} (event time, ms). */
    public int windowViews(UserActivity state, long asOf) {
        if (state == null) {
            return 0;
        }
        long asOfBucket = Math.max(Math.floorDiv(asOf, bucketMs), state.headBucket());
        int sum = 0;
        for (long b = asOfBucket - BUCKETS + 1; b <= state.headBucket(); b++) {
            if (b > state.headBucket() - BUCKETS) {
                sum += state.buckets()[Math.floorMod(b, BUCKETS)];
            }
        }
        return sum;
    }

    public boolean isActive(UserActivity state, long asOf) {
        return windowViews(state, asOf) >= activeThreshold;
    }

    public ActivityGroup group(UserActivity state, long asOf) {
        if (state == null || state.totalViews() < newBelow) {
            return ActivityGroup.NEW;
        }
        return windowViews(state, asOf) >= highFrom ? ActivityGroup.HIGH : ActivityGroup.LOW;
    }

    @SuppressWarnings("ReferenceEquality") // identity first: a fast path before equals
    private List<String> addTitle(List<String> recent, String titleId) {
        List<String> out = new ArrayList<>(Math.min(recent.size() + 1, recentTitles));
        out.add(titleId);
        int h = titleId.hashCode();
        for (int i = 0, n = recent.size(); i < n && out.size() < recentTitles; i++) {
            String t = recent.get(i);
            // Cached hash codes first: most titles differ there, without reading their characters.
            if (t != titleId && (t.hashCode() != h || !t.equals(titleId))) {
                out.add(t);
            }
        }
        return out;
    }

    private static Map<String, Integer> addTerritory(
            Map<String, Integer> counts, String territory) {
        if (counts.size() == 1) {
            Integer n = counts.get(territory);
            if (n != null) {
                return Map.of(
                        territory, n + 1); // the usual case: a user who stays in one territory
            }
        }
        Map<String, Integer> out = new HashMap<>(counts);
        out.merge(territory, 1, Integer::sum);
        if (out.size() > MAX_TERRITORIES) {
            // Travellers: forget the territory with the fewest plays (never the one just played).
            String drop = null;
            for (Map.Entry<String, Integer> e : out.entrySet()) {
                if (!e.getKey().equals(territory)
                        && (drop == null || e.getValue() < out.get(drop))) {
                    drop = e.getKey();
                }
            }
            out.remove(drop);
        }
        return out;
    }
}
