package glocal.schemas.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process registries behind {@code mock://<scope>} URLs. Every client created for the same
 * scope shares one {@link RegistryStore}, as Confluent's serializers treat {@code mock://} URLs, so
 * a serializer and a deserializer in one JVM agree on ids. Tests use a scope per test class and
 * drop it in teardown so they never share ids.
 */
public final class MockSchemaRegistry {
    public static final String SCHEME = "mock://";

    private static final Map<String, RegistryStore> SCOPES = new ConcurrentHashMap<>();

    private MockSchemaRegistry() {}

    /** The store of the scope, created empty (memory only) on first use. */
    public static RegistryStore scope(String scope) {
        return SCOPES.computeIfAbsent(
                requireScope(scope), s -> new RegistryStore(SCHEME + s, RegistryJournal.IN_MEMORY));
    }

    /**
     * Installs a store for the scope built by the caller (e.g. one reloaded from a data directory).
     * Refuses when the scope already holds a store, because clients may already hold its ids.
     */
    public static RegistryStore install(String scope, RegistryStore store) {
        RegistryStore previous = SCOPES.putIfAbsent(requireScope(scope), store);
        if (previous != null) {
            throw new IllegalStateException(
                    "mock registry scope '"
                            + scope
                            + "' is already in use in this JVM; "
                            + "install its persistent store before any client of "
                            + SCHEME
                            + scope
                            + " is created, or drop the scope first");
        }
        return store;
    }

    /** Forgets the scope's schemas; the next client of the scope starts from id 1. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    /** A client of the scope's store. */
    public static SchemaRegistryClient client(String scope) {
        return new MockSchemaRegistryClient(scope(scope));
    }

    private static String requireScope(String scope) {
        if (scope == null || scope.isBlank()) {
            throw new IllegalArgumentException(
                    "mock registry URL needs a scope name after "
                            + SCHEME
                            + ", e.g. "
                            + SCHEME
                            + "glocal");
        }
        return scope;
    }
}
