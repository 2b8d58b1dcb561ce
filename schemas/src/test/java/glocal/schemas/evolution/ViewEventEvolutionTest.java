package glocal.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.ViewEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/** Data written by producers on the v1 ViewEvent schema must keep reading through the current one. */
class ViewEventEvolutionTest {

  @Test
  void v1ViewEventReadsThroughCurrentSchemaWithDefaults() throws IOException {
    Schema v1;
    try (InputStream in = getClass().getResourceAsStream("/schemas-v1/ViewEvent.avsc")) {
      v1 = new Schema.Parser().parse(in);
    }
    GenericRecord old = new GenericData.Record(v1);
    old.put("eventId", "e-1");
    old.put("userId", "u-7");
    old.put("titleId", "t-42");
    old.put("territory", "BR");
    old.put("eventTime", 1_700_000_000_000L);
    old.put("eventType", new GenericData.EnumSymbol(v1.getField("eventType").schema(), "PLAY"));
    old.put("watchRatio", 0.75f);
    old.put("finished", false);
    old.put("skipped", true);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new GenericDatumWriter<GenericRecord>(v1).write(old, encoder);
    encoder.flush();

    SpecificDatumReader<ViewEvent> reader = new SpecificDatumReader<>(v1, ViewEvent.getClassSchema());
    ViewEvent read = reader.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

    assertThat(read.getEventId()).isEqualTo("e-1");
    assertThat(read.getTerritory()).isEqualTo("BR");
    assertThat(read.getEventType()).isEqualTo(EventType.PLAY);
    assertThat(read.getWatchRatio()).isEqualTo(0.75f);
    assertThat(read.getSkipped()).isTrue();
    assertThat(read.getDevice()).as("field added in v2 takes its default").isNull();
  }
}
