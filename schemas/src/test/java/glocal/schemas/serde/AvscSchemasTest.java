package glocal.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class AvscSchemasTest {

    @Test
    void everyWrittenTypeRegistersItsRepositoryFileNotTheGeneratorsText() throws Exception {
        for (SpecificRecord record : RecordSamples.everyType()) {
            Class<? extends SpecificRecord> type = record.getClass();
            Schema file =
                    new Schema.Parser()
                            .parse(
                                    Files.readString(
                                            Path.of("src/main/avro", AvscSchemas.fileName(type))));

            assertThat(AvscSchemas.of(type)).as(type.getSimpleName()).isEqualTo(file);
            assertThat(AvscSchemas.of(type).toString())
                    .isEqualTo(file.toString())
                    .doesNotContain("avro.java.string");
        }
    }
}
