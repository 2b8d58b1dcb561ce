package glocal.stream.query;

import static glocal.stream.config.GlocalStreamsConfig.*;
import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.ViewEvent;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.stream.GlocalMetrics;
import glocal.stream.Topics;
import glocal.stream.activity.ActivityProcessor;
import glocal.stream.app.GlocalStreamsApp;
import glocal.stream.broker.EmbeddedKafkaBroker;
import glocal.stream.broker.TopicSpec;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.serde.GlocalSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stream-side instances of one application on the embedded broker, one views partition each:
 * a user's state is asked of the instance that does not host the user's partition and comes back
 * forwarded from the one that does, and a territory's top-K adds the partial counts of both.
 */
class QueryAcrossInstancesEndToEndTest {

  private static final String SCOPE = "QueryAcrossInstancesEndToEndTest";
  private static final int USERS = 20;

  @Test
  void eitherInstanceAnswersForUsersAndCountsHeldByTheOther(@TempDir Path dir) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      broker.createTopics(TopicSpec.of(Topics.VIEWS, 2), TopicSpec.of(Topics.VIEWS_DLQ, 2),
          TopicSpec.of(Topics.TRAINING_BATCHES, 1), TopicSpec.compacted(Topics.USER_WEIGHTS, 1),
          TopicSpec.compacted(Topics.TITLES, 1));
      GlocalSerdes serdes = GlocalSerdes.forUrl(MockSchemaRegistry.SCHEME + SCOPE);
      try (GlocalStreamsApp a = app(broker, serdes, dir.resolve("a"));
           GlocalStreamsApp b = app(broker, serdes, dir.resolve("b"))) {
        a.start(Duration.ofSeconds(60));
        b.start(Duration.ofSeconds(60));
        awaitOnePartitionEach(a, b);
        produce(broker, serdes);

        // Every user played t1 in US once and their own title: US/t1 is counted on both instances.
        String top = awaitBody(a, "/territories/US/top?k=1", body -> body.contains("\"count\":" + USERS));
        assertThat(top).isEqualTo("{\"territory\":\"US\",\"top\":[{\"titleId\":\"t1\",\"count\":" + USERS + "}]}");
        assertThat(awaitBody(b, "/titles/t1/popularity", body -> body.contains("\"total\":" + USERS)))
            .contains("\"byTerritory\":{\"US\":" + USERS + "}");

        int remoteUsersAskedOfA = 0;
        for (int u = 0; u < USERS; u++) {
          String user = "u" + u;
          GlocalStreamsApp host = hostOf(a, b, user);
          GlocalStreamsApp other = host == a ? b : a;
          String body = awaitBody(other, "/users/" + user, s -> s.contains("\"totalViews\":2"));
          assertThat(body).contains("\"userId\":\"" + user + "\"").contains("\"recentTitles\":[\"own" + u + "\",\"t1\"]");
          remoteUsersAskedOfA += other == a ? 1 : 0;
        }
        // Both directions of forwarding were exercised: users of each partition were asked of the other instance.
        assertThat(remoteUsersAskedOfA).isBetween(1, USERS - 1);
        assertThat(a.failure()).isNull();
        assertThat(b.failure()).isNull();
      }
    } finally {
      MockSchemaRegistry.dropScope(SCOPE);
    }
  }

  private static GlocalStreamsApp app(EmbeddedKafkaBroker broker, GlocalSerdes serdes, Path stateDir) throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put(BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(SCHEMA_REGISTRY_URL_CONFIG, MockSchemaRegistry.SCHEME + SCOPE);
    props.put(APPLICATION_ID_CONFIG, "glocal-two-instances");
    props.put(STATE_DIR_CONFIG, stateDir.toString());
    props.put(QUERY_PORT_CONFIG, 0);
    props.put(QUERY_HOST_CONFIG, "127.0.0.1");
    props.put(NEGATIVES_PER_POSITIVE_CONFIG, 0);
    Properties overrides = new Properties();
    overrides.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "6000");
    overrides.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "1000");
    return new GlocalStreamsApp(new GlocalStreamsConfig(props), broker.bootstrapServers(), serdes,
        new GlocalMetrics(new SimpleMeterRegistry()), overrides);
  }

  /** Waits until the group settled with both instances RUNNING and a partition each. */
  private static void awaitOnePartitionEach(GlocalStreamsApp a, GlocalStreamsApp b) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      boolean running = a.state() == KafkaStreams.State.RUNNING && b.state() == KafkaStreams.State.RUNNING;
      if (running && partitions(a) == 1 && partitions(b) == 1) {
        return;
      }
      Thread.sleep(100); // polling the group's assignment
    }
    throw new AssertionError("the two instances did not settle on one views partition each within 60 s");
  }

  private static long partitions(GlocalStreamsApp app) {
    return app.streams().metadataForLocalThreads().stream()
        .flatMap(t -> t.activeTasks().stream()).flatMap(t -> t.topicPartitions().stream())
        .filter(tp -> tp.topic().equals(Topics.VIEWS)).count();
  }

  private static GlocalStreamsApp hostOf(GlocalStreamsApp a, GlocalStreamsApp b, String user) {
    HostInfo host = a.streams().queryMetadataForKey(ActivityProcessor.STORE, user, Serdes.String().serializer()).activeHost();
    return host.port() == a.queryPort() ? a : b;
  }

  private static void produce(EmbeddedKafkaBroker broker, GlocalSerdes serdes) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    long now = System.currentTimeMillis();
    try (KafkaProducer<String, ViewEvent> producer =
             new KafkaProducer<>(p, new StringSerializer(), serdes.viewEvent().serializer())) {
      for (int u = 0; u < USERS; u++) {
        for (String title : List.of("t1", "own" + u)) {
          long time = now + u * 10L + (title.equals("t1") ? 0 : 1);
          ViewEvent v = ViewEvent.newBuilder().setEventId("e-" + u + "-" + title).setUserId("u" + u).setTitleId(title)
              .setTerritory("US").setEventTime(Instant.ofEpochMilli(time)).setEventType(EventType.PLAY)
              .setWatchRatio(0.5f).setFinished(false).setSkipped(false).build();
          producer.send(new ProducerRecord<>(Topics.VIEWS, null, time, v.getUserId(), v));
        }
      }
      producer.flush();
    }
  }

  /** GETs {@code path} until a 200 whose body passes {@code done} (the stores answer from the last commit). */
  private static String awaitBody(GlocalStreamsApp app, String path, java.util.function.Predicate<String> done)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.queryPort() + path))
          .build(), HttpResponse.BodyHandlers.ofString());
      last = r.statusCode() + " " + r.body();
      if (r.statusCode() == 200 && done.test(r.body())) {
        return r.body();
      }
      Thread.sleep(200); // polling until the views are committed
    }
    throw new AssertionError(path + " never answered as expected; last: " + last);
  }
}
