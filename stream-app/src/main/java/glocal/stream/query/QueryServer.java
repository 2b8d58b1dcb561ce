package glocal.stream.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import glocal.model.labelling.ActivityPolicy;
import glocal.model.labelling.UserActivity;
import glocal.stream.activity.ActivityProcessor;
import glocal.stream.territory.TerritoryCountProcessor;
import glocal.stream.territory.TerritoryPopularity;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP on the streams instance (interactive queries):
 *
 * <ul>
 *   <li>{@code GET /users/{id}[?asOf=ms]}: the user's activity state; served by the instance that
 *       hosts the user's partition (other instances forward the request there).
 *   <li>{@code GET /territories/{code}/top[?k=n]}: a territory's top-K titles.
 *   <li>{@code GET /titles/{id}/popularity}: a title's plays per territory and its class.
 *   <li>{@code GET /local/counts}: this instance's partial (territory, title) counts; the two
 *       queries above add the partial counts of every instance, since counts are kept per partition.
 * </ul>
 */
public final class QueryServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QueryServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaStreams streams;
  private final ActivityPolicy activity;
  private final HostInfo self;
  private final int defaultTopK;
  private final double localShare;
  private final int globalTopK;
  private final HttpServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param server bound but not started; its address is the {@code application.server} the
   *     streams client advertises to the other instances
   */
  public QueryServer(HttpServer server, KafkaStreams streams, ActivityPolicy activity,
      int defaultTopK, double localShare, int globalTopK) {
    this.streams = streams;
    this.activity = activity;
    this.defaultTopK = defaultTopK;
    this.localShare = localShare;
    this.globalTopK = globalTopK;
    this.server = server;
    this.self = new HostInfo(server.getAddress().getHostString(), server.getAddress().getPort());
    server.createContext("/", this::handle);
  }

  /** Binds the HTTP port now, so the streams client can advertise it before it starts. */
  public static HttpServer bind(String host, int port) throws IOException {
    return HttpServer.create(new InetSocketAddress(host, port), 0);
  }

  public void start() {
    server.start();
    log.info("query endpoint on http://{}:{}", self.host(), self.port());
  }

  public int port() {
    return self.port();
  }

  private void handle(HttpExchange ex) throws IOException {
    String[] parts = ex.getRequestURI().getPath().split("/");
    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
    try {
      if (parts.length == 3 && parts[1].equals("users")) {
        user(ex, decode(parts[2]), query);
      } else if (parts.length == 4 && parts[1].equals("territories") && parts[3].equals("top")) {
        int k = query.containsKey("k") ? Integer.parseInt(query.get("k")) : defaultTopK;
        send(ex, 200, obj("territory", decode(parts[2]), "top", popularity().topK(decode(parts[2]), k)));
      } else if (parts.length == 4 && parts[1].equals("titles") && parts[3].equals("popularity")) {
        String title = decode(parts[2]);
        TerritoryPopularity p = popularity();
        send(ex, 200, obj("titleId", title, "byTerritory", new java.util.TreeMap<>(p.byTerritoryOf(title)),
            "total", p.globalCount(title), "class", p.titleClass(title, localShare, globalTopK)));
      } else if (parts.length == 3 && parts[1].equals("local") && parts[2].equals("counts")) {
        send(ex, 200, localPopularity().byTerritory());
      } else {
        send(ex, 404, Map.of("error", "unknown path " + ex.getRequestURI().getPath()
            + "; try /users/{id}, /territories/{code}/top, /titles/{id}/popularity"));
      }
    } catch (InvalidStateStoreException e) {
      send(ex, 503, Map.of("error", "state stores not queryable yet (" + e.getMessage() + "); retry"));
    } catch (NumberFormatException e) {
      send(ex, 400, Map.of("error", "bad number: " + e.getMessage()));
    }
  }

  private void user(HttpExchange ex, String userId, Map<String, String> query) throws IOException {
    KeyQueryMetadata meta = streams.queryMetadataForKey(ActivityProcessor.STORE, userId, Serdes.String().serializer());
    HostInfo owner = meta.activeHost();
    if (owner != null && !owner.equals(self) && owner.port() > 0) {
      String body = get(owner, ex.getRequestURI().toString());
      sendRaw(ex, 200, body);
      return;
    }
    ReadOnlyKeyValueStore<String, UserActivity> store = streams.store(
        StoreQueryParameters.fromNameAndType(ActivityProcessor.STORE, QueryableStoreTypes.keyValueStore()));
    UserActivity a = store.get(userId);
    if (a == null) {
      send(ex, 404, Map.of("error", "no plays seen for user " + userId));
      return;
    }
    long asOf = query.containsKey("asOf") ? Long.parseLong(query.get("asOf")) : a.lastSeen();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("userId", userId);
    out.put("totalViews", a.totalViews());
    out.put("windowViews", activity.windowViews(a, asOf));
    out.put("active", activity.isActive(a, asOf));
    out.put("activityGroup", activity.group(a, asOf).name().toLowerCase());
    out.put("homeTerritory", a.homeTerritory());
    out.put("firstSeen", a.firstSeen());
    out.put("lastSeen", a.lastSeen());
    out.put("asOf", asOf);
    out.put("recentTitles", a.recentTitles());
    send(ex, 200, out);
  }

  /** Local counts plus every other instance's, fetched over HTTP. */
  private TerritoryPopularity popularity() throws IOException {
    TerritoryPopularity sum = localPopularity();
    for (StreamsMetadata m : streams.streamsMetadataForStore(TerritoryCountProcessor.TERRITORY_TITLE_STORE)) {
      if (!m.hostInfo().equals(self) && m.hostInfo().port() > 0) {
        Map<String, Map<String, Long>> remote = JSON.readValue(get(m.hostInfo(), "/local/counts"),
            JSON.getTypeFactory().constructMapType(HashMap.class, JSON.getTypeFactory().constructType(String.class),
                JSON.getTypeFactory().constructMapType(HashMap.class, String.class, Long.class)));
        sum = sum.plus(new TerritoryPopularity(remote));
      }
    }
    return sum;
  }

  private TerritoryPopularity localPopularity() {
    ReadOnlyWindowStore<String, Long> store = streams.store(StoreQueryParameters.fromNameAndType(
        TerritoryCountProcessor.TERRITORY_TITLE_STORE, QueryableStoreTypes.windowStore()));
    try (KeyValueIterator<Windowed<String>, Long> it = store.all()) {
      return TerritoryPopularity.fromWindows(it);
    }
  }

  private String get(HostInfo host, String pathAndQuery) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).GET().build();
    try {
      HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 200) {
        throw new IOException("instance " + host + " answered " + resp.statusCode() + " to " + pathAndQuery + ": " + resp.body());
      }
      return resp.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + host, e);
    }
  }

  private static void send(HttpExchange ex, int status, Object body) throws IOException {
    sendRaw(ex, status, JSON.writeValueAsString(body));
  }

  private static void sendRaw(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A JSON object with fields in the given order. */
  private static Map<String, Object> obj(Object... keyValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      out.put((String) keyValues[i], keyValues[i + 1]);
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw != null) {
      for (String kv : raw.split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          out.put(decode(kv.substring(0, eq)), decode(kv.substring(eq + 1)));
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
