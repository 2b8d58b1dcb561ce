package glocal.stream.produce;

import glocal.model.data.View;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Counts of what {@code glocal produce} sent: titles, views by type and by territory. */
public final class ProduceStats {

    private final Map<String, Long> byType = new HashMap<>();
    private final Map<String, Long> byTerritory = new HashMap<>();
    private long views;
    private long titles;

    void title() {
        titles++;
    }

    void view(View view) {
        views++;
        byType.merge(view.type().name(), 1L, Long::sum);
        byTerritory.merge(view.territory(), 1L, Long::sum);
    }

    public long views() {
        return views;
    }

    public long titles() {
        return titles;
    }

    /** Views per event type name ({@code IMPRESSION}, {@code PLAY}). */
    public Map<String, Long> byType() {
        return Map.copyOf(byType);
    }

    /** The {@code n} territories with most views, most first (ties by code). */
    public List<Map.Entry<String, Long>> topTerritories(int n) {
        return byTerritory.entrySet().stream()
                .sorted(
                        Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                                .thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
    }

    public int territoryCount() {
        return byTerritory.size();
    }

    /**
     * The final summary, two lines.
     *
     * @param viewsElapsed time spent sending the views (until all were acknowledged), for the rate
     */
    public String summary(Duration viewsElapsed) {
        double seconds = Math.max(viewsElapsed.toNanos() / 1e9, 1e-9);
        String types =
                byType.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " " + String.format("%,d", e.getValue()))
                        .collect(Collectors.joining(", "));
        String top =
                topTerritories(5).stream()
                        .map(
                                e ->
                                        e.getKey()
                                                + " "
                                                + String.format(
                                                        "%,d (%.1f%%)",
                                                        e.getValue(), 100.0 * e.getValue() / views))
                        .collect(Collectors.joining(", "));
        return String.format(
                        "Sent %,d view events (%s) in %.1f s: %,.0f events/s; and %,d titles before them%n",
                        views, types.isEmpty() ? "none" : types, seconds, views / seconds, titles)
                + String.format(
                        "  %d territories; top: %s",
                        byTerritory.size(), top.isEmpty() ? "none" : top);
    }
}
