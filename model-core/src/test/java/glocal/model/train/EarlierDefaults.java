package glocal.model.train;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The pointwise setting, the defaults before 2026-12-04 ({@link ModelSpec#EARLIER_DEFAULTS}): BCE
 * on every example, no popularity prior, learning rates 1e-3 (dense) and 1e-2 (rows). Tests whose
 * premise is pointwise learning (a play probability per shown pair, the behaviour heads, adaptive
 * weights over per-example losses) pin it.
 */
public final class EarlierDefaults {

    /** The setting as a model-variant suffix, e.g. {@code "mtl" + EarlierDefaults.VARIANT}. */
    public static final String VARIANT =
            new TreeMap<>(ModelSpec.EARLIER_DEFAULTS)
                    .entrySet().stream()
                            .map(e -> ":" + e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining());

    private EarlierDefaults() {}

    /** {@code spec} with the pointwise setting. */
    public static ModelSpec of(ModelSpec spec) {
        String[] keyValues = new String[2 * ModelSpec.EARLIER_DEFAULTS.size()];
        int i = 0;
        for (Map.Entry<String, String> e : new TreeMap<>(ModelSpec.EARLIER_DEFAULTS).entrySet()) {
            keyValues[i++] = e.getKey();
            keyValues[i++] = e.getValue();
        }
        return spec.with(keyValues);
    }
}
