package glocal.model.territory;

/** What a {@link TerritoryGrouping} does with a territory it does not list. */
public enum UnknownTerritories {
    /**
     * The territory falls into group {@code floorMod(code.hashCode(), G)}: stable on every
     * instance. The stream's policy: a territory first seen between two regroupings still trains
     * some head (the next computed grouping lists it and may move it, as any regrouping moves
     * territories).
     */
    HASHED,
    /**
     * {@link TerritoryGrouping#group} fails naming the territory. The offline evaluation's policy:
     * every territory of the data must be grouped, and a grouping given by hand that misses one is
     * a mistake to report, not to paper over.
     */
    REJECTED
}
