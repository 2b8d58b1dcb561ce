package glocal.model.synthetic;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fixed list of real territories the synthetic world draws from, largest first.
 *
 * <p>Sizes are loosely modelled on streaming audiences: three major territories (US, BR, IN) hold
 * just over half of all users, a handful of large ones follow, and a long list of minor ones (PT,
 * NZ, CR, UY, EE, LU, MT, IS) hold a few percent between them. A config with {@code territories =
 * n} uses the first {@code n} entries.
 */
public final class TerritoryCatalogue {

    /** All territories, largest first. */
    public static final List<Territory> ALL =
            List.of(
                    new Territory("US", Region.AMER, 32),
                    new Territory("BR", Region.LATAM, 12),
                    new Territory("IN", Region.APAC, 10),
                    new Territory("GB", Region.EMEA, 6),
                    new Territory("DE", Region.EMEA, 5),
                    new Territory("FR", Region.EMEA, 4.5),
                    new Territory("JP", Region.APAC, 4),
                    new Territory("MX", Region.LATAM, 4),
                    new Territory("CA", Region.AMER, 3),
                    new Territory("KR", Region.APAC, 2.5),
                    new Territory("ES", Region.EMEA, 2.5),
                    new Territory("IT", Region.EMEA, 2.2),
                    new Territory("AU", Region.APAC, 2),
                    new Territory("AR", Region.LATAM, 1.6),
                    new Territory("CO", Region.LATAM, 1.3),
                    new Territory("PL", Region.EMEA, 1.2),
                    new Territory("NL", Region.EMEA, 1.0),
                    new Territory("TH", Region.APAC, 1.0),
                    new Territory("PH", Region.APAC, 0.9),
                    new Territory("CL", Region.LATAM, 0.8),
                    new Territory("SE", Region.EMEA, 0.6),
                    new Territory("PE", Region.LATAM, 0.6),
                    new Territory("BE", Region.EMEA, 0.5),
                    new Territory("PT", Region.EMEA, 0.4),
                    new Territory("IE", Region.EMEA, 0.3),
                    new Territory("NZ", Region.APAC, 0.3),
                    new Territory("SG", Region.APAC, 0.3),
                    new Territory("CR", Region.LATAM, 0.15),
                    new Territory("UY", Region.LATAM, 0.12),
                    new Territory("EE", Region.EMEA, 0.06),
                    new Territory("LU", Region.EMEA, 0.04),
                    new Territory("MT", Region.EMEA, 0.03),
                    new Territory("IS", Region.EMEA, 0.03));

    private static final Map<String, Territory> BY_CODE =
            ALL.stream()
                    .collect(Collectors.toUnmodifiableMap(Territory::code, Function.identity()));

    private TerritoryCatalogue() {}

    /** The territory with this ISO code; fails naming the code when it is not in the catalogue. */
    public static Territory byCode(String code) {
        Territory t = BY_CODE.get(code);
        if (t == null) {
            throw new IllegalArgumentException(
                    "territory '"
                            + code
                            + "' is not in the synthetic catalogue; known: "
                            + BY_CODE.keySet());
        }
        return t;
    }

    /** The region of a catalogue territory. */
    public static Region region(String code) {
        return byCode(code).region();
    }
}
