package glocal.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What any Confluent-compatible registry must do for Glocal's REST client. Subclasses start a
 * server (the documented-API fixture, Glocal's own embedded server) and hand back its URL; the same
 * tests run against each.
 */
abstract class RegistryClientContractTest {
    static final Schema V1 =
            SchemaBuilder.record("Thing")
                    .namespace("contract")
                    .fields()
                    .requiredString("id")
                    .endRecord();
    static final Schema V2_WITH_DEFAULT =
            SchemaBuilder.record("Thing")
                    .namespace("contract")
                    .fields()
                    .requiredString("id")
                    .name("size")
                    .type()
                    .intType()
                    .intDefault(0)
                    .endRecord();
    static final Schema V2_WITHOUT_DEFAULT =
            SchemaBuilder.record("Thing")
                    .namespace("contract")
                    .fields()
                    .requiredString("id")
                    .requiredInt("size")
                    .endRecord();

    SchemaRegistryClient client;

    /** Starts the server under test and returns its base URL. */
    abstract String startServer() throws Exception;

    abstract void stopServer() throws Exception;

    RegistryClientConfig clientConfig() {
        return RegistryClientConfig.defaults();
    }

    @BeforeEach
    void connect() throws Exception {
        client = SchemaRegistryClients.create(startServer(), clientConfig());
    }

    @AfterEach
    void disconnect() throws Exception {
        client.close();
        stopServer();
    }

    @Test
    void registerReturnsAnIdThatResolvesToTheSchema() {
        int id = client.register("things-value", V1);

        assertThat(id).isPositive();
        try (SchemaRegistryClient fresh =
                SchemaRegistryClients.create(client.url(), clientConfig())) {
            assertThat(fresh.getById(id)).isEqualTo(V1);
        }
    }

    @Test
    void reRegisteringTheSameSchemaReturnsTheSameIdAndNoNewVersion() {
        int id = client.register("things-value", V1);
        try (SchemaRegistryClient fresh =
                SchemaRegistryClients.create(client.url(), clientConfig())) {
            assertThat(fresh.register("things-value", V1)).isEqualTo(id);
        }
        assertThat(client.getVersions("things-value")).containsExactly(1);
    }

    @Test
    void sameSchemaUnderAnotherSubjectKeepsItsId() {
        int id = client.register("things-value", V1);

        assertThat(client.register("things-key", V1)).isEqualTo(id);
    }

    @Test
    void versionsAndLatestFollowRegistrations() {
        int id1 = client.register("things-value", V1);
        int id2 = client.register("things-value", V2_WITH_DEFAULT);

        assertThat(id2).isNotEqualTo(id1);
        assertThat(client.getVersions("things-value")).containsExactly(1, 2);
        assertThat(client.getLatest("things-value"))
                .isEqualTo(new SchemaVersion("things-value", 2, id2, V2_WITH_DEFAULT));
        assertThat(client.getVersion("things-value", 1))
                .isEqualTo(new SchemaVersion("things-value", 1, id1, V1));
    }

    @Test
    void unknownSubjectIs40401NamingSubjectAndUrl() {
        assertThatThrownBy(() -> client.getLatest("ghost-value"))
                .isInstanceOf(SubjectNotFoundException.class)
                .hasMessageContaining("ghost-value")
                .hasMessageContaining(client.url())
                .extracting(e -> ((SchemaRegistryException) e).errorCode())
                .isEqualTo(40401);
        assertThatThrownBy(() -> client.getVersions("ghost-value"))
                .isInstanceOf(SubjectNotFoundException.class);
    }

    @Test
    void unknownVersionIs40402() {
        client.register("things-value", V1);

        assertThatThrownBy(() -> client.getVersion("things-value", 9))
                .isInstanceOf(VersionNotFoundException.class)
                .extracting(e -> ((SchemaRegistryException) e).errorCode())
                .isEqualTo(40402);
    }

    @Test
    void unknownIdIs40403NamingIdAndUrl() {
        assertThatThrownBy(() -> client.getById(4242))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("4242")
                .hasMessageContaining(client.url())
                .extracting(e -> ((SchemaRegistryException) e).errorCode())
                .isEqualTo(40403);
    }

    @Test
    void backwardIncompatibleChangeIsRejectedWith409() {
        client.register("things-value", V1);

        assertThatThrownBy(() -> client.register("things-value", V2_WITHOUT_DEFAULT))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining(client.url())
                .hasMessageContaining("things-value")
                .extracting(e -> ((SchemaRegistryException) e).errorCode())
                .isEqualTo(409);
        assertThat(client.getVersions("things-value")).containsExactly(1);
    }

    @Test
    void lookupFindsTheVersionHoldingASchemaWithoutRegistering() {
        int id1 = client.register("things-value", V1);
        client.register("things-value", V2_WITH_DEFAULT);

        try (SchemaRegistryClient fresh =
                SchemaRegistryClients.create(client.url(), clientConfig())) {
            assertThat(fresh.lookup("things-value", V1))
                    .isEqualTo(new SchemaVersion("things-value", 1, id1, V1));
            assertThatThrownBy(() -> fresh.lookup("things-value", V2_WITHOUT_DEFAULT))
                    .isInstanceOf(SchemaNotFoundException.class)
                    .hasMessageContaining("things-value");
            assertThatThrownBy(() -> fresh.lookup("ghost-value", V1))
                    .isInstanceOf(SubjectNotFoundException.class);
        }
        assertThat(client.getVersions("things-value")).containsExactly(1, 2);
    }

    @Test
    void subjectNamesAreEscapedInPaths() {
        int id = client.register("odd topic/name-value", V1);

        assertThat(client.getLatest("odd topic/name-value").id()).isEqualTo(id);
    }

    @Test
    void reachableRegistryPassesTheStartupCheck() {
        client.checkReachable();
        assertThat(client.url()).startsWith("http://127.0.0.1:");
    }
}
