package glocal.stream.chaos;

import java.util.Arrays;

/**
 * A growable multiset of 64-bit keys (user, title, event time of a play), compared with another one
 * after sorting: what the producer sent against what the stream side emitted, in 8 bytes a play.
 */
final class KeyHashes {

    private long[] keys = new long[1 << 12];
    private int size;

    static long of(String userId, String titleId, long eventTimeMs) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, userId);
        h = mix(h ^ 0x1f, titleId);
        h ^= eventTimeMs * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 31);
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    synchronized void add(long key) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        keys[size++] = key;
    }

    synchronized int size() {
        return size;
    }

    /** Keys of {@code expected} missing here, and keys here more often than in {@code expected}. */
    synchronized Difference against(KeyHashes expected) {
        long[] mine = Arrays.copyOf(keys, size);
        long[] theirs;
        synchronized (expected) {
            theirs = Arrays.copyOf(expected.keys, expected.size);
        }
        Arrays.sort(mine);
        Arrays.sort(theirs);
        long missing = 0;
        long extra = 0;
        int i = 0;
        int j = 0;
        while (i < mine.length || j < theirs.length) {
            if (j == theirs.length || (i < mine.length && mine[i] < theirs[j])) {
                extra++;
                i++;
            } else if (i == mine.length || theirs[j] < mine[i]) {
                missing++;
                j++;
            } else {
                i++;
                j++;
            }
        }
        return new Difference(missing, extra);
    }

    /**
     * {@code missing}: expected keys not found; {@code extra}: keys found beyond the expected
     * count.
     */
    record Difference(long missing, long extra) {}
}
