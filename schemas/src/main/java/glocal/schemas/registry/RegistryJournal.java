package glocal.schemas.registry;

/** Where a {@link RegistryStore} records its changes so they survive a restart. */
public interface RegistryJournal extends AutoCloseable {

    /** Keeps nothing: the state lives only in memory (the plain {@code mock://} registry). */
    RegistryJournal IN_MEMORY =
            new RegistryJournal() {
                @Override
                public void append(RegistryEvent event) {
                    // Memory-only scopes keep no history by design: they exist for tests and
                    // one-process runs.
                }

                @Override
                public void close() {
                    // Nothing was opened.
                }
            };

    /** Makes the event durable before the store acknowledges the change; throws on I/O failure. */
    void append(RegistryEvent event);

    @Override
    void close();
}
