package glocal.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Checks a port option before a command binds it, so a port in use is a usage error naming the
 * option.
 */
final class FreePorts {

    private FreePorts() {}

    /**
     * @param port 0 (a free port, always fine) or the port the option asks for
     * @param usual what usually holds it, for the message, e.g. "another glocal broker?"
     */
    static void require(CommandLine command, String option, String host, int port, String usual) {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(
                    command, option + " must be 0 (a free port) or 1..65535, got " + port);
        }
        if (port != 0 && !canBind(host, port)) {
            throw new ParameterException(
                    command,
                    option
                            + " "
                            + port
                            + ": "
                            + host
                            + ":"
                            + port
                            + " is already in use ("
                            + usual
                            + "); stop it or pass "
                            + option
                            + " 0 for a free port");
        }
    }

    private static boolean canBind(String host, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort() == port;
        } catch (IOException inUse) {
            return false;
        }
    }
}
