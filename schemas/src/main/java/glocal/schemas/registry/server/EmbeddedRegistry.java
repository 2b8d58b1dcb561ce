package glocal.schemas.registry.server;

import glocal.schemas.registry.FileRegistryJournal;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.schemas.registry.RegistryJournal;
import glocal.schemas.registry.RegistryStore;

/**
 * The embedded run's registry: one {@code mock://<scope>} store, used in process by Glocal's serdes
 * and served over HTTP to everything else, so both see the same ids. With a data directory the
 * store is journaled there and reloaded at start. Owns the scope: close stops the server and drops
 * it.
 */
public final class EmbeddedRegistry implements AutoCloseable {
    private final String scope;
    private final RegistryStore store;
    private final RegistryHttpServer server;
    private final boolean persistent;

    private EmbeddedRegistry(
            String scope, RegistryStore store, RegistryHttpServer server, boolean persistent) {
        this.scope = scope;
        this.store = store;
        this.server = server;
        this.persistent = persistent;
    }

    /**
     * Creates the scope's store (reloaded from {@code config.dataDir()} when given), installs it as
     * {@code mock://<scope>} and serves it over HTTP. Fails if the scope is already in use in this
     * JVM.
     */
    public static EmbeddedRegistry start(String scope, RegistryServerConfig config) {
        String mockUrl = MockSchemaRegistry.SCHEME + scope;
        boolean persistent = config.dataDir() != null;
        RegistryStore store =
                persistent
                        ? FileRegistryJournal.openStore(mockUrl, config.dataDir())
                        : new RegistryStore(mockUrl, RegistryJournal.IN_MEMORY);
        try {
            MockSchemaRegistry.install(scope, store);
        } catch (RuntimeException e) {
            store.closeJournal();
            throw e;
        }
        try {
            return new EmbeddedRegistry(
                    scope, store, RegistryHttpServer.start(store, config), persistent);
        } catch (RuntimeException e) {
            MockSchemaRegistry.dropScope(scope);
            store.closeJournal();
            throw e;
        }
    }

    /** The in-process URL for Glocal's own serdes, e.g. {@code mock://glocal}. */
    public String mockUrl() {
        return store.url();
    }

    /** The HTTP URL for outside clients, e.g. {@code http://127.0.0.1:38081}. */
    public String httpUrl() {
        return server.url();
    }

    public boolean persistent() {
        return persistent;
    }

    public RegistryStore store() {
        return store;
    }

    @Override
    public void close() {
        server.close();
        MockSchemaRegistry.dropScope(scope);
        store.closeJournal();
    }
}
