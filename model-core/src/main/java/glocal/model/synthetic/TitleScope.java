package glocal.model.synthetic;

/** Where a synthetic title is popular. */
public enum TitleScope {
    /** Popular everywhere, Zipf popularity over the global catalogue. */
    GLOBAL,
    /** Popular in the region of its origin territory. */
    REGIONAL,
    /** Popular in its origin territory only. */
    LOCAL
}
