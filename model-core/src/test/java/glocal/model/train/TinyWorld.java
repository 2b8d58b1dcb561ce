package glocal.model.train;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import java.util.SplittableRandom;

/**
 * A small seeded world for trainer tests: users and titles with hidden 4-d tastes; a user plays a
 * title with probability sigmoid(4 * taste match + 1.5 * [title is local to the user's territory
 * group] - 1). Half the impressions a user gets are titles of their own group, so group blocks have
 * something to learn.
 */
final class TinyWorld {

    private static final int LATENT = 4;

    private final int users;
    private final int titles;
    private final int groups;
    private final float[][] userTaste;
    private final float[][] titleTaste;
    private final int[] titleGroup;
    private final SplittableRandom random;

    /**
     * Separate stream for behaviour labels, so adding them did not change the play labels of older
     * tests.
     */
    private final SplittableRandom behaviour;

    private final double[] titleQuality;
    private int batches;

    /** Group of each user when group sizes are unequal; null means user % groups. */
    private int[] userGroup;

    /**
     * A world whose territory groups have unequal sizes: user u is in group g with probability
     * {@code groupShare[g]} (major and minor territory groups).
     */
    TinyWorld(long seed, int users, int titles, double[] groupShare) {
        this(seed, users, titles, groupShare.length);
        SplittableRandom assign = new SplittableRandom(seed ^ 0x6E0);
        userGroup = new int[users];
        for (int u = 0; u < users; u++) {
            double x = assign.nextDouble();
            int g = 0;
            while (g < groupShare.length - 1 && x >= groupShare[g]) {
                x -= groupShare[g];
                g++;
            }
            userGroup[u] = g;
        }
    }

    TinyWorld(long seed, int users, int titles, int groups) {
        this.users = users;
        this.titles = titles;
        this.groups = groups;
        this.random = new SplittableRandom(seed);
        this.behaviour = new SplittableRandom(seed ^ 0xB3);
        userTaste = new float[users][LATENT];
        titleTaste = new float[titles][LATENT];
        titleGroup = new int[titles];
        for (float[] t : userTaste) {
            fill(t);
        }
        for (int i = 0; i < titles; i++) {
            fill(titleTaste[i]);
            titleGroup[i] = i % groups;
        }
        titleQuality = new double[titles];
        for (int i = 0; i < titles; i++) {
            titleQuality[i] = behaviour.nextDouble() * 2 - 1;
        }
    }

    private void fill(float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
    }

    int groupOf(int user) {
        return userGroup == null ? user % groups : userGroup[user];
    }

    double playProbability(int user, int title) {
        double dot = 0;
        for (int i = 0; i < LATENT; i++) {
            dot += userTaste[user][i] * titleTaste[title][i];
        }
        double local = titleGroup[title] == groupOf(user) ? 1.5 : 0;
        return 1 / (1 + Math.exp(-(4 * dot + local - 1)));
    }

    /** Mean log loss of the true play probabilities on the batch: the best any model can do. */
    double bayesLoss(ExampleBatch batch) {
        double sum = 0;
        for (int i = 0; i < batch.size(); i++) {
            int user = Integer.parseInt(batch.userIds()[i].substring(1));
            int title = Integer.parseInt(batch.titleIds()[i].substring(1));
            double p = playProbability(user, title);
            sum -= batch.play()[i] > 0 ? Math.log(p) : Math.log(1 - p);
        }
        return sum / batch.size();
    }

    double finishProbability(int title) {
        return 1 / (1 + Math.exp(-3 * titleQuality[title]));
    }

    ExampleBatch nextBatch(int size) {
        return nextBatch(size, -1);
    }

    /** A batch; with {@code onlyGroup >= 0}, only users of that group. */
    ExampleBatch nextBatch(int size, int onlyGroup) {
        ExampleBatch.Builder b = ExampleBatch.builder("tiny-" + batches++);
        for (int i = 0; i < size; i++) {
            int user = random.nextInt(users);
            if (onlyGroup >= 0 && userGroup != null) {
                throw new IllegalStateException("single-group batches need equal group sizes");
            }
            if (onlyGroup >= 0) {
                user = user - groupOf(user) + onlyGroup;
                if (user >= users) {
                    user -= groups;
                }
            }
            int g = groupOf(user);
            int title = random.nextInt(titles);
            if (random.nextBoolean()) {
                title = title - titleGroup[title] + g;
                if (title >= titles) {
                    title -= groups;
                }
            }
            float play = random.nextDouble() < playProbability(user, title) ? 1f : 0f;
            // Given a play, finishing depends on the title's quality, skipping on its lack.
            float finished =
                    play > 0 && behaviour.nextDouble() < finishProbability(title) ? 1f : 0f;
            float skipped = play > 0 && finished == 0 && behaviour.nextDouble() < 0.5 ? 1f : 0f;
            float ratio =
                    play == 0
                            ? 0f
                            : finished > 0 ? 1f : (float) (0.1 + 0.6 * behaviour.nextDouble());
            b.add(
                    "u" + user,
                    "t" + title,
                    "T" + g,
                    g,
                    user % 3,
                    play > 0 ? ExampleKind.PLAY : ExampleKind.IMPRESSION,
                    ExampleBatch.SOURCE_RANDOM,
                    play,
                    finished,
                    skipped,
                    ratio,
                    1f,
                    batches * 1000L + i);
        }
        return b.build();
    }
}
