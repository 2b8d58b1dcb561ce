package glocal.stream.query;

import static glocal.stream.config.GlocalStreamsConfig.QUERY_PORT_CONFIG;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import glocal.model.labelling.ActivityPolicy;
import glocal.model.labelling.UserActivity;
import glocal.stream.activity.ActivityProcessor;
import glocal.stream.startup.StartupException;
import glocal.stream.territory.TerritoryCountProcessor;
import glocal.stream.territory.TerritoryPopularity;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 *       queries above add the partial counts of every instance, since counts are kept per
 *       partition.
 * </ul>
 *
 * <p>This instance is the one whose {@code application.server} Kafka Streams' metadata names,
 * compared exactly as advertised, so it never forwards a request to itself. A request another
 * instance forwarded ({@link PeerClient#FORWARDED_BY}) is never forwarded again: when the two
 * disagree about the owner (a rebalance in flight), the answer is 503 and the client retries.
 * Requests run on a few handler threads, and every call to another instance is bounded by {@code
 * glocal.query.forward.timeout.ms}: an instance that does not answer gets a 503 naming it.
 */
public final class QueryServer implements AutoCloseable {

    /** Handler threads: a request waiting on another instance does not hold up the others. */
    static final int HANDLER_THREADS = 4;

    private static final int QUEUED_REQUESTS = 64;

    private static final Logger log = LoggerFactory.getLogger(QueryServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Another instance's {@code /local/counts}: territory to title to count. */
    private static final JavaType COUNTS =
            JSON.getTypeFactory()
                    .constructMapType(
                            HashMap.class,
                            JSON.getTypeFactory().constructType(String.class),
                            JSON.getTypeFactory()
                                    .constructMapType(HashMap.class, String.class, Long.class));

    private final KafkaStreams streams;
    private final QuerySettings settings;
    private final HostInfo self;
    private final HttpServer server;
    private final ThreadPoolExecutor handlers;
    private final PeerClient peers;

    /**
     * @param server bound but not started
     * @param advertised this instance's {@code application.server}, exactly as given to Kafka
     *     Streams
     */
    public QueryServer(
            HttpServer server, HostInfo advertised, KafkaStreams streams, QuerySettings settings) {
        this.streams = streams;
        this.settings = settings;
        this.server = server;
        this.self = advertised;
        this.peers = new PeerClient(advertised, settings.forwardTimeout());
        AtomicInteger threadNumber = new AtomicInteger();
        // Past the queue the dispatcher thread runs the request itself: it stops accepting until
        // then.
        this.handlers =
                new ThreadPoolExecutor(
                        HANDLER_THREADS,
                        HANDLER_THREADS,
                        0,
                        TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(QUEUED_REQUESTS),
                        r -> {
                            Thread t =
                                    new Thread(r, "glocal-query-" + threadNumber.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        },
                        new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
    }

    /**
     * Binds the HTTP port now, so the streams client can advertise it before it starts.
     *
     * @throws StartupException when the port is taken, naming it and {@code glocal.query.port}
     */
    public static HttpServer bind(String host, int port) {
        try {
            return HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw StartupException.cannotBind(
                    "the query endpoint", host, port, StartupException.setBy(QUERY_PORT_CONFIG), e);
        }
    }

    public void start() {
        server.start();
        log.info(
                "query endpoint on http://{}:{} (advertised as {})",
                server.getAddress().getHostString(),
                server.getAddress().getPort(),
                PeerClient.address(self));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            route(ex);
        } catch (PeerUnavailableException e) {
            send(ex, 503, obj("error", e.getMessage(), "instance", e.peer()));
        } catch (InvalidStateStoreException e) {
            send(
                    ex,
                    503,
                    Map.of(
                            "error",
                            "state stores not queryable yet (" + e.getMessage() + "); retry"));
        } catch (NumberFormatException e) {
            send(ex, 400, Map.of("error", "bad number: " + e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("query {} failed", ex.getRequestURI(), e);
            send(ex, 500, Map.of("error", "query failed: " + e));
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex) throws IOException, PeerUnavailableException {
        String[] parts = ex.getRequestURI().getPath().split("/");
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        if (parts.length == 3 && parts[1].equals("users")) {
            user(ex, decode(parts[2]), query);
        } else if (parts.length == 4 && parts[1].equals("territories") && parts[3].equals("top")) {
            int k =
                    query.containsKey("k")
                            ? Integer.parseInt(query.get("k"))
                            : settings.defaultTopK();
            send(
                    ex,
                    200,
                    obj(
                            "territory",
                            decode(parts[2]),
                            "top",
                            popularity().topK(decode(parts[2]), k)));
        } else if (parts.length == 4
                && parts[1].equals("titles")
                && parts[3].equals("popularity")) {
            String title = decode(parts[2]);
            TerritoryPopularity p = popularity();
            send(
                    ex,
                    200,
                    obj(
                            "titleId",
                            title,
                            "byTerritory",
                            new TreeMap<>(p.byTerritoryOf(title)),
                            "total",
                            p.globalCount(title),
                            "class",
                            p.titleClass(title, settings.localShare(), settings.globalTopK())));
        } else if (parts.length == 3 && parts[1].equals("local") && parts[2].equals("counts")) {
            send(ex, 200, localPopularity().byTerritory());
        } else {
            send(
                    ex,
                    404,
                    Map.of(
                            "error",
                            "unknown path "
                                    + ex.getRequestURI().getPath()
                                    + "; try /users/{id}, /territories/{code}/top, /titles/{id}/popularity"));
        }
    }

    private void user(HttpExchange ex, String userId, Map<String, String> query)
            throws IOException, PeerUnavailableException {
        KeyQueryMetadata meta =
                streams.queryMetadataForKey(
                        ActivityProcessor.STORE, userId, Serdes.String().serializer());
        HostInfo owner = meta.activeHost();
        if (owner != null && owner.port() > 0 && !owner.equals(self)) {
            String forwardedBy = ex.getRequestHeaders().getFirst(PeerClient.FORWARDED_BY);
            if (forwardedBy != null) {
                send(
                        ex,
                        503,
                        obj(
                                "error",
                                "instance "
                                        + forwardedBy
                                        + " forwarded user "
                                        + userId
                                        + " here, but "
                                        + PeerClient.address(self)
                                        + " sees it hosted by "
                                        + PeerClient.address(owner)
                                        + " (the instances disagree while partitions move); retry",
                                "instance",
                                PeerClient.address(self)));
                return;
            }
            PeerClient.Answer answer = peers.get(owner, ex.getRequestURI().toString());
            sendRaw(ex, answer.status(), answer.body());
            return;
        }
        ReadOnlyKeyValueStore<String, UserActivity> store =
                streams.store(
                        StoreQueryParameters.fromNameAndType(
                                ActivityProcessor.STORE, QueryableStoreTypes.keyValueStore()));
        UserActivity a = store.get(userId);
        if (a == null) {
            send(ex, 404, Map.of("error", "no plays seen for user " + userId));
            return;
        }
        ActivityPolicy activity = settings.activity();
        long asOf = query.containsKey("asOf") ? Long.parseLong(query.get("asOf")) : a.lastSeen();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", userId);
        out.put("totalViews", a.totalViews());
        out.put("windowViews", activity.windowViews(a, asOf));
        out.put("active", activity.isActive(a, asOf));
        out.put("activityGroup", activity.group(a, asOf).name().toLowerCase(java.util.Locale.ROOT));
        out.put("homeTerritory", a.homeTerritory());
        out.put("firstSeen", a.firstSeen());
        out.put("lastSeen", a.lastSeen());
        out.put("asOf", asOf);
        out.put("recentTitles", a.recentTitles());
        send(ex, 200, out);
    }

    /** Local counts plus every other instance's, fetched over HTTP. */
    private TerritoryPopularity popularity() throws IOException, PeerUnavailableException {
        TerritoryPopularity sum = localPopularity();
        for (StreamsMetadata m :
                streams.streamsMetadataForStore(TerritoryCountProcessor.TERRITORY_TITLE_STORE)) {
            HostInfo peer = m.hostInfo();
            if (!peer.equals(self) && peer.port() > 0) {
                PeerClient.Answer answer = peers.get(peer, "/local/counts");
                if (answer.status() != 200) {
                    throw new PeerUnavailableException(
                            peer,
                            "instance "
                                    + PeerClient.address(peer)
                                    + " answered "
                                    + answer.status()
                                    + " to GET /local/counts: "
                                    + answer.body(),
                            null);
                }
                Map<String, Map<String, Long>> remote = JSON.readValue(answer.body(), COUNTS);
                sum = sum.plus(new TerritoryPopularity(remote));
            }
        }
        return sum;
    }

    private TerritoryPopularity localPopularity() {
        ReadOnlyWindowStore<String, Long> store =
                streams.store(
                        StoreQueryParameters.fromNameAndType(
                                TerritoryCountProcessor.TERRITORY_TITLE_STORE,
                                QueryableStoreTypes.windowStore()));
        try (KeyValueIterator<Windowed<String>, Long> it = store.all()) {
            return TerritoryPopularity.fromWindows(it);
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

    /**
     * Stops serving and the handler threads (a request waiting on another instance is interrupted).
     */
    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
