package glocal.stream.app;

import static glocal.stream.config.GlocalStreamsConfig.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import glocal.schemas.registry.MockSchemaRegistry;
import glocal.stream.GlocalMetrics;
import glocal.stream.Topics;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.serde.GlocalSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.core.ConditionTimeoutException;

/** Stream-side instances on the embedded broker for end-to-end tests, and their query endpoint. */
public final class TestApps {

    private TestApps() {}

    /**
     * The keys every instance of a test needs: broker, in-process registry scope, application id,
     * state dir, free query port. The query host stays the default, as README's commands run it.
     */
    public static Map<String, Object> props(
            EmbeddedKafkaBroker broker, String registryScope, String applicationId, Path stateDir) {
        Map<String, Object> props = new HashMap<>();
        props.put(BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(SCHEMA_REGISTRY_URL_CONFIG, MockSchemaRegistry.SCHEME + registryScope);
        props.put(APPLICATION_ID_CONFIG, applicationId);
        props.put(STATE_DIR_CONFIG, stateDir.toString());
        props.put(QUERY_PORT_CONFIG, 0);
        return props;
    }

    /**
     * An instance that joins its group quickly after another one stops: Kafka Streams does not
     * leave the group on close, so a next instance with another state directory (another instance
     * id) gets the partitions once the previous one's session expires (45 s by default; 6 s, the
     * broker's minimum, here).
     */
    public static GlocalStreamsApp app(
            Map<String, Object> props, EmbeddedKafkaBroker broker, GlocalSerdes serdes)
            throws Exception {
        Map<String, Object> quick = new HashMap<>(props);
        quick.putIfAbsent(SESSION_TIMEOUT_MS_CONFIG, 6000);
        Properties overrides = new Properties();
        overrides.put(
                StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "1000");
        return new GlocalStreamsApp(
                new GlocalStreamsConfig(quick),
                broker.bootstrapServers(),
                serdes,
                new GlocalMetrics(new SimpleMeterRegistry()),
                overrides);
    }

    /** Waits until the group settled with both instances RUNNING and one views partition each. */
    public static void awaitOneViewsPartitionEach(KafkaStreams a, KafkaStreams b)
            throws InterruptedException {
        await("the two instances settled on one views partition each")
                .atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100)) // polling the group's assignment
                .until(
                        () ->
                                a.state() == KafkaStreams.State.RUNNING
                                        && b.state() == KafkaStreams.State.RUNNING
                                        && viewsPartitions(a) == 1
                                        && viewsPartitions(b) == 1);
    }

    private static long viewsPartitions(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream()
                .flatMap(t -> t.activeTasks().stream())
                .flatMap(t -> t.topicPartitions().stream())
                .filter(tp -> tp.topic().equals(Topics.VIEWS))
                .count();
    }

    /** GETs {@code path} from the query endpoint on {@code port}, asserting a 200. */
    public static String httpGet(int port, String path) throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + port + path))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        return r.body();
    }

    /**
     * GETs {@code path} every 200 ms until a 200 whose body passes {@code done} (the stores answer
     * from the last commit); each request bounded by {@code requestTimeout}.
     */
    public static String awaitOk(
            int port, String path, Predicate<String> done, Duration atMost, Duration requestTimeout)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(requestTimeout)
                        .build();
        AtomicReference<String> last = new AtomicReference<>("");
        try {
            return await(path + " answered as expected")
                    .atMost(atMost)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200)) // polling until the views are committed
                    .until(
                            () -> {
                                try {
                                    HttpResponse<String> r =
                                            http.send(
                                                    request, HttpResponse.BodyHandlers.ofString());
                                    last.set(r.statusCode() + " " + r.body());
                                    return r.statusCode() == 200 && done.test(r.body())
                                            ? r.body()
                                            : null;
                                } catch (HttpTimeoutException e) {
                                    last.set("no answer within " + requestTimeout);
                                    return null;
                                }
                            },
                            Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(path + " never answered as expected; last: " + last.get(), e);
        }
    }
}
