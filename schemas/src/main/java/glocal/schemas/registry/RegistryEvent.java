package glocal.schemas.registry;

/**
 * A change to a registry's state. The store applies events, and a persistent store appends the same
 * events to its journal, so replaying the journal rebuilds exactly the ids and versions clients
 * saw.
 */
public sealed interface RegistryEvent {

    /** Version {@code version} of {@code subject} is the schema with global id {@code id}. */
    record SchemaRegistered(String subject, int version, int id, String schema)
            implements RegistryEvent {}

    /** The compatibility level of one subject, or the global level when {@code subject} is null. */
    record CompatibilitySet(String subject, CompatibilityLevel level) implements RegistryEvent {}
}
