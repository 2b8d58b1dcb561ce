package glocal.model.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Catalogue facts about a title, the in-memory twin of the Avro {@code Title}.
 *
 * <p>The content embedding is copied on the way in and out, so a {@code TitleInfo} stays immutable;
 * equality compares the embedding's values, not the array identity.
 *
 * @param originTerritory ISO 3166-1 alpha-2 code of the territory the title comes from
 * @param contentEmbedding optional content vector (e.g. a text embedding), {@code null} when absent
 */
public record TitleInfo(
        String titleId, String originTerritory, List<String> genres, float[] contentEmbedding) {

    public TitleInfo {
        Objects.requireNonNull(titleId, "titleId");
        Objects.requireNonNull(originTerritory, "originTerritory");
        genres = List.copyOf(genres);
        contentEmbedding = contentEmbedding == null ? null : contentEmbedding.clone();
    }

    /** A copy of the content embedding, or {@code null} when the title has none. */
    @Override
    public float[] contentEmbedding() {
        return contentEmbedding == null ? null : contentEmbedding.clone();
    }

    /** Whether a content embedding is present. */
    public boolean hasContentEmbedding() {
        return contentEmbedding != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TitleInfo other
                && titleId.equals(other.titleId)
                && originTerritory.equals(other.originTerritory)
                && genres.equals(other.genres)
                && Arrays.equals(contentEmbedding, other.contentEmbedding);
    }

    @Override
    public int hashCode() {
        return Objects.hash(titleId, originTerritory, genres, Arrays.hashCode(contentEmbedding));
    }

    @Override
    public String toString() {
        return "TitleInfo[titleId="
                + titleId
                + ", originTerritory="
                + originTerritory
                + ", genres="
                + genres
                + ", contentEmbedding="
                + (contentEmbedding == null ? "null" : contentEmbedding.length + "-d")
                + "]";
    }
}
