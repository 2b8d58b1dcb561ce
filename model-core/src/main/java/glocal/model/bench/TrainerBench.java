package glocal.model.bench;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.train.ModelSpec;
import glocal.model.train.OnlineTrainer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Trainer throughput on the device in use: random user and title ids (every user given a row first,
 * so the table really has {@code users} rows), random labels and groups, batches generated before
 * timing so only {@link OnlineTrainer#step} is measured.
 */
public final class TrainerBench {

    private static final int BATCH_POOL = 16;

    private TrainerBench() {}

    public static BenchReport run(BenchOptions o) {
        if (o.threads() > 0) {
            OnlineTrainer.configureThreads(o.threads());
        }
        int threads = OnlineTrainer.threads();
        ModelSpec spec =
                ModelSpec.defaults(o.model())
                        .with(
                                ModelSpec.EMBEDDING_DIM,
                                Integer.toString(o.dim()),
                                ModelSpec.OUTPUT_DIM,
                                Integer.toString(o.dim()),
                                ModelSpec.TOWER_HIDDEN,
                                Integer.toString(o.dim()),
                                ModelSpec.TERRITORY_GROUPS,
                                Integer.toString(o.groups()),
                                ModelSpec.SEED,
                                Long.toString(o.seed()));
        SplittableRandom random = new SplittableRandom(o.seed());
        ExampleBatch[] pool = new ExampleBatch[BATCH_POOL];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = randomBatch("bench-" + i, o, random);
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long peakHeap = 0;
        try (OnlineTrainer trainer = OnlineTrainer.create(spec)) {
            long bytesPerUser = userRowBytes(trainer, o.users());
            trainer.preallocate(new String[0], ids("t", o.titles()));
            for (int s = 0; s < o.warmupSteps(); s++) {
                trainer.step(pool[s % pool.length]);
            }
            long[] nanos = new long[o.steps()];
            java.lang.management.ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            long cpuStart = cpu.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int s = 0; s < o.steps(); s++) {
                long t0 = System.nanoTime();
                trainer.step(pool[s % pool.length]);
                nanos[s] = System.nanoTime() - t0;
                if (s % 10 == 0) {
                    peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
                }
                trainer.drainChangedUsers();
                trainer.drainChangedTitles();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // CPU time of the stepping thread (with one libtorch thread, all tensor work runs on
            // it):
            // on a machine shared with other jobs this shows the cost of a step apart from waiting.
            double cpuMsPerStep = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e6 / o.steps();
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new BenchReport(
                    o,
                    trainer.device().toString(),
                    threads,
                    o.batch() * (double) o.steps() / seconds,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.95),
                    percentile(sorted, 0.99),
                    Arrays.stream(nanos).average().orElse(0) / 1e6,
                    cpuMsPerStep,
                    o.batch() * 1000.0 / cpuMsPerStep,
                    peakHeap >> 20,
                    ProcessMemory.ownPeakRssBytes() >> 20,
                    o.users(),
                    bytesPerUser,
                    loadAverage());
        }
    }

    /**
     * Heap retained per user row: used heap after a full collection, before and after giving every
     * user a row (its embedding, Adam moments and step count in {@code RowStore}, its id string and
     * id-map entry). The adaptive-weight state the trainer service keeps per user is not in it.
     */
    @SuppressWarnings("SystemGc") // measuring retained heap needs a collection on both sides
    private static long userRowBytes(OnlineTrainer trainer, int users) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        trainer.preallocate(ids("u", users), new String[0]);
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();
        return Math.max(0, after - before) / Math.max(1, users);
    }

    private static String[] ids(String prefix, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = prefix + i;
        }
        return out;
    }

    private static ExampleBatch randomBatch(String id, BenchOptions o, SplittableRandom random) {
        int n = o.batch();
        ExampleBatch.Builder b = ExampleBatch.builder(id, n).groupingVersion(1);
        for (int i = 0; i < n; i++) {
            String user = "u" + random.nextInt(o.users());
            String title = "t" + random.nextInt(o.titles());
            int group = random.nextInt(o.groups());
            int activity = random.nextInt(3);
            float play = random.nextInt(4) == 0 ? 1f : 0f;
            b.add(
                    user,
                    title,
                    "T" + group,
                    group,
                    activity,
                    play > 0 ? ExampleKind.PLAY : ExampleKind.NEGATIVE,
                    play,
                    1f,
                    i);
        }
        return b.build();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double percentile(long[] sortedNanos, double q) {
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(q * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }
}
