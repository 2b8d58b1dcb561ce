package glocal.model.synthetic;

import java.util.Objects;

/**
 * A territory of the synthetic world.
 *
 * @param code ISO 3166-1 alpha-2 code
 * @param region the region the territory belongs to
 * @param relativeSize relative audience size (roughly millions of subscribers); user homes are
 *     drawn in proportion to {@code relativeSize ^ territorySizeExponent}
 */
public record Territory(String code, Region region, double relativeSize) {

    public Territory {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(region, "region");
        if (!(relativeSize > 0)) {
            throw new IllegalArgumentException(
                    "relativeSize of territory " + code + " must be > 0, got " + relativeSize);
        }
    }
}
