package glocal.stream.validate;

import glocal.schemas.avro.ViewEvent;
import glocal.stream.territory.TerritoryCodes;

/**
 * Content checks on a decoded view. Event time is judged against the record timestamp, not the wall
 * clock, so a replay after a crash routes every record exactly as the first run did.
 */
public final class ViewValidator {

    private final TerritoryCodes territories;
    private final long maxFutureSkewMs;
    private final long maxEventAgeMs;

    public ViewValidator(TerritoryCodes territories, long maxFutureSkewMs, long maxEventAgeMs) {
        this.territories = territories;
        this.maxFutureSkewMs = maxFutureSkewMs;
        this.maxEventAgeMs = maxEventAgeMs;
    }

    /** The first failed check, or null when the view is good. */
    public Rejection check(ViewEvent view, long recordTimestamp) {
        if (blank(view.getEventId()) || blank(view.getUserId()) || blank(view.getTitleId())) {
            return Rejection.of(
                    RejectReason.MISSING_ID,
                    "eventId, userId and titleId must be non-empty (eventId='"
                            + view.getEventId()
                            + "', userId='"
                            + view.getUserId()
                            + "', titleId='"
                            + view.getTitleId()
                            + "')");
        }
        if (!territories.isKnown(view.getTerritory())) {
            return Rejection.of(
                    RejectReason.UNKNOWN_TERRITORY,
                    "territory '"
                            + view.getTerritory()
                            + "' is not ISO 3166-1 alpha-2 nor in glocal.territory.extra.codes");
        }
        Float ratio = view.getWatchRatio();
        if (ratio != null && !(ratio >= 0f && ratio <= 1f)) {
            return Rejection.of(
                    RejectReason.BAD_WATCH_RATIO, "watchRatio " + ratio + " is outside 0..1");
        }
        long eventTime = view.getEventTime().toEpochMilli();
        if (eventTime - recordTimestamp > maxFutureSkewMs) {
            return Rejection.of(
                    RejectReason.EVENT_TIME_IN_FUTURE,
                    "eventTime "
                            + eventTime
                            + " is "
                            + (eventTime - recordTimestamp)
                            + " ms after the record timestamp; limit glocal.max.future.skew.ms="
                            + maxFutureSkewMs);
        }
        if (recordTimestamp - eventTime > maxEventAgeMs) {
            return Rejection.of(
                    RejectReason.EVENT_TIME_TOO_OLD,
                    "eventTime "
                            + eventTime
                            + " is "
                            + (recordTimestamp - eventTime)
                            + " ms before the record timestamp; limit glocal.max.event.age.ms="
                            + maxEventAgeMs);
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
