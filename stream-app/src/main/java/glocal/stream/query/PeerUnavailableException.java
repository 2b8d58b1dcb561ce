package glocal.stream.query;

import org.apache.kafka.streams.state.HostInfo;

/** Another instance's query endpoint did not answer (in time, or at all); the message names it. */
final class PeerUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    private final HostInfo peer;

    PeerUnavailableException(HostInfo peer, String message, Throwable cause) {
        super(message, cause);
        this.peer = peer;
    }

    /** The instance, as {@code host:port} of its advertised {@code application.server}. */
    String peer() {
        return PeerClient.address(peer);
    }
}
