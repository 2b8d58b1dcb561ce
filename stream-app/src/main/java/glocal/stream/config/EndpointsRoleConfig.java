package glocal.stream.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The keys of where Glocal meets the outside: the Kafka broker and the schema registry it uses or
 * embeds, the HTTP query endpoint, the metrics endpoint and the start-up checks. See {@link
 * StreamRoleConfig} for how the roles compose.
 */
public interface EndpointsRoleConfig {

    String BOOTSTRAP_SERVERS_CONFIG = "glocal.bootstrap.servers";
    String BOOTSTRAP_SERVERS_DOC =
            "Kafka bootstrap servers. Empty: start an embedded KRaft broker in process.";
    String SCHEMA_REGISTRY_URL_CONFIG = "glocal.schema.registry.url";
    String SCHEMA_REGISTRY_URL_DOC =
            "Schema registry URL; mock://<scope> is the in-process registry.";
    String QUERY_HOST_CONFIG = "glocal.query.host";
    String QUERY_HOST_DOC =
            "Host name of the HTTP query endpoint as other instances reach it (advertised as application.server).";
    String QUERY_PORT_CONFIG = "glocal.query.port";
    String QUERY_PORT_DOC = "Port of the HTTP query endpoint; 0 picks a free port.";
    String QUERY_FORWARD_TIMEOUT_MS_CONFIG = "glocal.query.forward.timeout.ms";
    String QUERY_FORWARD_TIMEOUT_MS_DOC =
            "How long an instance waits for another instance's query endpoint (a forwarded user query, or its partial counts) before it answers 503 naming that instance.";
    String STARTUP_CHECK_TIMEOUT_MS_CONFIG = "glocal.startup.check.timeout.ms";
    String STARTUP_CHECK_TIMEOUT_MS_DOC =
            "How long a command waits at start for the Kafka broker (glocal.bootstrap.servers) and an http(s) schema registry to answer before it stops with an error naming the address.";
    String DATA_DIR_CONFIG = "glocal.data.dir";
    String DATA_DIR_DOC =
            "Where the embedded broker and the embedded registry keep their data when no bootstrap servers are given.";
    String REGISTRY_HTTP_PORT_CONFIG = "glocal.registry.http.port";
    String REGISTRY_HTTP_PORT_DOC =
            "Port on 127.0.0.1 where the embedded registry is served over HTTP (Confluent REST subset); 0 picks a free port.";
    String METRICS_PORT_CONFIG = "glocal.metrics.port";
    String METRICS_PORT_DOC =
            "Port of the Prometheus /metrics endpoint; 0 picks a free port, -1 turns it off.";

    /** Declares this role's keys on {@code def}; returns it. */
    static ConfigDef define(ConfigDef def) {
        return def.define(
                        BOOTSTRAP_SERVERS_CONFIG,
                        Type.STRING,
                        "",
                        Importance.HIGH,
                        BOOTSTRAP_SERVERS_DOC)
                .define(
                        SCHEMA_REGISTRY_URL_CONFIG,
                        Type.STRING,
                        "mock://glocal",
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        SCHEMA_REGISTRY_URL_DOC)
                .define(
                        QUERY_HOST_CONFIG,
                        Type.STRING,
                        "localhost",
                        new ConfigDef.NonEmptyString(),
                        Importance.LOW,
                        QUERY_HOST_DOC)
                .define(
                        QUERY_PORT_CONFIG,
                        Type.INT,
                        7070,
                        Range.between(0, 65535),
                        Importance.LOW,
                        QUERY_PORT_DOC)
                .define(
                        QUERY_FORWARD_TIMEOUT_MS_CONFIG,
                        Type.LONG,
                        5_000L,
                        Range.atLeast(1),
                        Importance.LOW,
                        QUERY_FORWARD_TIMEOUT_MS_DOC)
                .define(
                        STARTUP_CHECK_TIMEOUT_MS_CONFIG,
                        Type.LONG,
                        15_000L,
                        Range.atLeast(100),
                        Importance.LOW,
                        STARTUP_CHECK_TIMEOUT_MS_DOC)
                .define(
                        DATA_DIR_CONFIG,
                        Type.STRING,
                        "glocal-data",
                        new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM,
                        DATA_DIR_DOC)
                .define(
                        REGISTRY_HTTP_PORT_CONFIG,
                        Type.INT,
                        0,
                        Range.between(0, 65_535),
                        Importance.LOW,
                        REGISTRY_HTTP_PORT_DOC)
                .define(
                        METRICS_PORT_CONFIG,
                        Type.INT,
                        0,
                        Range.between(-1, 65_535),
                        Importance.LOW,
                        METRICS_PORT_DOC);
    }
}
