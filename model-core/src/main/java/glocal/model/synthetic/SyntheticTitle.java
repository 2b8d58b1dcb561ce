package glocal.model.synthetic;

import glocal.model.data.TitleInfo;
import java.util.List;

/**
 * Ground truth about one synthetic title.
 *
 * @param index dense index in {@code 0 .. titles-1}
 * @param scope where the title is popular
 * @param originTerritory ISO code of the territory it comes from (for global titles: drawn ∝
 *     territory size, it does not affect taste)
 * @param popularityRank 1-based Zipf rank within its own catalogue (global titles, the region's
 *     regional titles, or the territory's local titles)
 * @param tailPercentile {@code (rank-1)/catalogueSize}: 0 for the head title, towards 1 in the long
 *     tail
 */
public record SyntheticTitle(
        String titleId,
        int index,
        TitleScope scope,
        String originTerritory,
        Region region,
        List<String> genres,
        int popularityRank,
        double tailPercentile) {

    public SyntheticTitle {
        genres = List.copyOf(genres);
    }

    /** Whether the title is popular in one territory or region rather than everywhere. */
    public boolean isLocal() {
        return scope != TitleScope.GLOBAL;
    }

    /** Whether viewers in {@code territory} count this title as one of their local titles. */
    public boolean isLocalTo(Territory territory) {
        return switch (scope) {
            case GLOBAL -> false;
            case REGIONAL -> region == territory.region();
            case LOCAL -> originTerritory.equals(territory.code());
        };
    }

    /** The catalogue record a producer publishes (no content embedding). */
    public TitleInfo toTitleInfo() {
        return new TitleInfo(titleId, originTerritory, genres, null);
    }
}
