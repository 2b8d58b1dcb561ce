package glocal.model.data;

/** What happened between a user and a title: the title was shown, or it was played. */
public enum ViewType {
    /** The title was shown to the user (a candidate the user may or may not play). */
    IMPRESSION,
    /** The user started playing the title; carries a watch ratio, finished and skipped flags. */
    PLAY
}
