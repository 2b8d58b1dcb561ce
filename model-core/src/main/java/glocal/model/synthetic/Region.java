package glocal.model.synthetic;

/** World regions the synthetic territories are grouped into; regional titles travel within one. */
public enum Region {
    /** United States and Canada. */
    AMER,
    /** Latin America. */
    LATAM,
    /** Europe, Middle East and Africa. */
    EMEA,
    /** Asia-Pacific. */
    APAC
}
