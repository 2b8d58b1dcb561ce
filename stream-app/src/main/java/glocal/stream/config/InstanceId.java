package glocal.stream.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The {@code group.instance.id} of a stream instance under Kafka's static membership. When none is
 * configured: the application id, the host name and a hash of the absolute state directory. Two
 * instances on one host cannot share a state directory (Kafka Streams locks it), and a restarted
 * instance comes back on its host with its directory, so this names one instance and stays the same
 * across its restarts.
 */
final class InstanceId {

    /**
     * What the broker accepts in a group.instance.id, leaving room for Kafka Streams' "-<thread>"
     * suffix.
     */
    static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]{1,240}");

    private static final Pattern ILLEGAL_CHARACTER = Pattern.compile("[^A-Za-z0-9._-]");

    private InstanceId() {}

    static String derive(String applicationId, String stateDir) {
        String path = Path.of(stateDir).toAbsolutePath().normalize().toString();
        String host = ILLEGAL_CHARACTER.matcher(hostName()).replaceAll("_");
        String id = applicationId + "-" + host + "-" + Integer.toHexString(path.hashCode());
        return id.length() <= 240 ? id : id.substring(id.length() - 240);
    }

    /**
     * Why {@code configured} cannot be a group.instance.id, or null when it can (empty: derived).
     */
    static String problem(String configured) {
        if (configured.isEmpty() || LEGAL.matcher(configured).matches()) {
            return null;
        }
        return "a group.instance.id is 1 to 240 of the characters A-Z a-z 0-9 . _ - (or empty to derive one from the"
                + " host name and the state directory)";
    }

    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost"; // then the state directory alone tells instances apart, as on one
            // machine
        }
    }
}
