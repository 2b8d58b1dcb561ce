package glocal.model.labelling;

/**
 * A view and its user's activity after it, what {@link ExampleRules} label. The stream's {@code
 * ActiveView} and the offline {@link Labeller} both present their views this way, so the rules read
 * the same fields whichever side calls them.
 */
public interface ViewWithActivity {

    String eventId();

    String userId();

    String titleId();

    String territory();

    /** Event time, epoch ms. */
    long eventTimeMs();

    boolean isPlay();

    /** Share of the title watched (0 for an impression, or a play that does not say). */
    float watchRatio();

    boolean finished();

    boolean skipped();

    /** The user's state after this view (a play counted), or null for a user who never played. */
    UserActivity activity();

    /**
     * Whether the user is active at this view (at least the active threshold of plays in the
     * window).
     */
    boolean active();

    /** The user's activity group at this view. */
    ActivityGroup group();
}
