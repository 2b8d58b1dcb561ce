package glocal.stream.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Where a trainer without a checkpoint (a fresh model) starts reading {@code training-batches}
 * before it follows the live stream ({@code glocal.trainer.replay.from}): {@code earliest} replays
 * every batch the topic still holds (its retention bounds the history), {@code latest} trains on
 * new batches only, an ISO-8601 instant ({@code 2026-12-01T00:00:00Z}) replays from the first batch
 * written at or after it, and an ISO-8601 duration ({@code P7D}, {@code PT6H}) from that long
 * before the trainer starts. A partition the checkpoint has an offset for always resumes from it: a
 * replay never trains a batch twice.
 */
public sealed interface ReplayStart {

    /** The first batch the topic holds. */
    record Earliest() implements ReplayStart {}

    /** Only batches written after the trainer starts. */
    record Latest() implements ReplayStart {}

    /** The first batch whose record timestamp is at or after {@code from}. */
    record At(Instant from) implements ReplayStart {}

    /** The first batch written at most {@code window} before the trainer starts. */
    record Since(Duration window) implements ReplayStart {}

    /** {@code earliest}, the default. */
    static ReplayStart earliest() {
        return new Earliest();
    }

    /** The timestamp to look the offsets up at, or null for {@link Earliest} and {@link Latest}. */
    default Instant timestamp(Clock clock) {
        if (this instanceof At at) {
            return at.from();
        }
        if (this instanceof Since since) {
            return clock.instant().minus(since.window());
        }
        return null;
    }

    /**
     * Parses {@code earliest}, {@code latest}, an ISO-8601 instant or a positive ISO-8601 duration.
     *
     * @throws IllegalArgumentException naming {@code key} and the accepted forms
     */
    static ReplayStart parse(String key, String value) {
        String v = value.trim();
        switch (v.toLowerCase(Locale.ROOT)) {
            case "earliest":
                return earliest();
            case "latest":
                return new Latest();
            default:
                break;
        }
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                Duration d = Duration.parse(v);
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException(
                            key + " must be a positive duration, was '" + value + "'");
                }
                return new Since(d);
            }
            return new At(Instant.parse(v));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    key
                            + ": '"
                            + value
                            + "' is none of earliest, latest, an ISO-8601 instant"
                            + " (2026-12-01T00:00:00Z) or an ISO-8601 duration (P7D, PT6H)",
                    e);
        }
    }
}
