package glocal.stream.territory;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The territory codes a view may carry: the ISO 3166-1 alpha-2 list the JDK ships ({@link
 * Locale#getISOCountries()}) plus any extra codes configured with {@code
 * glocal.territory.extra.codes} (for example MovieLens-derived pseudo territories such as {@code
 * US-Z0}).
 */
public final class TerritoryCodes {

    private final Set<String> known;

    private TerritoryCodes(Set<String> known) {
        this.known = Set.copyOf(known);
    }

    /** ISO codes plus {@code extra}; extra codes are compared exactly (upper case expected). */
    public static TerritoryCodes isoPlus(Collection<String> extra) {
        Set<String> codes = new HashSet<>(Set.of(Locale.getISOCountries()));
        codes.addAll(extra);
        return new TerritoryCodes(codes);
    }

    public boolean isKnown(String code) {
        return code != null && known.contains(code);
    }
}
