package glocal.model.sampling;

/**
 * Seeded 64-bit string hashing (FNV-1a then the SplitMix64 finaliser): stable across JVMs, restarts
 * and instances, so choices made from it (which users are sampled, which negatives a replayed event
 * draws) repeat exactly.
 */
public final class Hashing {

    private Hashing() {}

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static long hash(String s, long salt) {
        long h = 0xcbf29ce484222325L ^ salt;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** Uniform in [0, 1). */
    public static double unit(String s, long salt) {
        return (hash(s, salt) >>> 11) * 0x1.0p-53;
    }
}
