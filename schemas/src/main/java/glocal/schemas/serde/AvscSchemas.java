package glocal.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The schema of a generated class exactly as its {@code .avsc} file in {@code
 * schemas/src/main/avro} says, read from the copy that ships next to the class. This is what Glocal
 * registers. The class's own schema differs in text: the code generator adds {@code
 * "avro.java.string":"String"} to every string, so registering it would make a producer that
 * registers the file (Python, Node, a REST call) create a second version of the subject. Both
 * describe the same bytes, so records written with the class decode with the file's schema and back
 * (the same choice as Confluent's {@code avro.remove.java.properties=true}).
 */
public final class AvscSchemas {
    private static final Map<Class<?>, Schema> CACHE = new ConcurrentHashMap<>();

    private AvscSchemas() {}

    /**
     * The schema of {@code type}'s {@code .avsc} file; fails if the file is missing or describes
     * other data.
     */
    public static Schema of(Class<? extends SpecificRecord> type) {
        return CACHE.computeIfAbsent(type, AvscSchemas::load);
    }

    /** The resource name of {@code type}'s file, next to the class: {@code <SimpleName>.avsc}. */
    static String fileName(Class<?> type) {
        return type.getSimpleName() + ".avsc";
    }

    private static Schema load(Class<?> type) {
        Schema generated = SpecificData.getForClass(type).getSchema(type);
        Schema file;
        try (InputStream in = type.getResourceAsStream(fileName(type))) {
            if (in == null) {
                throw new IllegalStateException(
                        "no "
                                + fileName(type)
                                + " next to "
                                + type.getName()
                                + " on the classpath: the schemas jar ships every file of schemas/src/main/avro; was it built without them?");
            }
            file = new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not read " + fileName(type) + " of " + type.getName(), e);
        }
        if (SchemaNormalization.parsingFingerprint64(file)
                != SchemaNormalization.parsingFingerprint64(generated)) {
            throw new IllegalStateException(
                    fileName(type)
                            + " does not describe the same data as the generated "
                            + type.getName()
                            + ": rebuild the schemas module so the class is generated from the file");
        }
        return file;
    }
}
