package glocal.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/** A client of an in-process {@link RegistryStore}; created through {@code mock://<scope>}. */
final class MockSchemaRegistryClient implements SchemaRegistryClient {
    private final RegistryStore store;

    MockSchemaRegistryClient(RegistryStore store) {
        this.store = store;
    }

    @Override
    public int register(String subject, Schema schema) {
        return store.register(subject, schema);
    }

    @Override
    public SchemaVersion lookup(String subject, Schema schema) {
        return store.lookup(subject, schema);
    }

    @Override
    public Schema getById(int id) {
        return store.getById(id);
    }

    @Override
    public List<Integer> getVersions(String subject) {
        return store.getVersions(subject);
    }

    @Override
    public SchemaVersion getLatest(String subject) {
        return store.getLatest(subject);
    }

    @Override
    public SchemaVersion getVersion(String subject, int version) {
        return store.getVersion(subject, version);
    }

    @Override
    public void checkReachable() {
        // In-process: always reachable.
    }

    @Override
    public String url() {
        return store.url();
    }

    @Override
    public void close() {
        // The store belongs to the scope, not to this client: other clients keep using it.
    }
}
