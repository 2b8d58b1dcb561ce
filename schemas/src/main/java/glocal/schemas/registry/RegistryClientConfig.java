package glocal.schemas.registry;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * How the REST client talks to a registry. Keys, when read from a map, follow Confluent's client
 * names where one exists ({@code basic.auth.user.info}).
 *
 * @param connectTimeout time to open the TCP connection
 * @param requestTimeout time to wait for a whole answer
 * @param maxRetries extra attempts after a 5xx answer or an I/O error (0 = one attempt only)
 * @param retryBackoff wait before the first retry; doubles each retry up to {@code maxRetryBackoff}
 * @param maxRetryBackoff longest wait between retries
 * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or null for none
 */
public record RegistryClientConfig(
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRetries,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        String basicAuthUserInfo) {

    public static final String CONNECT_TIMEOUT_MS_CONFIG = "schema.registry.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS_CONFIG = "schema.registry.request.timeout.ms";
    public static final String MAX_RETRIES_CONFIG = "schema.registry.max.retries";
    public static final String RETRY_BACKOFF_MS_CONFIG = "schema.registry.retry.backoff.ms";
    public static final String MAX_RETRY_BACKOFF_MS_CONFIG = "schema.registry.retry.backoff.max.ms";
    public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";

    public RegistryClientConfig {
        requirePositive(connectTimeout, CONNECT_TIMEOUT_MS_CONFIG);
        requirePositive(requestTimeout, REQUEST_TIMEOUT_MS_CONFIG);
        requirePositive(retryBackoff, RETRY_BACKOFF_MS_CONFIG);
        requirePositive(maxRetryBackoff, MAX_RETRY_BACKOFF_MS_CONFIG);
        if (maxRetries < 0) {
            throw new IllegalArgumentException(
                    MAX_RETRIES_CONFIG + " must be >= 0, was " + maxRetries);
        }
        if (basicAuthUserInfo != null && !basicAuthUserInfo.contains(":")) {
            throw new IllegalArgumentException(
                    BASIC_AUTH_USER_INFO_CONFIG + " must be user:password (the value has no ':')");
        }
    }

    /** 5 s connect, 30 s request, 3 retries from 100 ms doubling to 2 s, no auth. */
    public static RegistryClientConfig defaults() {
        return new RegistryClientConfig(
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                3,
                Duration.ofMillis(100),
                Duration.ofSeconds(2),
                null);
    }

    /**
     * Reads the keys above from a map (e.g. a properties file); absent keys keep their defaults.
     */
    public static RegistryClientConfig fromMap(Map<String, ?> values) {
        RegistryClientConfig d = defaults();
        return new RegistryClientConfig(
                millis(values, CONNECT_TIMEOUT_MS_CONFIG, d.connectTimeout),
                millis(values, REQUEST_TIMEOUT_MS_CONFIG, d.requestTimeout),
                (int) number(values, MAX_RETRIES_CONFIG, d.maxRetries),
                millis(values, RETRY_BACKOFF_MS_CONFIG, d.retryBackoff),
                millis(values, MAX_RETRY_BACKOFF_MS_CONFIG, d.maxRetryBackoff),
                Optional.ofNullable(values.get(BASIC_AUTH_USER_INFO_CONFIG))
                        .map(Object::toString)
                        .filter(s -> !s.isBlank())
                        .orElse(null));
    }

    public RegistryClientConfig withRequestTimeout(Duration timeout) {
        return new RegistryClientConfig(
                connectTimeout,
                timeout,
                maxRetries,
                retryBackoff,
                maxRetryBackoff,
                basicAuthUserInfo);
    }

    public RegistryClientConfig withRetries(int retries, Duration backoff) {
        return new RegistryClientConfig(
                connectTimeout,
                requestTimeout,
                retries,
                backoff,
                maxRetryBackoff,
                basicAuthUserInfo);
    }

    public RegistryClientConfig withBasicAuth(String userInfo) {
        return new RegistryClientConfig(
                connectTimeout,
                requestTimeout,
                maxRetries,
                retryBackoff,
                maxRetryBackoff,
                userInfo);
    }

    /** The wait before retry number {@code retry} (1-based): doubling from retryBackoff, capped. */
    public Duration backoffBefore(int retry) {
        long millis = retryBackoff.toMillis() << Math.min(retry - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxRetryBackoff.toMillis()));
    }

    @Override
    public String toString() {
        // Never print the password.
        return "RegistryClientConfig[connectTimeout="
                + connectTimeout
                + ", requestTimeout="
                + requestTimeout
                + ", maxRetries="
                + maxRetries
                + ", retryBackoff="
                + retryBackoff
                + ", maxRetryBackoff="
                + maxRetryBackoff
                + ", basicAuth="
                + (basicAuthUserInfo == null
                        ? "none"
                        : basicAuthUserInfo.substring(0, basicAuthUserInfo.indexOf(':')) + ":***")
                + "]";
    }

    private static void requirePositive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, was " + d);
        }
    }

    private static Duration millis(Map<String, ?> values, String key, Duration fallback) {
        return Duration.ofMillis(number(values, key, fallback.toMillis()));
    }

    /** {@code key} read by Kafka's parser; absent: {@code fallback}. */
    private static long number(Map<String, ?> values, String key, long fallback) {
        Object raw = values.get(key);
        return raw == null ? fallback : (Long) ConfigDef.parseType(key, raw, Type.LONG);
    }
}
