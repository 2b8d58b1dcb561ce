package glocal.stream.startup;

import glocal.stream.config.GlocalStreamsConfig;
import java.io.IOException;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;

/**
 * Something a command cannot start without is missing: a broker or registry does not answer, a port
 * is taken. The message is one line that names the address or port, the setting that chose it (key,
 * flag, environment variable) and what to check; the command line prints just that line.
 */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Where a value is set, e.g. {@code glocal.query.port / GLOCAL_QUERY_PORT}, or with flags
     * {@code glocal.bootstrap.servers / --bootstrap / GLOCAL_BOOTSTRAP_SERVERS}.
     */
    public static String setBy(String key, String... flags) {
        List<String> names = new ArrayList<>();
        names.add(key);
        names.addAll(List.of(flags));
        names.add(GlocalStreamsConfig.keyToEnv(key));
        return String.join(" / ", names);
    }

    /** A server socket could not be bound: usually the port is taken. */
    public static StartupException cannotBind(
            String what, String host, int port, String setBy, IOException e) {
        if (e instanceof BindException
                && port != 0
                && String.valueOf(e.getMessage()).contains("in use")) {
            return new StartupException(
                    "port "
                            + port
                            + " on "
                            + host
                            + " is already in use, so "
                            + what
                            + " cannot start ("
                            + setBy
                            + "): stop the process that holds it or choose another port (0 picks a free one)",
                    e);
        }
        return new StartupException(
                "cannot bind "
                        + what
                        + " to "
                        + host
                        + ":"
                        + port
                        + " ("
                        + e.getMessage()
                        + ") ("
                        + setBy
                        + "): choose another port (0 picks a free one), or a host name of this machine",
                e);
    }
}
