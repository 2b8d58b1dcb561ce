package glocal.stream.produce;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a sender to a steady rate: the n-th event may leave no earlier than n / rate seconds after
 * the start. Waiting is by the schedule, not per event, so short stalls are caught up.
 */
public final class Throttle {

    private final double nanosPerEvent;
    private final long startNanos;

    /**
     * @param eventsPerSecond 0 means unthrottled
     */
    public Throttle(double eventsPerSecond, long startNanos) {
        this.nanosPerEvent = eventsPerSecond == 0 ? 0 : 1e9 / eventsPerSecond;
        this.startNanos = startNanos;
    }

    public void awaitTurn(long eventIndex) {
        if (nanosPerEvent == 0) {
            return;
        }
        long due = startNanos + (long) (eventIndex * nanosPerEvent);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
