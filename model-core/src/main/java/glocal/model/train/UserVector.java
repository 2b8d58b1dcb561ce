package glocal.model.train;

/** A user's exported vector from the block of territory group {@code territoryGroup}. */
public record UserVector(String userId, int territoryGroup, int activityGroup, float[] vector) {}
