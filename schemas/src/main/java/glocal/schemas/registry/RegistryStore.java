package glocal.schemas.registry;

import glocal.schemas.registry.RegistryEvent.CompatibilitySet;
import glocal.schemas.registry.RegistryEvent.SchemaRegistered;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The state of one registry: global schema ids, subjects with their versions, compatibility config.
 * Behaves as Confluent's registry does: ids are assigned incrementally from 1, the same schema text
 * under several subjects shares one id, re-registering a schema already in a subject returns its id
 * without a compatibility check, and a new schema is checked against the subject's level (BACKWARD
 * unless configured). Every method is thread-safe; changes go to the journal before they are
 * applied.
 */
public final class RegistryStore {
    private final String url;
    private final RegistryJournal journal;

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<String, List<Integer>> versionIdsBySubject = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int lastId;

    /** A store whose error messages name {@code url} and whose changes go to {@code journal}. */
    public RegistryStore(String url, RegistryJournal journal) {
        this.url = url;
        this.journal = journal;
    }

    /** The URL named in this store's error messages. */
    public String url() {
        return url;
    }

    /** Registers (idempotently) and returns the schema's global id; 409 if incompatible. */
    public synchronized int register(String subject, Schema schema) {
        String text = schema.toString();
        List<Integer> versions = versionIdsBySubject.getOrDefault(subject, List.of());
        Integer known = idsBySchemaText.get(text);
        if (known != null && versions.contains(known)) {
            return known;
        }
        List<Schema> earlier = versions.stream().map(schemasById::get).toList();
        CompatibilityLevel level = compatibility(subject);
        List<String> problems = level.incompatibilities(schema, earlier);
        if (!problems.isEmpty()) {
            throw new IncompatibleSchemaException(
                    url,
                    "Schema being registered is incompatible with an earlier schema for subject \""
                            + subject
                            + "\" in schema registry "
                            + url
                            + " (compatibility "
                            + level
                            + "), details: "
                            + problems
                            + ". Give new fields defaults, or change the subject's level with PUT /config/"
                            + subject);
        }
        int id = known != null ? known : lastId + 1;
        record(new SchemaRegistered(subject, versions.size() + 1, id, text));
        return id;
    }

    /**
     * What would make registering {@code schema} under {@code subject} fail the subject's
     * compatibility level: checked against the versions the level names (an unknown subject accepts
     * anything), or against one version when {@code version} is given (40401 / 40402 if it does not
     * exist).
     */
    public synchronized List<String> compatibilityProblems(
            String subject, Schema schema, Integer version) {
        CompatibilityLevel level = compatibility(subject);
        if (version == null) {
            List<Schema> earlier =
                    versionIdsBySubject.getOrDefault(subject, List.of()).stream()
                            .map(schemasById::get)
                            .toList();
            return level.incompatibilities(schema, earlier);
        }
        return level.incompatibilities(schema, List.of(getVersion(subject, version).schema()));
    }

    /** The schema with that id; 40403 if none. */
    public synchronized Schema getById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw SchemaNotFoundException.forId(url, id);
        }
        return schema;
    }

    /** The subject's version numbers, ascending; 40401 if the subject is unknown. */
    public synchronized List<Integer> getVersions(String subject) {
        int count = versionsOf(subject).size();
        List<Integer> numbers = new ArrayList<>(count);
        for (int v = 1; v <= count; v++) {
            numbers.add(v);
        }
        return numbers;
    }

    public synchronized SchemaVersion getLatest(String subject) {
        List<Integer> versions = versionsOf(subject);
        return version(subject, versions.size(), versions.get(versions.size() - 1));
    }

    public synchronized SchemaVersion getVersion(String subject, int version) {
        List<Integer> versions = versionsOf(subject);
        if (version < 1 || version > versions.size()) {
            throw new VersionNotFoundException(url, subject, Integer.toString(version));
        }
        return version(subject, version, versions.get(version - 1));
    }

    /** The version of {@code subject} holding exactly this schema; 40401 / 40403 if none. */
    public synchronized SchemaVersion lookup(String subject, Schema schema) {
        List<Integer> versions = versionsOf(subject);
        Integer id = idsBySchemaText.get(schema.toString());
        int index = id == null ? -1 : versions.indexOf(id);
        if (index < 0) {
            throw SchemaNotFoundException.forSubject(url, subject);
        }
        return version(subject, index + 1, id);
    }

    /** Every subject with at least one version, sorted. */
    public synchronized List<String> subjects() {
        return List.copyOf(versionIdsBySubject.keySet());
    }

    /** The level applied to new schemas in the subject: its own, else the global one. */
    public synchronized CompatibilityLevel compatibility(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    /** The subject's own level, if one was set. */
    public synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    public synchronized CompatibilityLevel globalCompatibility() {
        return globalLevel;
    }

    /** Sets the level of one subject, or the global level when {@code subject} is null. */
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        record(new CompatibilitySet(subject, level));
    }

    /** Closes the journal; the store must not be changed afterwards. */
    public synchronized void closeJournal() {
        journal.close();
    }

    /** Applies a change read back from a journal (replay at start); does not journal it again. */
    public synchronized void replay(RegistryEvent event) {
        apply(event);
    }

    private void record(RegistryEvent event) {
        try {
            journal.append(event);
        } catch (RuntimeException e) {
            throw new RegistryStoreException(
                    url,
                    "schema registry "
                            + url
                            + " could not store "
                            + event
                            + ": "
                            + e.getMessage()
                            + "; check the registry's data directory (disk full, permissions)",
                    e);
        }
        apply(event);
    }

    private void apply(RegistryEvent event) {
        if (event instanceof SchemaRegistered registered) {
            List<Integer> versions =
                    versionIdsBySubject.computeIfAbsent(
                            registered.subject(), s -> new ArrayList<>());
            if (registered.version() != versions.size() + 1) {
                throw new IllegalStateException(
                        "registry "
                                + url
                                + " event out of order: version "
                                + registered.version()
                                + " of subject '"
                                + registered.subject()
                                + "' after "
                                + versions.size()
                                + " versions");
            }
            Schema schema =
                    schemasById.computeIfAbsent(
                            registered.id(), id -> new Schema.Parser().parse(registered.schema()));
            idsBySchemaText.putIfAbsent(schema.toString(), registered.id());
            versions.add(registered.id());
            lastId = Math.max(lastId, registered.id());
        } else if (event instanceof CompatibilitySet set) {
            if (set.subject() == null) {
                globalLevel = set.level();
            } else {
                subjectLevels.put(set.subject(), set.level());
            }
        }
    }

    private List<Integer> versionsOf(String subject) {
        List<Integer> versions = versionIdsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SubjectNotFoundException(url, subject);
        }
        return versions;
    }

    private SchemaVersion version(String subject, int version, int id) {
        return new SchemaVersion(subject, version, id, schemasById.get(id));
    }
}
