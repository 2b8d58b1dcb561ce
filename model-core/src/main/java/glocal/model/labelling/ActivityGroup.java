package glocal.model.labelling;

import java.util.Locale;

/** User-activity facet; the ordinal is the code written into TrainingBatch.activityGroups. */
public enum ActivityGroup {
    NEW,
    LOW,
    HIGH;

    private static final ActivityGroup[] BY_CODE = values();

    /** The lower-case name reports and metrics use: {@code new}, {@code low}, {@code high}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The label of the group with wire code {@code code}, or null for a code no group has. */
    public static String label(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code].label() : null;
    }
}
