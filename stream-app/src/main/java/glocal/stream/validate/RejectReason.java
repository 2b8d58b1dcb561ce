package glocal.stream.validate;

/**
 * Why a view went to the dead-letter topic; {@link #label()} is the header and metric tag value.
 */
public enum RejectReason {
    UNDECODABLE("undecodable"),
    MISSING_ID("missing-id"),
    UNKNOWN_TERRITORY("unknown-territory"),
    BAD_WATCH_RATIO("bad-watch-ratio"),
    EVENT_TIME_IN_FUTURE("event-time-in-future"),
    EVENT_TIME_TOO_OLD("event-time-too-old");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
