package glocal.model.sampling;

import glocal.model.batch.ExampleBatch;

/**
 * Active-user upsampling (arXiv 2310.03148): a user is in the random set when a seeded hash of the
 * id falls below p; an active user outside the random set joins the disjoint active set when a
 * second, independently salted hash falls below the active rate. Hashes make the choice stable per
 * user across events, restarts and instances. The stream's example builder and the offline
 * evaluation share this class (through {@code glocal.model.labelling.ExampleRules}), so both sample
 * the same users for the same seed.
 */
public final class UserSampler {

    /** The user is not sampled. */
    public static final int DROP = -1;

    private final double randomRate;
    private final double activeRate;
    private final long randomSalt;
    private final long activeSalt;

    /** {@link #everyone()}: no user dropped, rows tagged by activity. */
    private final boolean keepAll;

    /**
     * @param randomRate p, share of all users in the random set, in [0, 1]
     * @param activeRate share of active users outside the random set that are upsampled, in [0, 1]
     */
    public UserSampler(double randomRate, double activeRate, long seed) {
        if (!(randomRate >= 0 && randomRate <= 1) || !(activeRate >= 0 && activeRate <= 1)) {
            throw new IllegalArgumentException(
                    "user sampling rates must be in [0, 1], were random "
                            + randomRate
                            + " and active "
                            + activeRate);
        }
        this.randomRate = randomRate;
        this.activeRate = activeRate;
        this.randomSalt = Hashing.mix(seed ^ 0x52414e444f4dL);
        this.activeSalt = Hashing.mix(seed ^ 0x4143544956454cL);
        this.keepAll = false;
    }

    private UserSampler() {
        this.randomRate = 1;
        this.activeRate = 1;
        this.randomSalt = 0;
        this.activeSalt = 0;
        this.keepAll = true;
    }

    /**
     * Keeps every user and tags each row with its stratum: {@link ExampleBatch#SOURCE_ACTIVE} when
     * the user is active at the view, else {@link ExampleBatch#SOURCE_RANDOM}. The offline
     * evaluation labels with it, so that a sampled variant can pick from those rows exactly the
     * ones a stream sampling with given rates keeps (see {@link #resample}).
     */
    public static UserSampler everyone() {
        return new UserSampler();
    }

    /**
     * The source this sampler gives a row that {@link #everyone()} tagged {@code everyoneSource}
     * (whose activity it tells), or {@link #DROP}.
     */
    public int resample(String userId, int everyoneSource) {
        return source(userId, everyoneSource == ExampleBatch.SOURCE_ACTIVE);
    }

    /** {@link ExampleBatch#SOURCE_RANDOM}, {@link ExampleBatch#SOURCE_ACTIVE} or {@link #DROP}. */
    public int source(String userId, boolean active) {
        if (keepAll) {
            return active ? ExampleBatch.SOURCE_ACTIVE : ExampleBatch.SOURCE_RANDOM;
        }
        if (Hashing.unit(userId, randomSalt) < randomRate) {
            return ExampleBatch.SOURCE_RANDOM;
        }
        if (active && Hashing.unit(userId, activeSalt) < activeRate) {
            return ExampleBatch.SOURCE_ACTIVE;
        }
        return DROP;
    }
}
