package glocal.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {
    private static final Schema ID_ONLY =
            SchemaBuilder.record("R").fields().requiredString("id").endRecord();
    private static final Schema ADDS_REQUIRED =
            SchemaBuilder.record("R").fields().requiredString("id").requiredInt("n").endRecord();
    private static final Schema ADDS_OPTIONAL =
            SchemaBuilder.record("R")
                    .fields()
                    .requiredString("id")
                    .name("n")
                    .type()
                    .intType()
                    .intDefault(0)
                    .endRecord();
    private static final Schema DROPS_ID =
            SchemaBuilder.record("R").fields().name("n").type().intType().intDefault(0).endRecord();

    @Test
    void backwardRejectsANewRequiredFieldAndAcceptsOneWithADefault() {
        assertThat(CompatibilityLevel.BACKWARD.incompatibilities(ADDS_REQUIRED, List.of(ID_ONLY)))
                .isNotEmpty();
        assertThat(CompatibilityLevel.BACKWARD.incompatibilities(ADDS_OPTIONAL, List.of(ID_ONLY)))
                .isEmpty();
    }

    @Test
    void forwardAcceptsANewRequiredFieldBecauseOldReadersIgnoreIt() {
        assertThat(CompatibilityLevel.FORWARD.incompatibilities(ADDS_REQUIRED, List.of(ID_ONLY)))
                .isEmpty();
        assertThat(CompatibilityLevel.FULL.incompatibilities(ADDS_REQUIRED, List.of(ID_ONLY)))
                .isNotEmpty();
        assertThat(CompatibilityLevel.FULL.incompatibilities(ADDS_OPTIONAL, List.of(ID_ONLY)))
                .isEmpty();
    }

    @Test
    void transitiveLevelsCheckEveryEarlierVersionNotOnlyTheLatest() {
        // ADDS_REQUIRED reads data of the latest version (which has n) but not of the first (which
        // lacks it).
        List<Schema> history = List.of(ID_ONLY, ADDS_OPTIONAL);

        assertThat(CompatibilityLevel.BACKWARD.incompatibilities(ADDS_REQUIRED, history)).isEmpty();
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.incompatibilities(ADDS_REQUIRED, history))
                .isNotEmpty();
        assertThat(CompatibilityLevel.FULL.incompatibilities(ADDS_REQUIRED, history)).isEmpty();
        assertThat(CompatibilityLevel.FULL_TRANSITIVE.incompatibilities(ADDS_REQUIRED, history))
                .isNotEmpty();
        assertThat(CompatibilityLevel.FORWARD_TRANSITIVE.incompatibilities(ADDS_REQUIRED, history))
                .isEmpty();
        // Old readers of ID_ONLY and ADDS_OPTIONAL need "id", which DROPS_ID no longer writes.
        assertThat(CompatibilityLevel.FORWARD.incompatibilities(DROPS_ID, history)).isNotEmpty();
    }

    @Test
    void noneAcceptsAnything() {
        assertThat(CompatibilityLevel.NONE.incompatibilities(DROPS_ID, List.of(ADDS_REQUIRED)))
                .isEmpty();
    }

    @Test
    void parsingIsCaseInsensitiveAndListsTheLevelsOnError() {
        assertThat(CompatibilityLevel.parse("full_transitive"))
                .isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThatThrownBy(() -> CompatibilityLevel.parse("SOMETIMES"))
                .hasMessageContaining("SOMETIMES")
                .hasMessageContaining("BACKWARD_TRANSITIVE");
    }
}
