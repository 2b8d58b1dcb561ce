package glocal.stream.query;

import static glocal.stream.config.GlocalStreamsConfig.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import glocal.schemas.avro.EventType;
import glocal.schemas.avro.ViewEvent;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.stream.BlackHole;
import glocal.stream.GlocalMetrics;
import glocal.stream.Topics;
import glocal.stream.activity.ActivityProcessor;
import glocal.stream.app.GlocalStreamsApp;
import glocal.stream.app.TestApps;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.serde.GlocalSerdes;
import glocal.stream.topology.GlocalTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query endpoint as README runs it: one instance with the default {@code glocal.query.host}
 * answers every query itself (it used to forward them to itself and hang); an instance that does
 * not answer costs a bounded 503 naming it, not a hung endpoint; a forwarded request is never
 * forwarded again.
 */
class QueryEndpointEndToEndTest {

    private static final String SCOPE = QueryEndpointEndToEndTest.class.getSimpleName();

    /**
     * Bounds every request of the test: a hanging endpoint fails the test instead of stalling it.
     */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedKafkaBroker broker;
    private static GlocalSerdes serdes;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(TopicSpec.glocalTopics(2));
        serdes = GlocalSerdes.forUrl(MockSchemaRegistry.SCHEME + SCOPE);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void aSingleInstanceWithDefaultSettingsAnswersUserTerritoryAndTitleQueries(@TempDir Path dir)
            throws Exception {
        Map<String, Object> props = TestApps.props(broker, SCOPE, "glocal-query-defaults", dir);
        assertThat(props)
                .doesNotContainKey(QUERY_HOST_CONFIG); // the default, as `./glocal streams` runs
        try (GlocalStreamsApp app = TestApps.app(props, broker, serdes)) {
            app.start(Duration.ofSeconds(60));
            produce(
                    view("e1", "u1", "t1", "US", 0),
                    view("e2", "u2", "t1", "US", 1),
                    view("e3", "u2", "t2", "FR", 2));

            assertThat(awaitOk(app, "/users/u2", body -> body.contains("\"totalViews\":2")))
                    .contains("\"userId\":\"u2\"")
                    .contains("\"recentTitles\":[\"t2\",\"t1\"]");
            assertThat(
                            awaitOk(
                                    app,
                                    "/territories/US/top?k=1",
                                    body -> body.contains("\"count\":2")))
                    .isEqualTo("{\"territory\":\"US\",\"top\":[{\"titleId\":\"t1\",\"count\":2}]}");
            assertThat(awaitOk(app, "/titles/t2/popularity", body -> body.contains("\"total\":1")))
                    .contains("\"byTerritory\":{\"FR\":1}");
            assertThat(app.failure()).isNull();
        }
    }

    @Test
    void anInstanceThatNeverAnswersGets503NamingItAndAForwardedRequestIsNotForwardedAgain(
            @TempDir Path dir) throws Exception {
        Map<String, Object> props =
                TestApps.props(broker, SCOPE, "glocal-query-silent-peer", dir.resolve("a"));
        props.put(QUERY_FORWARD_TIMEOUT_MS_CONFIG, 2_000L);
        try (BlackHole hole = new BlackHole();
                GlocalStreamsApp app = TestApps.app(props, broker, serdes);
                KafkaStreams silent = silentPeer(props, dir.resolve("b"), hole.port())) {
            app.start(Duration.ofSeconds(60));
            silent.start();
            TestApps.awaitOneViewsPartitionEach(app.streams(), silent);
            awaitOk(app, "/local/counts", body -> true);
            String silentUser = userHostedAt(app.streams(), hole.port());
            String silentAddress = "127.0.0.1:" + hole.port();

            // The forward waits on the silent instance; another request is answered meanwhile.
            CompletableFuture<HttpResponse<String>> forwarded =
                    HttpClient.newHttpClient()
                            .sendAsync(
                                    request(app.queryPort(), "/users/" + silentUser).build(),
                                    HttpResponse.BodyHandlers.ofString());
            hole.awaitConnections(1, REQUEST_TIMEOUT);
            assertThat(get(app.queryPort(), "/local/counts").statusCode()).isEqualTo(200);
            assertThat(forwarded).as("still waiting on the silent instance").isNotDone();
            HttpResponse<String> timedOut =
                    forwarded.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(timedOut.statusCode()).isEqualTo(503);
            JsonNode error = JSON.readTree(timedOut.body());
            assertThat(error.get("instance").asText()).isEqualTo(silentAddress);
            assertThat(error.get("error").asText())
                    .contains("instance " + silentAddress + " did not answer within 2000 ms");

            // Counts are summed over every instance: the silent one is named too.
            HttpResponse<String> top = get(app.queryPort(), "/territories/US/top");
            assertThat(top.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(top.body()).get("instance").asText()).isEqualTo(silentAddress);

            // A request another instance forwarded here is answered here, never sent on.
            int connectionsBefore = hole.connections();
            HttpResponse<String> loop =
                    HttpClient.newHttpClient()
                            .send(
                                    request(app.queryPort(), "/users/" + silentUser)
                                            .header("X-Glocal-Forwarded-By", "localhost:1")
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(loop.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(loop.body()).get("error").asText())
                    .contains("instance localhost:1 forwarded user " + silentUser + " here")
                    .contains(silentAddress);
            assertThat(hole.connections()).isEqualTo(connectionsBefore);
            assertThat(app.failure()).isNull();
        }
    }

    /**
     * A second instance of the application whose advertised query endpoint accepts connections and
     * never answers.
     */
    private static KafkaStreams silentPeer(Map<String, Object> props, Path stateDir, int port) {
        Map<String, Object> own = new HashMap<>(props);
        own.put(STATE_DIR_CONFIG, stateDir.toString());
        GlocalStreamsConfig config = new GlocalStreamsConfig(own);
        Properties streamsProps = config.streamsProperties(broker.bootstrapServers());
        streamsProps.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + port);
        return new KafkaStreams(
                GlocalTopology.build(config, serdes, new GlocalMetrics(new SimpleMeterRegistry())),
                streamsProps);
    }

    /**
     * A user id whose partition, by the instance's metadata, the instance advertised on {@code
     * port} hosts.
     */
    private static String userHostedAt(KafkaStreams streams, int port) {
        for (int u = 0; u < 100; u++) {
            HostInfo host =
                    streams.queryMetadataForKey(
                                    ActivityProcessor.STORE, "u" + u, Serdes.String().serializer())
                            .activeHost();
            if (host.port() == port) {
                return "u" + u;
            }
        }
        throw new AssertionError("no user of u0..u99 is hosted by the instance on port " + port);
    }

    private static ViewEvent view(
            String eventId, String user, String title, String territory, long offsetMs) {
        return ViewEvent.newBuilder()
                .setEventId(eventId)
                .setUserId(user)
                .setTitleId(title)
                .setTerritory(territory)
                .setEventTime(Instant.ofEpochMilli(System.currentTimeMillis() + offsetMs))
                .setEventType(EventType.PLAY)
                .setWatchRatio(0.5f)
                .setFinished(false)
                .setSkipped(false)
                .build();
    }

    private static void produce(ViewEvent... views) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, ViewEvent> producer =
                new KafkaProducer<>(p, new StringSerializer(), serdes.viewEvent().serializer())) {
            for (ViewEvent v : views) {
                producer.send(
                        new ProducerRecord<>(
                                Topics.VIEWS,
                                null,
                                v.getEventTime().toEpochMilli(),
                                v.getUserId(),
                                v));
            }
            producer.flush();
        }
    }

    /**
     * GETs {@code path} until a 200 whose body passes {@code done}, for up to 30 s; each request
     * bounded by {@link #REQUEST_TIMEOUT}.
     */
    private static String awaitOk(GlocalStreamsApp app, String path, Predicate<String> done)
            throws Exception {
        return TestApps.awaitOk(
                app.queryPort(), path, done, Duration.ofSeconds(30), REQUEST_TIMEOUT);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(request(port, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(REQUEST_TIMEOUT);
    }
}
