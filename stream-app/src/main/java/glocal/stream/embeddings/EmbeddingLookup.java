package glocal.stream.embeddings;

import glocal.schemas.avro.TitleEmbedding;
import glocal.schemas.avro.UserEmbedding;
import glocal.stream.Topics;
import glocal.stream.serde.GlocalSerdes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Looks a user up in the latest state of {@code user-embeddings} and ranks every title of {@code
 * title-embeddings} for that user.
 */
public final class EmbeddingLookup {

    /** What the look-up found; {@code ranking} is null when the user has no vector. */
    public record Result(
            String userId,
            Optional<UserEmbedding> user,
            int usersRead,
            int titlesRead,
            TitleRanking ranking) {}

    private final Map<String, Object> consumerProperties;
    private final GlocalSerdes serdes;
    private final Duration timeout;

    public EmbeddingLookup(
            Map<String, Object> consumerProperties, GlocalSerdes serdes, Duration timeout) {
        this.consumerProperties = Map.copyOf(consumerProperties);
        this.serdes = serdes;
        this.timeout = timeout;
    }

    public Result lookUp(String userId, int k) {
        Map<String, UserEmbedding> users =
                CompactedTopicReader.readToEnd(
                        consumerProperties,
                        Topics.USER_EMBEDDINGS,
                        serdes.userEmbedding().deserializer(),
                        timeout);
        UserEmbedding user = users.get(userId);
        if (user == null) {
            return new Result(userId, Optional.empty(), users.size(), 0, null);
        }
        Map<String, TitleEmbedding> titles =
                CompactedTopicReader.readToEnd(
                        consumerProperties,
                        Topics.TITLE_EMBEDDINGS,
                        serdes.titleEmbedding().deserializer(),
                        timeout);
        return new Result(
                userId,
                Optional.of(user),
                users.size(),
                titles.size(),
                TitleRanking.rank(user, titles.values(), k));
    }
}
