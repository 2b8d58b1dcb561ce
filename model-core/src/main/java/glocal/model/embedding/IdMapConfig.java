package glocal.model.embedding;

/**
 * Limits of one id map.
 *
 * @param minCount times an id must be seen before it gets its own row; before that it shares the
 *     "unknown" row (1 = every id gets a row at once)
 * @param maxRows most ids with their own row; beyond it new ids share the unknown row until
 *     eviction frees rows
 * @param evictAfterSteps an id unseen for this many training steps loses its row (0 = never evict)
 */
public record IdMapConfig(int minCount, int maxRows, long evictAfterSteps) {

    public IdMapConfig {
        if (minCount < 1) {
            throw new IllegalArgumentException("id map min count must be >= 1, was " + minCount);
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("id map max rows must be >= 1, was " + maxRows);
        }
        if (evictAfterSteps < 0) {
            throw new IllegalArgumentException(
                    "id map evict-after-steps must be >= 0 (0 = never), was " + evictAfterSteps);
        }
    }

    public static IdMapConfig unbounded() {
        return new IdMapConfig(1, 50_000_000, 0);
    }
}
