package glocal.model.synthetic;

import glocal.model.data.View;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Measures how fast a world generates events (consumed in a count loop, never held). Used by the
 * {@code bench} command; {@code main} prints the figures for a quick run from the class path:
 * {@code java -cp model-core/target/classes glocal.model.synthetic.GeneratorBenchmark 1000000 5}.
 */
public final class GeneratorBenchmark {

    /**
     * Figures of one benchmark.
     *
     * @param events events per round
     * @param rounds timed rounds (after one untimed warm-up round)
     * @param medianEventsPerSecond median over the rounds
     * @param bestEventsPerSecond best round
     * @param playShare share of events that are plays
     * @param worldBuildMs time to build the world
     */
    public record Result(
            long events,
            int rounds,
            double medianEventsPerSecond,
            double bestEventsPerSecond,
            double playShare,
            double worldBuildMs) {}

    private GeneratorBenchmark() {}

    /** Builds the world, warms up with one round, then times {@code rounds} rounds of events. */
    public static Result run(SyntheticConfig config, long seed, long events, int rounds) {
        if (events < 1 || rounds < 1) {
            throw new IllegalArgumentException(
                    "events and rounds must be >= 1, got events=" + events + " rounds=" + rounds);
        }
        long start = System.nanoTime();
        SyntheticWorld world = new SyntheticWorld(config, seed);
        double buildMs = (System.nanoTime() - start) / 1e6;
        long plays = countPlays(world, events);
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            countPlays(world, events);
            rates[r] = events / ((System.nanoTime() - t0) / 1e9);
        }
        Arrays.sort(rates);
        return new Result(
                events,
                rounds,
                rates[rounds / 2],
                rates[rounds - 1],
                plays / (double) events,
                buildMs);
    }

    private static long countPlays(SyntheticWorld world, long events) {
        long plays = 0;
        long checksum = 0;
        Iterator<View> it = world.views(events);
        while (it.hasNext()) {
            View v = it.next();
            // Touch every field a consumer reads, so the JIT cannot skip building the event.
            checksum +=
                    v.eventId().length()
                            + v.userId().hashCode()
                            + v.titleId().length()
                            + v.territory().length()
                            + v.eventTimeMs();
            if (v.isPlay()) {
                plays++;
            }
        }
        // The result depends on the checksum (it is never MIN_VALUE), so the work cannot be
        // dropped.
        return checksum == Long.MIN_VALUE ? -1 : plays;
    }

    /** Args: [events per round, default 1,000,000] [rounds, default 5]; default config, seed 42. */
    public static void main(String[] args) {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Result r = run(SyntheticConfig.defaults(), 42, events, rounds);
        System.out.printf(
                "synthetic generator, default config (%d users, %d titles), seed 42%n",
                SyntheticConfig.defaults().users(), SyntheticConfig.defaults().totalTitles());
        System.out.printf("world build: %.0f ms%n", r.worldBuildMs());
        System.out.printf(
                "%,d events x %d rounds: median %,.0f events/s, best %,.0f events/s, "
                        + "plays %.1f%%%n",
                r.events(),
                r.rounds(),
                r.medianEventsPerSecond(),
                r.bestEventsPerSecond(),
                100 * r.playShare());
    }
}
