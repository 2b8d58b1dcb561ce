package glocal.stream.state;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A hand-written, versioned binary encoding of an internal store value. Store values never leave
 * the application, so they skip the registry; the leading version byte lets a later release read
 * changelogs written by this one.
 */
public abstract class BinaryCodec<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final int version;

    protected BinaryCodec(int version) {
        this.version = version;
    }

    protected abstract void write(T value, BinaryWriter out);

    protected abstract T read(BinaryReader in);

    /**
     * Reads a value an earlier release wrote with an older {@code version}; by default there is
     * none. A codec that changes its encoding bumps its version and reads the old one here, so
     * changelogs written before an upgrade still restore.
     */
    protected T readOlder(int version, BinaryReader in) {
        return null;
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        BinaryWriter out = new BinaryWriter().writeByte(version);
        write(value, out);
        return out.toByteArray();
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        BinaryReader in = new BinaryReader(bytes);
        int found = in.readByte();
        if (found == version) {
            return read(in);
        }
        T older = found < version && found > 0 ? readOlder(found, in) : null;
        if (older == null) {
            throw new SerializationException(
                    getClass().getSimpleName()
                            + ": store value has version "
                            + found
                            + ", this build reads "
                            + version
                            + "; reset the application's state to rebuild it");
        }
        return older;
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

    @Override
    public void close() {}
}
