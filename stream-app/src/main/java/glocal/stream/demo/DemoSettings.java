package glocal.stream.demo;

import glocal.model.synthetic.SyntheticConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the demo runs: a synthetic world of {@code users} users, {@code events} views published as
 * fast as possible (or at {@code rate} per second), mtl published and baseline trained beside it.
 *
 * @param usersPerGroup users sampled per territory group for the top-K comparison
 * @param topK length of the recommendation lists compared
 */
public record DemoSettings(
        long events,
        int rate,
        long seed,
        SyntheticConfig world,
        Path outDir,
        int usersPerGroup,
        int topK) {

    public DemoSettings {
        Objects.requireNonNull(world, "world");
        Objects.requireNonNull(outDir, "outDir");
        if (events < 1_000) {
            throw new IllegalArgumentException(
                    "--events must be at least 1,000 for the comparison to mean anything, was "
                            + events);
        }
        if (rate < 0) {
            throw new IllegalArgumentException(
                    "--rate must be >= 0 (0 = as fast as possible), was " + rate);
        }
    }

    /**
     * The demo's world: the default territories and taste model, with fewer users and titles than
     * the production-scale default so that a few hundred thousand views give every user a history.
     */
    public static SyntheticConfig demoWorld(int users) {
        return SyntheticConfig.defaults().toBuilder()
                .users(users)
                .globalTitles(1_000)
                .regionalTitlesPerRegion(50)
                .localTitlesPerTerritory(20)
                .build();
    }
}
