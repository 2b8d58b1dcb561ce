package glocal.schemas.registry;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Confluent's compatibility levels. BACKWARD: consumers on the new schema read data written with
 * the latest one; FORWARD: consumers on the latest read data written with the new one; FULL: both;
 * *_TRANSITIVE: against every earlier version, not only the latest.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** Parses a level name case-insensitively; the message lists the accepted names. */
    public static CompatibilityLevel parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "unknown compatibility level '"
                            + name
                            + "': use one of "
                            + Arrays.stream(values())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", ")),
                    e);
        }
    }

    /**
     * Problems that make {@code candidate} incompatible with the earlier versions (oldest first)
     * under this level; empty when compatible.
     */
    public List<String> incompatibilities(Schema candidate, List<Schema> earlier) {
        if (this == NONE || earlier.isEmpty()) {
            return List.of();
        }
        List<Schema> against = transitive ? earlier : List.of(earlier.get(earlier.size() - 1));
        return against.stream()
                .flatMap(old -> problems(candidate, old).stream())
                .distinct()
                .toList();
    }

    private List<String> problems(Schema candidate, Schema old) {
        List<String> problems = new java.util.ArrayList<>();
        if (newReadsOld) {
            problems.addAll(
                    check(
                            candidate,
                            old,
                            "new schema cannot read data written with an earlier one"));
        }
        if (oldReadsNew) {
            problems.addAll(
                    check(
                            old,
                            candidate,
                            "an earlier schema cannot read data written with the new one"));
        }
        return problems;
    }

    private static List<String> check(Schema reader, Schema writer, String what) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        return result.getResult().getIncompatibilities().stream()
                .map(
                        i ->
                                what
                                        + ": "
                                        + i.getType()
                                        + " at "
                                        + i.getLocation()
                                        + " ("
                                        + i.getMessage()
                                        + ")")
                .toList();
    }
}
