package glocal.stream.query;

import static glocal.stream.config.GlocalStreamsConfig.QUERY_FORWARD_TIMEOUT_MS_CONFIG;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * GETs from another instance's query endpoint, the whole answer bounded by one timeout. Each
 * request says which instance sent it ({@link #FORWARDED_BY}), so the receiver never forwards it
 * again.
 */
final class PeerClient {

    /**
     * Header naming the instance that forwarded a request; a request carrying it is answered where
     * it lands.
     */
    static final String FORWARDED_BY = "X-Glocal-Forwarded-By";

    private final HostInfo self;
    private final Duration timeout;
    private final HttpClient http;

    PeerClient(HostInfo self, Duration timeout) {
        this.self = self;
        this.timeout = timeout;
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(timeout)
                        .build();
    }

    /** The peer's answer, whatever its status. */
    record Answer(int status, String body) {}

    Answer get(HostInfo peer, String pathAndQuery) throws PeerUnavailableException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://" + address(peer) + pathAndQuery))
                        .timeout(timeout)
                        .header(FORWARDED_BY, address(self))
                        .GET()
                        .build();
        CompletableFuture<HttpResponse<String>> answer =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            // The request timeout covers the headers only; this bounds the body too.
            HttpResponse<String> response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw unavailable(
                    peer, pathAndQuery, "did not answer within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why =
                    cause instanceof HttpTimeoutException
                            ? "did not answer within " + timeout.toMillis() + " ms"
                            : cause instanceof ConnectException
                                    ? "refused the connection"
                                    : "failed (" + cause + ")";
            throw unavailable(peer, pathAndQuery, why, cause);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable(
                    peer, pathAndQuery, "was still being asked when this instance stopped", e);
        }
    }

    private PeerUnavailableException unavailable(
            HostInfo peer, String pathAndQuery, String why, Throwable cause) {
        return new PeerUnavailableException(
                peer,
                "instance "
                        + address(peer)
                        + " "
                        + why
                        + " to GET "
                        + pathAndQuery
                        + " (forwarded by "
                        + address(self)
                        + ", "
                        + QUERY_FORWARD_TIMEOUT_MS_CONFIG
                        + "="
                        + timeout.toMillis()
                        + "); is it running and reachable at that address?",
                cause);
    }

    static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
