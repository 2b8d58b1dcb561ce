package glocal.model.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Splits territories into minor and major by their users: the smallest territories that together
 * hold at most {@link #MINOR_USER_SHARE} of the users are minor (the very small territories the
 * multi-territory paper wants served), the rest major. A territory group mixes both, so its figures
 * hide how the minor territories fare; {@code size=minor} and {@code size=major} report them apart.
 */
public final class TerritorySizes {

    /** Share of the users the minor territories hold together, at most. */
    public static final double MINOR_USER_SHARE = 0.05;

    public static final String MINOR = "minor";
    public static final String MAJOR = "major";

    private final Set<String> minor;

    private TerritorySizes(Set<String> minor) {
        this.minor = minor;
    }

    /** From each user's home territory; ties in size go by territory code. */
    public static TerritorySizes ofUsers(Map<String, String> userTerritory) {
        Map<String, Integer> users = new HashMap<>();
        userTerritory.values().forEach(t -> users.merge(t, 1, Integer::sum));
        List<String> bySize = new ArrayList<>(users.keySet());
        bySize.sort(
                (a, b) ->
                        users.get(a).equals(users.get(b))
                                ? a.compareTo(b)
                                : Integer.compare(users.get(a), users.get(b)));
        Set<String> minor = new TreeSet<>();
        long held = 0;
        for (String t : bySize) {
            held += users.get(t);
            if (held > MINOR_USER_SHARE * userTerritory.size()) {
                break;
            }
            minor.add(t);
        }
        return new TerritorySizes(minor);
    }

    /** {@link #MINOR} or {@link #MAJOR}; a territory no user calls home counts as major. */
    public String classOf(String territory) {
        return minor.contains(territory) ? MINOR : MAJOR;
    }

    /** The minor territories, in code order. */
    public Set<String> minor() {
        return minor;
    }
}
