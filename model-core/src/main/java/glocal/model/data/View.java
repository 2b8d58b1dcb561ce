package glocal.model.data;

import java.util.Objects;

/**
 * One user–title interaction, the in-memory twin of the Avro {@code ViewEvent}.
 *
 * <p>For an {@link ViewType#IMPRESSION} the behaviour fields carry no information: {@code
 * watchRatio} is 0 and {@code finished}/{@code skipped} are false. For a {@link ViewType#PLAY} they
 * describe how the play went.
 *
 * @param eventId unique id of the event, used for de-duplication
 * @param territory ISO 3166-1 alpha-2 code (or a synthetic code such as {@code US-Z9}) where the
 *     view happened
 * @param eventTimeMs event time, epoch milliseconds
 * @param watchRatio share of the title watched, 0..1
 */
public record View(
        String eventId,
        String userId,
        String titleId,
        String territory,
        long eventTimeMs,
        ViewType type,
        float watchRatio,
        boolean finished,
        boolean skipped) {

    public View {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(titleId, "titleId");
        Objects.requireNonNull(territory, "territory");
        Objects.requireNonNull(type, "type");
        // NaN fails both comparisons, so it is rejected too.
        if (!(watchRatio >= 0f && watchRatio <= 1f)) {
            throw new IllegalArgumentException(
                    "watchRatio of event " + eventId + " must be in [0, 1], got " + watchRatio);
        }
    }

    /** An impression: behaviour fields empty. */
    public static View impression(
            String eventId, String userId, String titleId, String territory, long eventTimeMs) {
        return new View(
                eventId,
                userId,
                titleId,
                territory,
                eventTimeMs,
                ViewType.IMPRESSION,
                0f,
                false,
                false);
    }

    /** Whether this view is a play. */
    public boolean isPlay() {
        return type == ViewType.PLAY;
    }
}
