package glocal.stream.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * Gathers configuration values from their sources in rising precedence (a properties file, {@code
 * GLOCAL_*} environment variables, command-line flags), remembers where each came from, and builds
 * the validated {@link GlocalStreamsConfig}. An unknown {@code glocal.*} key is an error that names
 * it, where it came from and the closest known key. Keys outside {@code glocal.*} are kept as they
 * are (no Glocal component reads them).
 */
public final class ConfigLoader {

    /**
     * {@code GLOCAL_*} variables that are not configuration keys: the {@code glocal} launcher's
     * own.
     */
    static final Set<String> LAUNCHER_VARIABLES = Set.of("GLOCAL_JAVA_OPTS");

    private static final String PREFIX = "glocal.";

    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, String> origins = new HashMap<>();

    /**
     * Reads a properties file; null reads nothing. A missing or unreadable file is a one-line error
     * naming it.
     */
    public ConfigLoader file(Path file) {
        if (file == null) {
            return this;
        }
        Properties fromFile = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            fromFile.load(in);
        } catch (NoSuchFileException e) {
            throw fileError(file, "does not exist");
        } catch (AccessDeniedException e) {
            throw fileError(file, "cannot be read (permission denied)");
        } catch (IOException e) {
            throw fileError(
                    file,
                    Files.isDirectory(file)
                            ? "is a directory"
                            : "cannot be read (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw fileError(file, "is not a properties file (" + e.getMessage() + ")");
        }
        fromFile.forEach((k, v) -> set((String) k, v, "config file " + file));
        return this;
    }

    private static ConfigException fileError(Path file, String what) {
        return new ConfigException(
                "config file "
                        + file
                        + " "
                        + what
                        + " (--config): give the path of a properties file of glocal.* keys, e.g. glocal.batch.size=512");
    }

    /**
     * Every {@code GLOCAL_*} variable but the launcher's: {@code GLOCAL_BATCH_SIZE} sets {@code
     * glocal.batch.size}.
     */
    public ConfigLoader environment(Map<String, String> env) {
        env.forEach(
                (name, value) -> {
                    if (name.startsWith(GlocalStreamsConfig.ENV_PREFIX)
                            && !LAUNCHER_VARIABLES.contains(name)) {
                        set(
                                GlocalStreamsConfig.envToKey(name),
                                value,
                                "environment variable " + name);
                    }
                });
        return this;
    }

    /**
     * Sets {@code key}, overriding what earlier sources gave it; {@code origin} is for messages,
     * e.g. "--set".
     */
    public ConfigLoader set(String key, Object value, String origin) {
        values.put(key, value);
        origins.put(key, origin);
        return this;
    }

    /**
     * Checks that every {@code glocal.*} key is a known one, then builds and validates the
     * configuration.
     */
    public GlocalStreamsConfig load() {
        Set<String> known = GlocalStreamsConfig.configDef().names();
        for (String key : values.keySet()) {
            if (key.startsWith(PREFIX) && !known.contains(key)) {
                throw unknownKey(key);
            }
        }
        return new GlocalStreamsConfig(values);
    }

    private ConfigException unknownKey(String key) {
        String closest = closest(key);
        String origin = origins.get(key);
        String suggestion =
                origin.startsWith("environment")
                        ? closest + " (" + GlocalStreamsConfig.keyToEnv(closest) + ")"
                        : closest;
        return new ConfigException(
                "unknown configuration key "
                        + key
                        + " (from "
                        + origin
                        + "): did you mean "
                        + suggestion
                        + "? ./glocal config --markdown lists every key");
    }

    /** The known key nearest to {@code key} by edit distance (the first declared on a tie). */
    static String closest(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : GlocalStreamsConfig.configDef().configKeys().keySet()) {
            int distance = editDistance(key, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /**
     * Levenshtein distance: insertions, deletions and substitutions of one character each cost 1.
     */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
