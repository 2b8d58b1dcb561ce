package glocal.model.bench;

import glocal.model.train.ModelKind;

/**
 * What {@link TrainerBench} measures.
 *
 * @param model architecture (default mtl)
 * @param batch examples per step
 * @param users user table size (ids are random over this many users, all given rows up front)
 * @param titles title catalogue size
 * @param dim embedding and output width
 * @param groups territory groups
 * @param warmupSteps steps run before timing (JIT, allocator)
 * @param steps timed steps
 * @param threads libtorch intra-op threads (0 = leave the engine's setting)
 * @param seed seed of the random ids and labels
 */
public record BenchOptions(
        ModelKind model,
        int batch,
        int users,
        int titles,
        int dim,
        int groups,
        int warmupSteps,
        int steps,
        int threads,
        long seed) {

    public BenchOptions {
        check("batch", batch, 1);
        check("users", users, 1);
        check("titles", titles, 1);
        check("dim", dim, 1);
        check("groups", groups, 1);
        check("warmup steps", warmupSteps, 0);
        check("steps", steps, 1);
        check("threads", threads, 0);
    }

    private static void check(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(
                    "bench trainer: " + name + " must be >= " + min + ", was " + value);
        }
    }

    /**
     * Defaults: mtl, batch 4,096, 100k users, 20k titles, 64-d, 4 groups, 20 warm-up + 200 timed
     * steps, one libtorch thread (fastest on the shared 2-core machine it was measured on).
     */
    public static BenchOptions defaults() {
        return new BenchOptions(ModelKind.MTL, 4096, 100_000, 20_000, 64, 4, 20, 200, 1, 7L);
    }

    public BenchOptions withUsers(int u) {
        return new BenchOptions(
                model, batch, u, titles, dim, groups, warmupSteps, steps, threads, seed);
    }

    public BenchOptions withModel(ModelKind m) {
        return new BenchOptions(
                m, batch, users, titles, dim, groups, warmupSteps, steps, threads, seed);
    }

    public BenchOptions withSteps(int warmup, int timed) {
        return new BenchOptions(
                model, batch, users, titles, dim, groups, warmup, timed, threads, seed);
    }

    public BenchOptions withBatch(int b) {
        return new BenchOptions(
                model, b, users, titles, dim, groups, warmupSteps, steps, threads, seed);
    }

    public BenchOptions withThreads(int t) {
        return new BenchOptions(
                model, batch, users, titles, dim, groups, warmupSteps, steps, t, seed);
    }
}
