package glocal.model.evaluation;

import java.util.Arrays;
import java.util.Locale;

/**
 * How views are divided into the past the models train on and the future they are tested on.
 *
 * <ul>
 *   <li>{@link #TIME}: one cut in event time for everybody: the first {@code trainFraction} of the
 *       views (time order) train, the rest test; views sharing the cut's time go to the test side.
 *       What a deployed system faces: the future of every user at once.
 *   <li>{@link #USER_TIME}: a cut per user: each user's last {@code 1 - trainFraction} of their own
 *       views (time order; equal times keep file order), rounded, at most all but one, are test.
 *       Every user with two views or more gets a past and a future, so a file whose users do not
 *       overlap in time (or whose times are fake) still has test users; but a user's future may
 *       come before another user's past, so the training period can see later trends.
 * </ul>
 */
public enum SplitMode {
    TIME("time"),
    USER_TIME("user-time");

    private final String id;

    SplitMode(String id) {
        this.id = id;
    }

    /** The name on the command line and in reports. */
    public String id() {
        return id;
    }

    /** The mode called {@code id}; fails naming the choices. */
    public static SplitMode parse(String id) {
        return Arrays.stream(values())
                .filter(m -> m.id.equals(id.trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "--split "
                                                + id
                                                + ": unknown split; use one of "
                                                + Arrays.stream(values())
                                                        .map(SplitMode::id)
                                                        .toList()));
    }
}
