package glocal.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryClientConfigTest {

    @Test
    void keysOverrideDefaults() {
        RegistryClientConfig config =
                RegistryClientConfig.fromMap(
                        Map.of(
                                RegistryClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "250",
                                RegistryClientConfig.MAX_RETRIES_CONFIG, 1,
                                RegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG, "alice:secret"));

        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.maxRetries()).isEqualTo(1);
        assertThat(config.connectTimeout())
                .isEqualTo(RegistryClientConfig.defaults().connectTimeout());
        assertThat(config.toString()).contains("alice:***").doesNotContain("secret");
    }

    @Test
    void nonNumericTimeoutNamesTheKey() {
        assertThatThrownBy(
                        () ->
                                RegistryClientConfig.fromMap(
                                        Map.of(
                                                RegistryClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                                "soon")))
                .hasMessageContaining(RegistryClientConfig.REQUEST_TIMEOUT_MS_CONFIG)
                .hasMessageContaining("soon");
    }

    @Test
    void zeroTimeoutNamesTheKey() {
        assertThatThrownBy(
                        () ->
                                RegistryClientConfig.fromMap(
                                        Map.of(
                                                RegistryClientConfig.CONNECT_TIMEOUT_MS_CONFIG,
                                                "0")))
                .hasMessageContaining(RegistryClientConfig.CONNECT_TIMEOUT_MS_CONFIG);
    }

    @Test
    void negativeRetriesNamesTheKey() {
        assertThatThrownBy(
                        () ->
                                RegistryClientConfig.fromMap(
                                        Map.of(RegistryClientConfig.MAX_RETRIES_CONFIG, "-1")))
                .hasMessageContaining(RegistryClientConfig.MAX_RETRIES_CONFIG);
    }

    @Test
    void userInfoWithoutColonNamesTheKey() {
        assertThatThrownBy(
                        () ->
                                RegistryClientConfig.fromMap(
                                        Map.of(
                                                RegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG,
                                                "alice")))
                .hasMessageContaining(RegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG);
    }

    @Test
    void backoffDoublesUpToTheCap() {
        RegistryClientConfig config = RegistryClientConfig.defaults();
        assertThat(config.backoffBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(config.backoffBefore(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(config.backoffBefore(10)).isEqualTo(Duration.ofSeconds(2));
    }
}
