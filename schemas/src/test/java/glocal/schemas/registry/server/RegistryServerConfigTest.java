package glocal.schemas.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryServerConfigTest {

    @Test
    void defaultsBindLoopbackOnAFreePortInMemory() {
        RegistryServerConfig config = RegistryServerConfig.fromMap(Map.of());

        assertThat(config).isEqualTo(RegistryServerConfig.defaults());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isZero();
        assertThat(config.dataDir()).isNull();
        assertThat(config.maxRequestBytes()).isEqualTo(1 << 20);
    }

    @Test
    void keysAreRead() {
        RegistryServerConfig config =
                RegistryServerConfig.fromMap(
                        Map.of(
                                RegistryServerConfig.PORT_CONFIG, "18081",
                                RegistryServerConfig.DATA_DIR_CONFIG, "/var/glocal/registry",
                                RegistryServerConfig.MAX_REQUEST_BYTES_CONFIG, "4096",
                                RegistryServerConfig.THREADS_CONFIG, "2"));

        assertThat(config.port()).isEqualTo(18081);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/glocal/registry"));
        assertThat(config.maxRequestBytes()).isEqualTo(4096);
        assertThat(config.threads()).isEqualTo(2);
    }

    @Test
    void portOutOfRangeNamesTheKey() {
        assertThatThrownBy(
                        () ->
                                RegistryServerConfig.fromMap(
                                        Map.of(RegistryServerConfig.PORT_CONFIG, "70000")))
                .hasMessageContaining(RegistryServerConfig.PORT_CONFIG)
                .hasMessageContaining("70000");
    }

    @Test
    void nonNumericPortNamesTheKey() {
        assertThatThrownBy(
                        () ->
                                RegistryServerConfig.fromMap(
                                        Map.of(RegistryServerConfig.PORT_CONFIG, "eighty")))
                .hasMessageContaining(RegistryServerConfig.PORT_CONFIG)
                .hasMessageContaining("eighty");
    }

    @Test
    void tinyBodyLimitNamesTheKey() {
        assertThatThrownBy(
                        () ->
                                RegistryServerConfig.fromMap(
                                        Map.of(
                                                RegistryServerConfig.MAX_REQUEST_BYTES_CONFIG,
                                                "10")))
                .hasMessageContaining(RegistryServerConfig.MAX_REQUEST_BYTES_CONFIG);
    }

    @Test
    void zeroThreadsNamesTheKey() {
        assertThatThrownBy(
                        () ->
                                RegistryServerConfig.fromMap(
                                        Map.of(RegistryServerConfig.THREADS_CONFIG, "0")))
                .hasMessageContaining(RegistryServerConfig.THREADS_CONFIG);
    }

    @Test
    void blankHostNamesTheKey() {
        assertThatThrownBy(
                        () ->
                                RegistryServerConfig.fromMap(
                                        Map.of(RegistryServerConfig.HOST_CONFIG, " ")))
                .hasMessageContaining(RegistryServerConfig.HOST_CONFIG);
    }

    @Test
    void portAlreadyTakenFailsNamingThePortKey() {
        try (EmbeddedRegistry first =
                EmbeddedRegistry.start(
                        "RegistryServerConfigTest-a", RegistryServerConfig.defaults())) {
            int taken =
                    Integer.parseInt(
                            first.httpUrl().substring(first.httpUrl().lastIndexOf(':') + 1));
            assertThatThrownBy(
                            () ->
                                    EmbeddedRegistry.start(
                                            "RegistryServerConfigTest-b",
                                            RegistryServerConfig.defaults().withPort(taken)))
                    .hasMessageContaining(RegistryServerConfig.PORT_CONFIG)
                    .hasMessageContaining(String.valueOf(taken));
            try (EmbeddedRegistry second =
                    EmbeddedRegistry.start(
                            "RegistryServerConfigTest-b", RegistryServerConfig.defaults())) {
                assertThat(second.httpUrl())
                        .as("a failed start leaves the scope free")
                        .isNotEqualTo(first.httpUrl());
            }
        }
    }
}
