package glocal.model.synthetic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The titles of a synthetic world in flat arrays (O(titles) memory). Dense layout: global titles
 * first (index = Zipf rank - 1), then each region's regional titles, then each territory's local
 * titles. Ids say the scope: {@code tg<rank>}, {@code tr-<REGION>-<rank>}, {@code tl-<CC>-<rank>}.
 */
final class TitleCatalogue {

    private final int count;
    private final int globalCount;
    private final String[] ids;
    private final TitleScope[] scope;
    private final int[] origin;
    private final int[] rank;
    private final float[] tail;
    private final int[] genre;
    private final int[] secondGenre;
    private final float[] vectors;
    private final int[][] regionalByRegion;
    private final int[][] localByTerritory;
    private final Map<String, Integer> indexById;

    TitleCatalogue(
            SyntheticConfig config,
            TerritorySet territories,
            LatentSpace space,
            SplittableRandom rng) {
        count = config.totalTitles();
        globalCount = config.globalTitles();
        ids = new String[count];
        scope = new TitleScope[count];
        origin = new int[count];
        rank = new int[count];
        tail = new float[count];
        genre = new int[count];
        secondGenre = new int[count];
        vectors = new float[count * space.dimension()];
        indexById = new HashMap<>(count * 2);
        regionalByRegion = new int[Region.values().length][0];
        localByTerritory = new int[territories.size()][0];

        int next = 0;
        for (int r = 0; r < globalCount; r++) {
            add(
                    next++,
                    "tg" + (r + 1),
                    TitleScope.GLOBAL,
                    territories.drawHome(rng),
                    r + 1,
                    globalCount,
                    space,
                    rng);
        }
        for (Region region : territories.regions()) {
            int n = config.regionalTitlesPerRegion();
            int[] members = new int[n];
            for (int r = 0; r < n; r++) {
                members[r] = next;
                add(
                        next++,
                        "tr-" + region + "-" + (r + 1),
                        TitleScope.REGIONAL,
                        territories.drawHomeIn(region, rng),
                        r + 1,
                        n,
                        space,
                        rng);
            }
            regionalByRegion[region.ordinal()] = members;
        }
        for (int t = 0; t < territories.size(); t++) {
            int n = config.localTitlesPerTerritory();
            int[] members = new int[n];
            for (int r = 0; r < n; r++) {
                members[r] = next;
                add(
                        next++,
                        "tl-" + territories.get(t).code() + "-" + (r + 1),
                        TitleScope.LOCAL,
                        t,
                        r + 1,
                        n,
                        space,
                        rng);
            }
            localByTerritory[t] = members;
        }
    }

    private void add(
            int i,
            String id,
            TitleScope s,
            int originTerritory,
            int popularityRank,
            int catalogueSize,
            LatentSpace space,
            SplittableRandom rng) {
        ids[i] = id;
        scope[i] = s;
        origin[i] = originTerritory;
        rank[i] = popularityRank;
        tail[i] = (float) (popularityRank - 1) / catalogueSize;
        genre[i] = space.drawGenre(rng);
        int second = space.drawGenre(rng);
        // About a third of titles carry a second genre.
        secondGenre[i] = (second != genre[i] && rng.nextDouble() < 0.35) ? second : -1;
        space.drawVector(genre[i], vectors, i * space.dimension(), rng);
        indexById.put(id, i);
    }

    int count() {
        return count;
    }

    int globalCount() {
        return globalCount;
    }

    String id(int i) {
        return ids[i];
    }

    TitleScope scope(int i) {
        return scope[i];
    }

    int origin(int i) {
        return origin[i];
    }

    int rank(int i) {
        return rank[i];
    }

    float tail(int i) {
        return tail[i];
    }

    float[] vectors() {
        return vectors;
    }

    int[] regional(Region region) {
        return regionalByRegion[region.ordinal()];
    }

    int[] local(int territory) {
        return localByTerritory[territory];
    }

    List<String> genres(int i) {
        List<String> g = new ArrayList<>(2);
        g.add(LatentSpace.GENRES.get(genre[i]));
        if (secondGenre[i] >= 0) {
            g.add(LatentSpace.GENRES.get(secondGenre[i]));
        }
        return g;
    }

    /** Dense index of a title id, or -1 when the id is not in this catalogue. */
    int indexOf(String titleId) {
        Integer i = indexById.get(titleId);
        return i == null ? -1 : i;
    }
}
