package glocal.stream.territory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;

/**
 * A snapshot of play counts per territory and title, summed over the windows the counter stores
 * retain. Building it costs O(retained entries); it is built on a wall-clock schedule or per query,
 * never per event.
 */
public final class TerritoryPopularity {

    private static final Comparator<TitleCount> BY_COUNT_DESC =
            Comparator.comparingLong(TitleCount::count)
                    .reversed()
                    .thenComparing(TitleCount::titleId);

    private final Map<String, Map<String, Long>> byTerritory;
    private final Map<String, Long> global;

    public TerritoryPopularity(Map<String, Map<String, Long>> byTerritory) {
        this.byTerritory = byTerritory;
        this.global = new HashMap<>();
        byTerritory.values().forEach(m -> m.forEach((t, n) -> global.merge(t, n, Long::sum)));
    }

    /** Sums the windowed (territory TAB title) counts of a store iterator. */
    public static TerritoryPopularity fromWindows(
            Iterator<KeyValue<Windowed<String>, Long>> windows) {
        Map<String, Map<String, Long>> byTerritory = new HashMap<>();
        while (windows.hasNext()) {
            KeyValue<Windowed<String>, Long> kv = windows.next();
            String key = kv.key.key();
            int tab = key.indexOf('\t');
            byTerritory
                    .computeIfAbsent(key.substring(0, tab), t -> new HashMap<>())
                    .merge(key.substring(tab + 1), kv.value, Long::sum);
        }
        return new TerritoryPopularity(byTerritory);
    }

    /** Adds two partial snapshots (e.g. from two instances). */
    public TerritoryPopularity plus(TerritoryPopularity other) {
        Map<String, Map<String, Long>> sum = new HashMap<>();
        for (TerritoryPopularity p : List.of(this, other)) {
            p.byTerritory.forEach(
                    (t, m) -> {
                        Map<String, Long> into = sum.computeIfAbsent(t, x -> new HashMap<>());
                        m.forEach((title, n) -> into.merge(title, n, Long::sum));
                    });
        }
        return new TerritoryPopularity(sum);
    }

    public Map<String, Map<String, Long>> byTerritory() {
        return Collections.unmodifiableMap(byTerritory);
    }

    public Map<String, Long> titleCounts(String territory) {
        return byTerritory.getOrDefault(territory, Map.of());
    }

    public long globalCount(String titleId) {
        return global.getOrDefault(titleId, 0L);
    }

    public List<TitleCount> topK(String territory, int k) {
        return top(titleCounts(territory), k);
    }

    public List<TitleCount> globalTopK(int k) {
        return top(global, k);
    }

    /** Plays of the title per territory. */
    public Map<String, Long> byTerritoryOf(String titleId) {
        Map<String, Long> out = new HashMap<>();
        byTerritory.forEach(
                (t, m) -> {
                    Long n = m.get(titleId);
                    if (n != null) {
                        out.put(t, n);
                    }
                });
        return out;
    }

    /**
     * {@code LOCAL:<territory>} when one territory holds at least {@code localShare} of the title's
     * plays and the title is not in the global top-K; {@code GLOBAL} otherwise (also for unseen
     * titles).
     */
    public String titleClass(String titleId, double localShare, int globalTopK) {
        long total = globalCount(titleId);
        if (total == 0 || inGlobalTop(titleId, globalTopK)) {
            return "GLOBAL";
        }
        String best = null;
        long bestCount = 0;
        for (Map.Entry<String, Long> e : byTerritoryOf(titleId).entrySet()) {
            if (e.getValue() > bestCount
                    || (e.getValue() == bestCount && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return (double) bestCount / total >= localShare ? "LOCAL:" + best : "GLOBAL";
    }

    private boolean inGlobalTop(String titleId, int k) {
        Set<String> top = new HashSet<>();
        globalTopK(k).forEach(tc -> top.add(tc.titleId()));
        return top.contains(titleId);
    }

    private static List<TitleCount> top(Map<String, Long> counts, int k) {
        List<TitleCount> all = new ArrayList<>(counts.size());
        counts.forEach((t, n) -> all.add(new TitleCount(t, n)));
        all.sort(BY_COUNT_DESC);
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }
}
