package glocal.model.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The impressions a popularity-biased recommender would show: a mix of the global catalogue and the
 * home territory's local catalogue (its local plus its region's regional titles), each drawn by
 * Zipf popularity, plus a uniform exploration share and a small share of other territories' local
 * titles. Every draw is O(1) (alias tables).
 */
final class CandidateSampler {

    /**
     * Mass of a territory's own titles in its local catalogue; the rest goes to regional titles.
     */
    private static final double OWN_TITLES_MASS = 0.6;

    private final SyntheticConfig config;
    private final TitleCatalogue titles;
    private final UserPopulation users;
    private final AliasTable global;
    private final int[][] localCatalogue;
    private final AliasTable[] localTable;
    private final int[] crossBorderTitles;
    private final AliasTable crossBorderTable;

    CandidateSampler(
            SyntheticConfig config,
            TerritorySet territories,
            TitleCatalogue titles,
            UserPopulation users) {
        this.config = config;
        this.titles = titles;
        this.users = users;
        global = new AliasTable(zipf(titles.globalCount(), config.zipfExponent(), 1.0));
        localCatalogue = new int[territories.size()][];
        localTable = new AliasTable[territories.size()];
        for (int t = 0; t < territories.size(); t++) {
            int[] own = titles.local(t);
            int[] regional = titles.regional(territories.get(t).region());
            double ownMass = regional.length == 0 ? 1.0 : own.length == 0 ? 0.0 : OWN_TITLES_MASS;
            int[] catalogue = new int[own.length + regional.length];
            System.arraycopy(own, 0, catalogue, 0, own.length);
            System.arraycopy(regional, 0, catalogue, own.length, regional.length);
            localCatalogue[t] = catalogue;
            if (catalogue.length > 0) {
                double[] w = new double[catalogue.length];
                System.arraycopy(
                        zipf(own.length, config.zipfExponent(), ownMass), 0, w, 0, own.length);
                System.arraycopy(
                        zipf(regional.length, config.zipfExponent(), 1 - ownMass),
                        0,
                        w,
                        own.length,
                        regional.length);
                localTable[t] = new AliasTable(w);
            }
        }
        List<Integer> cross = new ArrayList<>();
        List<Double> crossWeights = new ArrayList<>();
        for (int t = 0; t < territories.size(); t++) {
            int[] own = titles.local(t);
            double[] w = zipf(own.length, config.zipfExponent(), territories.share(t));
            for (int k = 0; k < own.length; k++) {
                cross.add(own[k]);
                crossWeights.add(w[k]);
            }
        }
        crossBorderTitles = cross.stream().mapToInt(Integer::intValue).toArray();
        crossBorderTable =
                crossBorderTitles.length == 0
                        ? null
                        : new AliasTable(
                                crossWeights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Zipf weights 1/rank^s for ranks 1..n, scaled to sum to {@code mass}. */
    static double[] zipf(int n, double s, double mass) {
        double[] w = new double[n];
        double sum = 0;
        for (int r = 0; r < n; r++) {
            w[r] = Math.pow(r + 1, -s);
            sum += w[r];
        }
        for (int r = 0; r < n; r++) {
            w[r] = w[r] / sum * mass;
        }
        return w;
    }

    /** Draws the title of the next impression for user {@code u}. */
    int draw(int u, SplittableRandom rng) {
        if (crossBorderTable != null && rng.nextDouble() < config.crossBorderShare()) {
            return crossBorderTitles[crossBorderTable.sample(rng)];
        }
        double exploration =
                users.niche(u) ? config.nicheExplorationShare() : config.explorationShare();
        boolean explore = rng.nextDouble() < exploration;
        int home = users.home(u);
        int[] local = localCatalogue[home];
        if (local.length > 0 && rng.nextDouble() < config.localCandidateShare()) {
            return explore ? local[rng.nextInt(local.length)] : local[localTable[home].sample(rng)];
        }
        return explore ? rng.nextInt(titles.globalCount()) : global.sample(rng);
    }
}
