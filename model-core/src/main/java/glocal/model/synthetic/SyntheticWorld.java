package glocal.model.synthetic;

import glocal.model.data.TitleInfo;
import glocal.model.data.View;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A seeded synthetic video service: territories of very different sizes grouped in regions, global
 * / regional / local titles with Zipf popularity, users with a home territory, a local taste share,
 * heavy-tailed activity and (for some) long-tail taste, and the true affinity of every user for
 * every title.
 *
 * <p>The affinity is a probability of play given an impression:
 *
 * <pre>
 * logit = affinityBias + tasteScale · (user vector · title vector)
 *       + local term   (home-territory title: +localBoost·(localTaste − 0.25);
 *                       home-region regional title: 0.6 × that;
 *                       another territory's or region's title: −0.5·localBoost·localTaste·w,
 *                       w = 1 for local, 0.6 for regional)
 *       + tail term    (niche user: +nicheBoost·(2·tail − 1); mainstream: +headBoost·(1 − 2·tail))
 * affinity = sigmoid(logit)
 * </pre>
 *
 * where tail is the title's popularity percentile in its catalogue (0 head, →1 long tail).
 *
 * <p>Memory is O(users + titles): the world holds flat arrays and alias tables, never events.
 * Events come from {@link #views(long)}, generated on the fly.
 */
public final class SyntheticWorld {

    private final SyntheticConfig config;
    private final long seed;
    private final TerritorySet territories;
    private final TitleCatalogue titles;
    private final UserPopulation users;
    private final CandidateSampler candidates;
    private final int dimension;

    /** Builds the world; the same config and seed always give the same world and events. */
    public SyntheticWorld(SyntheticConfig config, long seed) {
        this.config = Objects.requireNonNull(config, "config");
        this.seed = seed;
        SplittableRandom rng = new SplittableRandom(seed);
        territories = new TerritorySet(config);
        LatentSpace space = new LatentSpace(config.dimension(), rng);
        titles = new TitleCatalogue(config, territories, space, rng);
        users = new UserPopulation(config, territories, space, rng);
        candidates = new CandidateSampler(config, territories, titles, users);
        dimension = config.dimension();
    }

    public SyntheticConfig config() {
        return config;
    }

    public long seed() {
        return seed;
    }

    /** The territories in use, largest first. */
    public List<Territory> territories() {
        return territories.all();
    }

    /** Region of a territory in use; fails naming the code otherwise. */
    public Region region(String territory) {
        return territories.get(territoryIndex(territory)).region();
    }

    public int userCount() {
        return users.count();
    }

    public int titleCount() {
        return titles.count();
    }

    /** Ground truth of a user; fails naming the id when it is not one of this world's users. */
    public SyntheticUser user(String userId) {
        return user(userIndex(userId));
    }

    /** Ground truth of the user with dense index {@code u}. */
    public SyntheticUser user(int u) {
        Territory home = territories.get(users.home(u));
        return new SyntheticUser(
                UserPopulation.id(u),
                u,
                home.code(),
                home.region(),
                users.niche(u),
                users.localTaste(u),
                users.activity(u));
    }

    /** Ground truth of a title; fails naming the id when it is not one of this world's titles. */
    public SyntheticTitle title(String titleId) {
        return title(titleIndex(titleId));
    }

    /** Ground truth of the title with dense index {@code t}. */
    public SyntheticTitle title(int t) {
        Territory origin = territories.get(titles.origin(t));
        return new SyntheticTitle(
                titles.id(t),
                t,
                titles.scope(t),
                origin.code(),
                origin.region(),
                titles.genres(t),
                titles.rank(t),
                titles.tail(t));
    }

    /** All titles, in dense-index order (global, regional, local). */
    public List<SyntheticTitle> titles() {
        List<SyntheticTitle> all = new ArrayList<>(titles.count());
        for (int t = 0; t < titles.count(); t++) {
            all.add(title(t));
        }
        return Collections.unmodifiableList(all);
    }

    /** The catalogue records a producer publishes on the titles topic, without content vectors. */
    public List<TitleInfo> titleInfos() {
        return titles().stream().map(SyntheticTitle::toTitleInfo).toList();
    }

    /**
     * The catalogue records with a synthetic content embedding of {@code contentDimension} (0:
     * none), see {@link ContentEmbeddings}.
     */
    public List<TitleInfo> titleInfos(int contentDimension) {
        if (contentDimension == 0) {
            return titleInfos();
        }
        ContentEmbeddings content = contentEmbeddings(contentDimension);
        List<TitleInfo> out = new ArrayList<>(titles.count());
        for (int t = 0; t < titles.count(); t++) {
            SyntheticTitle title = title(t);
            out.add(
                    new TitleInfo(
                            title.titleId(),
                            title.originTerritory(),
                            title.genres(),
                            content.embedding(t)));
        }
        return Collections.unmodifiableList(out);
    }

    /** Content vectors of this world's titles in the given dimension. */
    public ContentEmbeddings contentEmbeddings(int dimension) {
        return new ContentEmbeddings(seed, dimension, this.dimension, titles.vectors());
    }

    /**
     * Titles viewers in {@code territory} count as local: the territory's own local titles and its
     * region's regional titles.
     */
    public List<SyntheticTitle> localTitles(String territory) {
        int t = territoryIndex(territory);
        List<SyntheticTitle> out = new ArrayList<>();
        for (int i : titles.local(t)) {
            out.add(title(i));
        }
        for (int i : titles.regional(territories.get(t).region())) {
            out.add(title(i));
        }
        return Collections.unmodifiableList(out);
    }

    /** True probability that {@code userId} plays {@code titleId} when shown it. */
    public double affinity(String userId, String titleId) {
        return affinity(userIndex(userId), titleIndex(titleId));
    }

    /** True affinity by dense indices; see the class comment for the formula. */
    public double affinity(int u, int t) {
        float[] uv = users.vectors();
        float[] tv = titles.vectors();
        int uo = u * dimension;
        int to = t * dimension;
        double dot = 0;
        for (int k = 0; k < dimension; k++) {
            dot += uv[uo + k] * tv[to + k];
        }
        double logit = config.affinityBias() + config.tasteScale() * dot + localTerm(u, t);
        double tail = titles.tail(t);
        logit +=
                users.niche(u)
                        ? config.nicheBoost() * (2 * tail - 1)
                        : config.headBoost() * (1 - 2 * tail);
        return 1 / (1 + Math.exp(-logit));
    }

    private double localTerm(int u, int t) {
        TitleScope scope = titles.scope(t);
        if (scope == TitleScope.GLOBAL) {
            return 0;
        }
        double taste = users.localTaste(u);
        int home = users.home(u);
        double weight = scope == TitleScope.LOCAL ? 1.0 : 0.6;
        boolean atHome =
                scope == TitleScope.LOCAL
                        ? titles.origin(t) == home
                        : territories.get(titles.origin(t)).region()
                                == territories.get(home).region();
        return atHome
                ? weight * config.localBoost() * (taste - 0.25)
                : -0.5 * weight * config.localBoost() * taste;
    }

    /**
     * The first {@code n} events (impressions and plays together) of this world's event sequence,
     * generated on the fly. Every call starts the same sequence from the beginning, so {@code
     * views(k)} is a prefix of {@code views(n)} for k ≤ n; the sequence may end between an
     * impression and its play.
     */
    public Iterator<View> views(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("event count must be >= 0, got " + n);
        }
        return new ViewGenerator(this, n);
    }

    /** {@link #views(long)} as a sequential stream. */
    public Stream<View> viewStream(long n) {
        return StreamSupport.stream(
                Spliterators.spliterator(
                        views(n),
                        n,
                        Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE),
                false);
    }

    int drawUser(SplittableRandom rng) {
        return users.drawActive(rng);
    }

    int drawCandidate(int u, SplittableRandom rng) {
        return candidates.draw(u, rng);
    }

    String titleId(int t) {
        return titles.id(t);
    }

    String homeCode(int u) {
        return territories.get(users.home(u)).code();
    }

    private int userIndex(String userId) {
        int u = users.indexOf(userId);
        if (u < 0) {
            throw new IllegalArgumentException(
                    "user '"
                            + userId
                            + "' is not in this synthetic world "
                            + "(ids are u0..u"
                            + (users.count() - 1)
                            + ")");
        }
        return u;
    }

    private int titleIndex(String titleId) {
        int t = titles.indexOf(titleId);
        if (t < 0) {
            throw new IllegalArgumentException(
                    "title '" + titleId + "' is not in this synthetic world");
        }
        return t;
    }

    private int territoryIndex(String code) {
        int t = territories.indexOf(code);
        if (t < 0) {
            throw new IllegalArgumentException(
                    "territory '"
                            + code
                            + "' is not used by this world; "
                            + "it uses the first "
                            + config.territories()
                            + " of the catalogue: "
                            + territories.all().stream().map(Territory::code).toList());
        }
        return t;
    }
}
