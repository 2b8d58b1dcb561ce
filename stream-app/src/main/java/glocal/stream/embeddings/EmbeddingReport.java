package glocal.stream.embeddings;

import glocal.schemas.avro.UserEmbedding;
import java.io.PrintWriter;
import java.util.Locale;

/** The text {@code glocal embeddings} prints. */
public final class EmbeddingReport {

    /** How many leading vector values the user block shows. */
    static final int USER_VALUES_SHOWN = 8;

    /** How many leading vector values a tail line shows. */
    static final int TAIL_VALUES_SHOWN = 4;

    private EmbeddingReport() {}

    /** The user's vector and top titles. */
    public static void printUser(PrintWriter out, EmbeddingLookup.Result result) {
        UserEmbedding user = result.user().orElseThrow();
        out.printf(
                Locale.ROOT,
                "user %s  territory group %s  activity %s%n",
                user.getUserId(),
                user.getTerritoryGroup(),
                user.getActivityGroup() == null ? "-" : user.getActivityGroup());
        out.printf(
                Locale.ROOT,
                "model version %d  updated %s  %d dimensions  norm %.4f%n",
                user.getModelVersion(),
                user.getUpdatedAt(),
                user.getVector().size(),
                Vectors.norm(user.getVector()));
        out.printf("vector %s%n", Vectors.head(user.getVector(), USER_VALUES_SHOWN));
        TitleRanking ranking = result.ranking();
        out.printf(
                Locale.ROOT,
                "top %d of %d titles by dot product%s%s:%n",
                ranking.top().size(),
                ranking.scored(),
                user.getPopularityWeights() == null
                        ? ""
                        : " + popularity prior (territory " + user.getTerritory() + ")",
                ranking.skipped() == 0
                        ? ""
                        : " ("
                                + ranking.skipped()
                                + " titles skipped: vector size is not "
                                + user.getVector().size()
                                + ")");
        int rank = 1;
        for (RankedTitle title : ranking.top()) {
            out.printf(
                    Locale.ROOT,
                    "%4d  %-24s %10.4f  %s%n",
                    rank++,
                    title.titleId(),
                    title.score(),
                    title.titleClass() == null ? "" : title.titleClass());
        }
    }

    /** One line per update: user, group, version, norm, first values. */
    public static String tailLine(UserEmbedding user) {
        return String.format(
                Locale.ROOT,
                "%s  group=%s  version=%d  norm=%.4f  %s",
                user.getUserId(),
                user.getTerritoryGroup(),
                user.getModelVersion(),
                Vectors.norm(user.getVector()),
                Vectors.head(user.getVector(), TAIL_VALUES_SHOWN));
    }

    /** Why there is nothing to show for the user, and what to check. */
    public static String notFound(EmbeddingLookup.Result result, String bootstrapServers) {
        return "user "
                + result.userId()
                + " has no vector in user-embeddings on "
                + bootstrapServers
                + " ("
                + result.usersRead()
                + " users there): the trainer publishes a user after training on its views;"
                + " check the id or wait for the next publish";
    }
}
