package glocal.model.synthetic;

import java.util.SplittableRandom;

/** The users of a synthetic world in flat arrays (O(users) memory); user id = "u" + index. */
final class UserPopulation {

    private static final String ID_PREFIX = "u";

    private final int count;
    private final float[] vectors;
    private final int[] home;
    private final float[] localTaste;
    private final boolean[] niche;
    private final float[] activity;
    private final AliasTable activityTable;

    UserPopulation(
            SyntheticConfig config,
            TerritorySet territories,
            LatentSpace space,
            SplittableRandom rng) {
        count = config.users();
        vectors = new float[count * space.dimension()];
        home = new int[count];
        localTaste = new float[count];
        niche = new boolean[count];
        activity = new float[count];
        double[] weights = new double[count];
        double tasteLogit = Math.log(config.meanLocalTaste() / (1 - config.meanLocalTaste()));
        for (int u = 0; u < count; u++) {
            home[u] = territories.drawHome(rng);
            // Logit-normal around the configured mean: most users near it, some strongly local or
            // global.
            localTaste[u] = (float) (1 / (1 + Math.exp(-(tasteLogit + rng.nextGaussian()))));
            niche[u] = rng.nextDouble() < config.nicheUserShare();
            // Pareto(x_min = 1, alpha) by inversion: a few very heavy users.
            activity[u] = (float) Math.pow(1 - rng.nextDouble(), -1 / config.activityParetoAlpha());
            weights[u] = activity[u];
            space.drawVector(space.drawGenre(rng), vectors, u * space.dimension(), rng);
        }
        activityTable = new AliasTable(weights);
    }

    int count() {
        return count;
    }

    float[] vectors() {
        return vectors;
    }

    int home(int u) {
        return home[u];
    }

    float localTaste(int u) {
        return localTaste[u];
    }

    boolean niche(int u) {
        return niche[u];
    }

    float activity(int u) {
        return activity[u];
    }

    /** Draws a user ∝ activity. */
    int drawActive(SplittableRandom rng) {
        return activityTable.sample(rng);
    }

    static String id(int u) {
        return ID_PREFIX + u;
    }

    /** Index of a user id, or -1 when it is not one of this population's ids. */
    int indexOf(String userId) {
        if (userId == null || userId.length() < 2 || !userId.startsWith(ID_PREFIX)) {
            return -1;
        }
        int u = 0;
        for (int i = 1; i < userId.length(); i++) {
            char c = userId.charAt(i);
            if (c < '0' || c > '9' || u > (Integer.MAX_VALUE - 9) / 10) {
                return -1;
            }
            u = u * 10 + (c - '0');
        }
        // "u007" is not an id we hand out; only the canonical form maps back.
        boolean canonical = userId.length() == 2 || userId.charAt(1) != '0';
        return canonical && u < count ? u : -1;
    }
}
