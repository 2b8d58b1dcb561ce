package glocal.model.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What trains the score {@code s(u, t)} = user vector · title vector that ranks the catalogue.
 *
 * <p>The stream side's examples are plays, impressions without a play, and negatives sampled from
 * the user's territory with probability Q(t) ∝ plays(t)^β. A classifier that tells plays from such
 * negatives learns {@code log P(t | u) - log Q(t)} (plus a constant): ranked by it, a popular title
 * is pushed down by β log plays(t), which is why the plain BCE model loses to a most-popular list.
 * The {@code -logq} losses subtract log Q(t) from the logit inside the loss (Yi et al., "Sampling-
 * Bias-Corrected Neural Modeling for Large Corpus Item Recommendations", RecSys 2019), so the score
 * itself learns log P(t | u) and ranks as the user's plays would.
 */
public enum RetrievalLoss {
    /** Binary cross-entropy on every example, score = logit (the original model). */
    BCE("bce"),
    /**
     * Binary cross-entropy with logit {@code s - log Q(t)}, Q the territory's sampling distribution
     * estimated from the plays the trainer has seen (β = {@link ModelSpec#logQExponent()}).
     */
    BCE_LOGQ("bce-logq"),
    /**
     * In-batch softmax over the titles of the batch's plays, logit {@code s / temperature}, no
     * correction: popular titles are over-represented as negatives.
     */
    SOFTMAX("softmax"),
    /**
     * In-batch softmax with logit {@code s / temperature - log Q(t)}, Q(t) the share of plays that
     * are plays of t (Yi et al.'s streaming frequency estimate): the sampling-bias-corrected loss.
     */
    SOFTMAX_LOGQ("softmax-logq");

    private final String id;

    RetrievalLoss(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** True for the in-batch softmax losses. */
    public boolean inBatch() {
        return this == SOFTMAX || this == SOFTMAX_LOGQ;
    }

    /** True when the loss needs the play-frequency estimate. */
    public boolean corrected() {
        return this == BCE_LOGQ || this == SOFTMAX_LOGQ;
    }

    public static RetrievalLoss parse(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (RetrievalLoss loss : values()) {
            if (loss.id.equals(v)) {
                return loss;
            }
        }
        throw new IllegalArgumentException(
                key
                        + ": unknown loss '"
                        + value
                        + "'; choose one of "
                        + Arrays.stream(values())
                                .map(RetrievalLoss::id)
                                .collect(Collectors.joining(", ")));
    }
}
