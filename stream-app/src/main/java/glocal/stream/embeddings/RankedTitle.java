package glocal.stream.embeddings;

/** A title and its score (dot product with a user's vector); {@code titleClass} may be null. */
public record RankedTitle(String titleId, double score, String titleClass) {}
