package glocal.model.train;

/**
 * A user's exported vector from the block of territory group {@code territoryGroup}; with the
 * popularity prior, the user's last seen territory and the group's prior weights {@code [w_r,
 * w_*]}, so that {@code vector · title.vector + w_r · title.popularity[territory] + w_* ·
 * title.popularity["*"]} is the score {@link OnlineTrainer#topK} ranks by (both null without the
 * prior).
 */
public record UserVector(
        String userId,
        int territoryGroup,
        int activityGroup,
        float[] vector,
        String territory,
        float[] popularityWeights) {

    /** A user's vector without the popularity prior's terms. */
    public UserVector(String userId, int territoryGroup, int activityGroup, float[] vector) {
        this(userId, territoryGroup, activityGroup, vector, null, null);
    }
}
