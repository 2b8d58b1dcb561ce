package glocal.model.train;

/**
 * A title and its score for a user (dot product of the user's group vector and the title vector).
 */
public record ScoredTitle(String titleId, float score) {}
