package glocal.model.train;

import java.util.Map;

/**
 * A title's exported vector from the title tower, and with the popularity prior its features
 * ({@link glocal.model.prior.PopularityPrior#titleFeatures}: {@code log(1 + decayed plays)} per
 * territory code and under {@code "*"} everywhere), else null.
 */
public record TitleVector(String titleId, float[] vector, Map<String, Float> popularity) {

    /** A title's vector without popularity features. */
    public TitleVector(String titleId, float[] vector) {
        this(titleId, vector, null);
    }
}
