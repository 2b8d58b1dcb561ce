package glocal.model.train;

import java.util.Comparator;

/**
 * A title and its score for a user (dot product of the user's group vector and the title vector).
 */
public record ScoredTitle(String titleId, float score) {

    /** Higher score first; an equal score puts the smaller title id first. */
    public static final Comparator<ScoredTitle> BEST_FIRST =
            (a, b) ->
                    a.score() != b.score()
                            ? Float.compare(b.score(), a.score())
                            : a.titleId().compareTo(b.titleId());
}
