package glocal.stream.state;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares one instance of each distinct string (title ids, territory codes) among the values kept in
 * memory, so a user's last titles hold references instead of copies decoded from each view.
 * Bounded: once it holds {@code capacity} strings it starts again empty.
 */
public final class Interner {

    private final int capacity;
    private final Map<String, String> strings = new HashMap<>();

    public Interner(int capacity) {
        this.capacity = capacity;
    }

    public String intern(String s) {
        String known = strings.get(s);
        if (known != null) {
            return known;
        }
        if (strings.size() >= capacity) {
            strings.clear();
        }
        strings.put(s, s);
        return s;
    }
}
