package glocal.model.labelling;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The impression-window rule: an impression waits; a play of the same user and title that arrives
 * while it waits cancels it; once the labeller's clock (the latest event time it has seen) reaches
 * the impression's event time plus the window, it is due and leaves as an explicit negative. A
 * later impression of the same user and title replaces a waiting one (the user saw the title again;
 * one negative, at the later time).
 *
 * <p>The waiting impressions live in a {@link KeyedState} (the stream's {@code pending-impressions}
 * store, or a map offline) and are indexed here by event time, so an expiry touches only the
 * impressions that are due.
 */
public final class PendingImpressions {

    private final long windowMs;
    private final KeyedState<String, Example> mirror;

    /** The keys by (event time, key): the order impressions leave in. */
    private final PriorityQueue<PendingKey> byTime = new PriorityQueue<>();

    /**
     * Event time of each waiting key. An entry of {@link #byTime} whose key no longer waits with
     * that time (cancelled by a play, or replaced by a later impression) is skipped when it reaches
     * the head: removing it from the heap would cost a linear search.
     */
    private final Map<String, Long> times = new HashMap<>();

    private record PendingKey(long eventTime, String key) implements Comparable<PendingKey> {
        @Override
        public int compareTo(PendingKey o) {
            int byTime = Long.compare(eventTime, o.eventTime);
            return byTime != 0 ? byTime : key.compareTo(o.key);
        }
    }

    public PendingImpressions(long windowMs, KeyedState<String, Example> mirror) {
        this.windowMs = windowMs;
        this.mirror = mirror;
    }

    /** Key of a user's impression of a title (user ids never contain a tab). */
    public static String key(String userId, String titleId) {
        return userId + '\t' + titleId;
    }

    /** An impression the mirror already holds (read back after a restart): indexed, not written. */
    public void restore(String key, Example impression) {
        track(key, impression.eventTime());
    }

    /** The impression waits, replacing one of the same key. */
    public void add(String key, Example impression) {
        track(key, impression.eventTime());
        mirror.put(key, impression);
    }

    /** A play of the key's user and title: a waiting impression of it is cancelled. */
    public void cancel(String key) {
        if (times.remove(key) != null) {
            mirror.delete(key);
        }
    }

    /**
     * Emits, in (event time, key) order, exactly the impressions whose window has passed at {@code
     * clock}.
     */
    public void expire(long clock, Consumer<Example> out) {
        while (!byTime.isEmpty()) {
            PendingKey due = byTime.peek();
            if (due.eventTime() + windowMs > clock) {
                break;
            }
            byTime.poll();
            Long since = times.get(due.key());
            if (since == null || since != due.eventTime()) {
                continue; // cancelled or replaced since
            }
            times.remove(due.key());
            Example impression = mirror.get(due.key());
            mirror.delete(due.key());
            out.accept(impression);
        }
    }

    private void track(String key, long eventTime) {
        times.put(key, eventTime);
        byTime.add(new PendingKey(eventTime, key));
    }
}
