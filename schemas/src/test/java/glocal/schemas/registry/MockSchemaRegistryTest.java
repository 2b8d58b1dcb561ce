package glocal.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryTest {
    private static final String SCOPE = MockSchemaRegistryTest.class.getSimpleName();
    private static final Schema V1 =
            SchemaBuilder.record("Thing").namespace("t").fields().requiredString("id").endRecord();
    private static final Schema V2_WITH_DEFAULT =
            SchemaBuilder.record("Thing")
                    .namespace("t")
                    .fields()
                    .requiredString("id")
                    .name("size")
                    .type()
                    .intType()
                    .intDefault(0)
                    .endRecord();
    private static final Schema V2_WITHOUT_DEFAULT =
            SchemaBuilder.record("Thing")
                    .namespace("t")
                    .fields()
                    .requiredString("id")
                    .requiredInt("size")
                    .endRecord();

    private final SchemaRegistryClient client = SchemaRegistryClients.create("mock://" + SCOPE);

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE);
        MockSchemaRegistry.dropScope(SCOPE + "-other");
    }

    @Test
    void idsAreAssignedFromOneAndReRegisteringReturnsTheSameId() {
        assertThat(client.register("a-value", V1)).isEqualTo(1);
        assertThat(client.register("a-value", V1)).isEqualTo(1);
        assertThat(client.register("a-value", V2_WITH_DEFAULT)).isEqualTo(2);
        assertThat(client.getVersions("a-value")).containsExactly(1, 2);
    }

    @Test
    void sameSchemaUnderTwoSubjectsSharesOneId() {
        int first = client.register("a-value", V1);
        int second = client.register("b-value", V1);

        assertThat(second).isEqualTo(first);
        assertThat(client.getLatest("b-value"))
                .isEqualTo(new SchemaVersion("b-value", 1, first, V1));
    }

    @Test
    void versionsAndLatestAndById() {
        client.register("a-value", V1);
        int id2 = client.register("a-value", V2_WITH_DEFAULT);

        assertThat(client.getLatest("a-value"))
                .isEqualTo(new SchemaVersion("a-value", 2, id2, V2_WITH_DEFAULT));
        assertThat(client.getVersion("a-value", 1).schema()).isEqualTo(V1);
        assertThat(client.getById(id2)).isEqualTo(V2_WITH_DEFAULT);
    }

    @Test
    void missingSubjectVersionAndIdHaveTheirErrorCodes() {
        client.register("a-value", V1);

        assertThatThrownBy(() -> client.getVersions("nope-value"))
                .isInstanceOf(SubjectNotFoundException.class)
                .hasMessageContaining("nope-value")
                .hasMessageContaining("mock://" + SCOPE)
                .extracting(e -> ((SchemaRegistryException) e).errorCode())
                .isEqualTo(40401);
        assertThatThrownBy(() -> client.getVersion("a-value", 5))
                .isInstanceOf(VersionNotFoundException.class)
                .extracting(e -> ((SchemaRegistryException) e).errorCode())
                .isEqualTo(40402);
        assertThatThrownBy(() -> client.getById(77))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("schema id 77")
                .extracting(e -> ((SchemaRegistryException) e).errorCode())
                .isEqualTo(40403);
    }

    @Test
    void backwardIncompatibleSchemaIsRejectedWith409() {
        client.register("a-value", V1);

        assertThatThrownBy(() -> client.register("a-value", V2_WITHOUT_DEFAULT))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("a-value")
                .hasMessageContaining("BACKWARD")
                .hasMessageContaining("size")
                .extracting(e -> ((SchemaRegistryException) e).errorCode())
                .isEqualTo(409);
        assertThat(client.getVersions("a-value")).containsExactly(1);
    }

    @Test
    void compatibilityNoneAcceptsAnyChange() {
        client.register("a-value", V1);
        MockSchemaRegistry.scope(SCOPE).setCompatibility("a-value", CompatibilityLevel.NONE);

        assertThat(client.register("a-value", V2_WITHOUT_DEFAULT)).isEqualTo(2);
    }

    @Test
    void scopesAreSharedByUrlAndIsolatedFromEachOther() {
        int id = client.register("a-value", V1);
        try (SchemaRegistryClient same = SchemaRegistryClients.create("mock://" + SCOPE);
                SchemaRegistryClient other =
                        SchemaRegistryClients.create("mock://" + SCOPE + "-other")) {
            assertThat(same.getById(id)).isEqualTo(V1);
            assertThatThrownBy(() -> other.getById(id)).isInstanceOf(SchemaNotFoundException.class);
        }
    }

    @Test
    void droppedScopeStartsAgainFromIdOne() {
        client.register("a-value", V1);
        client.register("b-value", V2_WITHOUT_DEFAULT);
        MockSchemaRegistry.dropScope(SCOPE);

        try (SchemaRegistryClient fresh = SchemaRegistryClients.create("mock://" + SCOPE)) {
            assertThat(fresh.register("c-value", V2_WITHOUT_DEFAULT)).isEqualTo(1);
        }
    }

    @Test
    void concurrentRegistrationsOfOneSchemaGetOneId() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String subject = "s" + (i % 4) + "-value";
                tasks.add(() -> client.register(subject, V1));
            }
            Set<Integer> ids = new java.util.HashSet<>();
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                ids.add(f.get());
            }
            assertThat(ids).containsExactly(1);
            assertThat(MockSchemaRegistry.scope(SCOPE).subjects())
                    .containsExactly("s0-value", "s1-value", "s2-value", "s3-value");
            assertThat(
                            MockSchemaRegistry.scope(SCOPE).subjects().stream()
                                    .map(s -> client.getVersions(s))
                                    .collect(Collectors.toList()))
                    .allSatisfy(v -> assertThat(v).containsExactly(1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void urlWithoutScopeOrWithUnknownSchemeIsRejectedWithAHint() {
        assertThatThrownBy(() -> SchemaRegistryClients.create("mock://"))
                .hasMessageContaining("mock://glocal");
        assertThatThrownBy(() -> SchemaRegistryClients.create("ftp://x"))
                .hasMessageContaining("ftp://x")
                .hasMessageContaining("http(s)://");
        assertThatThrownBy(() -> SchemaRegistryClients.create("http://a:8081,http://b:8081"))
                .hasMessageContaining("single URL");
    }
}
