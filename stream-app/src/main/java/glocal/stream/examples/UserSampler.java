package glocal.stream.examples;

/**
 * Active-user upsampling (arXiv 2310.03148): a user is in the random set when a seeded hash of
 * the id falls below p; an active user outside the random set joins the disjoint active set when
 * a second, independently salted hash falls below the active rate. Hashes make the choice stable
 * per user across events, restarts and instances.
 */
public final class UserSampler {

  /** The user is not sampled. */
  public static final int DROP = -1;

  private final double randomRate;
  private final double activeRate;
  private final long randomSalt;
  private final long activeSalt;

  public UserSampler(double randomRate, double activeRate, long seed) {
    this.randomRate = randomRate;
    this.activeRate = activeRate;
    this.randomSalt = Hashing.mix(seed ^ 0x52414e444f4dL);
    this.activeSalt = Hashing.mix(seed ^ 0x4143544956454cL);
  }

  /** {@link Example#RANDOM_USER}, {@link Example#ACTIVE_USER} or {@link #DROP}. */
  public int source(String userId, boolean active) {
    if (Hashing.unit(userId, randomSalt) < randomRate) {
      return Example.RANDOM_USER;
    }
    if (active && Hashing.unit(userId, activeSalt) < activeRate) {
      return Example.ACTIVE_USER;
    }
    return DROP;
  }
}
