package glocal.schemas.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glocal.schemas.registry.CompatibilityLevel;
import glocal.schemas.registry.FileRegistryJournal;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.registry.SchemaRegistryClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRegistryPersistenceTest {
    private static final String SCOPE = EmbeddedRegistryPersistenceTest.class.getSimpleName();
    private static final Schema A =
            SchemaBuilder.record("A").namespace("p").fields().requiredString("id").endRecord();
    private static final Schema B =
            SchemaBuilder.record("B").namespace("p").fields().requiredLong("n").endRecord();
    private static final Schema A2 =
            SchemaBuilder.record("A")
                    .namespace("p")
                    .fields()
                    .requiredString("id")
                    .name("x")
                    .type()
                    .intType()
                    .intDefault(1)
                    .endRecord();
    private static final Schema C =
            SchemaBuilder.record("C").namespace("p").fields().requiredInt("k").endRecord();

    @TempDir Path dataDir;

    private EmbeddedRegistry start() {
        return EmbeddedRegistry.start(SCOPE, RegistryServerConfig.defaults().withDataDir(dataDir));
    }

    @Test
    void restartWithTheSameDataDirectoryKeepsIdsVersionsAndConfig() {
        int idA;
        int idB;
        int idA2;
        try (EmbeddedRegistry registry = start();
                SchemaRegistryClient http = SchemaRegistryClients.create(registry.httpUrl())) {
            idA = http.register("a-value", A);
            idB = SchemaRegistryClients.create(registry.mockUrl()).register("b-value", B);
            idA2 = http.register("a-value", A2);
            registry.store().setCompatibility("b-value", CompatibilityLevel.NONE);
        }

        try (EmbeddedRegistry registry = start();
                SchemaRegistryClient http = SchemaRegistryClients.create(registry.httpUrl())) {
            assertThat(http.getById(idA)).isEqualTo(A);
            assertThat(http.getById(idB)).isEqualTo(B);
            assertThat(http.getVersions("a-value")).containsExactly(1, 2);
            assertThat(http.getLatest("a-value").id()).isEqualTo(idA2);
            assertThat(http.register("a-value", A))
                    .as("re-registering an old version keeps its id")
                    .isEqualTo(idA);
            assertThat(registry.store().compatibility("b-value"))
                    .isEqualTo(CompatibilityLevel.NONE);
            assertThat(http.register("c-value", C))
                    .as("new ids continue after the last one")
                    .isEqualTo(idA2 + 1);
        }
    }

    @Test
    void tornLastLineFromACrashIsDroppedAndTheRestLoads() throws IOException {
        try (EmbeddedRegistry registry = start()) {
            registry.store().register("a-value", A);
        }
        Path journal = dataDir.resolve(FileRegistryJournal.FILE_NAME);
        Files.writeString(
                journal,
                "{\"type\":\"schema\",\"subj",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        try (EmbeddedRegistry registry = start()) {
            assertThat(registry.store().getById(1)).isEqualTo(A);
            assertThat(registry.store().register("b-value", B)).isEqualTo(2);
        }
        try (EmbeddedRegistry registry = start()) {
            assertThat(registry.store().getById(2)).isEqualTo(B);
        }
    }

    @Test
    void damagedLineInTheMiddleStopsTheStartNamingFileAndLine() throws IOException {
        try (EmbeddedRegistry registry = start()) {
            registry.store().register("a-value", A);
        }
        Path journal = dataDir.resolve(FileRegistryJournal.FILE_NAME);
        String good = Files.readString(journal);
        Files.writeString(journal, "not json\n" + good);

        assertThatThrownBy(this::start)
                .hasMessageContaining(journal.toString())
                .hasMessageContaining("line 1");
    }

    @Test
    void secondRegistryForAScopeInUseIsRefused() {
        try (EmbeddedRegistry registry = start()) {
            assertThatThrownBy(() -> EmbeddedRegistry.start(SCOPE, RegistryServerConfig.defaults()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(SCOPE);
            assertThat(registry.store().subjects()).isEmpty();
        }
    }
}
