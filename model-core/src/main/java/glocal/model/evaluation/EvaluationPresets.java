package glocal.model.evaluation;

import glocal.model.synthetic.SyntheticConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic scenarios {@code glocal evaluate} accepts: {@link SyntheticConfig#PRESETS} plus
 * {@code tiny}, a world small enough for CI (a few hundred users and titles, all territories).
 */
public final class EvaluationPresets {

    /** Every preset name, {@code tiny} last. */
    public static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>(SyntheticConfig.PRESETS);
        names.add("tiny");
        NAMES = List.copyOf(names);
    }

    private EvaluationPresets() {}

    /** The preset's config; fails listing the names for an unknown one. */
    public static SyntheticConfig preset(String name) {
        if ("tiny".equals(name)) {
            return SyntheticConfig.strongLocalTaste().toBuilder()
                    .users(400)
                    .globalTitles(120)
                    .regionalTitlesPerRegion(12)
                    .localTitlesPerTerritory(4)
                    .build();
        }
        if (!SyntheticConfig.PRESETS.contains(name)) {
            throw new IllegalArgumentException(
                    "--preset " + name + ": unknown preset; use one of " + NAMES);
        }
        return SyntheticConfig.preset(name);
    }
}
