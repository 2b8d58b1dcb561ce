package glocal.stream;

import glocal.stream.serde.GlocalSerdes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serdes for topology tests. */
public final class TestSerdes {

  private TestSerdes() {}

  public static GlocalSerdes create(String scope) {
    return new GlocalSerdes(new GlocalSerdes.AvroSerdeFactory() {
      @Override
      public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(type);
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
        return Serdes.serdeFrom(
            (topic, v) -> {
              if (v == null) return null;
              try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
                writer.write(v, enc);
                enc.flush();
                return out.toByteArray();
              } catch (IOException e) {
                throw new SerializationException(e);
              }
            },
            (topic, bytes) -> {
              if (bytes == null) return null;
              try {
                BinaryDecoder dec = DecoderFactory.get().binaryDecoder(bytes, null);
                return reader.read(null, dec);
              } catch (IOException e) {
                throw new SerializationException(e);
              }
            });
      }
    });
  }

  public static void dropScope(String scope) {}
}
