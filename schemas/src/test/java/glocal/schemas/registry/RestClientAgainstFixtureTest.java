package glocal.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The REST client against a fixture written from Confluent's API documentation. */
class RestClientAgainstFixtureTest extends RegistryClientContractTest {
    private FakeRegistryHttpFixture fixture;

    @Override
    String startServer() throws IOException {
        fixture = new FakeRegistryHttpFixture();
        return fixture.url();
    }

    @Override
    void stopServer() {
        fixture.close();
    }

    @Override
    RegistryClientConfig clientConfig() {
        return RegistryClientConfig.defaults().withRetries(3, Duration.ofMillis(5));
    }

    @Test
    void serverErrorsAreRetriedUntilSuccess() {
        fixture.failNextRequestsWith500(2);

        int id = client.register("things-value", V1);

        assertThat(id).isEqualTo(1);
        assertThat(fixture.requestCount()).isEqualTo(3);
    }

    @Test
    void rateLimitedCallsAreRetried() {
        fixture.failNextRequests(1, 429);

        assertThat(client.register("things-value", V1)).isEqualTo(1);
        assertThat(fixture.requestCount()).isEqualTo(2);
    }

    @Test
    void clientErrorsAreNotRetried() {
        assertThatThrownBy(() -> client.getById(77)).isInstanceOf(SchemaNotFoundException.class);

        assertThat(fixture.requestCount()).isEqualTo(1);
    }

    @Test
    void serverErrorsBeyondTheRetriesFailNamingUrlAndCode() {
        fixture.failNextRequestsWith500(10);

        assertThatThrownBy(() -> client.register("things-value", V1))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining(fixture.url())
                .hasMessageContaining("50001")
                .hasMessageContaining("4 attempts");
        assertThat(fixture.requestCount()).isEqualTo(4);
    }

    @Test
    void idLookupsAreCachedAfterTheFirstCall() {
        int id = client.register("things-value", V1);
        int before = fixture.requestCount();
        try (SchemaRegistryClient fresh =
                SchemaRegistryClients.create(fixture.url(), clientConfig())) {
            for (int i = 0; i < 10; i++) {
                assertThat(fresh.getById(id)).isEqualTo(V1);
                assertThat(fresh.register("things-value", V1)).isEqualTo(id);
            }
        }
        assertThat(fixture.requestCount() - before).isEqualTo(2);
    }

    @Test
    void basicAuthHeaderIsSentWhenConfigured() {
        client.register("anonymous-value", V1);
        try (SchemaRegistryClient authed =
                SchemaRegistryClients.create(
                        fixture.url(), clientConfig().withBasicAuth("alice:s3cret"))) {
            authed.register("things-value", V1);
        }
        String expected =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(fixture.authorizationHeaders()).containsExactly("", expected);
    }

    @Test
    void serverThatNeverAnswersTimesOutNamingTheUrl() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer silent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService pool = Executors.newCachedThreadPool();
        silent.setExecutor(pool);
        silent.createContext(
                "/",
                exchange -> {
                    try {
                        release.await(
                                30,
                                TimeUnit.SECONDS); // holds the request open: the client must give
                        // up first
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                });
        silent.start();
        String url = "http://127.0.0.1:" + silent.getAddress().getPort();
        try (SchemaRegistryClient impatient =
                SchemaRegistryClients.create(
                        url,
                        RegistryClientConfig.defaults()
                                .withRequestTimeout(Duration.ofMillis(200))
                                .withRetries(1, Duration.ofMillis(5)))) {
            assertThatThrownBy(() -> impatient.getById(1))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining(url)
                    .hasMessageContaining("within 200 ms");
        } finally {
            release.countDown();
            silent.stop(0);
            pool.shutdownNow();
        }
    }

    @Test
    void unreachableRegistryFailsTheStartupCheckNamingTheUrl() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + freePort;
        try (SchemaRegistryClient nobody = SchemaRegistryClients.create(url)) {
            assertThatThrownBy(nobody::checkReachable)
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining(url)
                    .hasMessageContaining("unreachable");
        }
    }
}
