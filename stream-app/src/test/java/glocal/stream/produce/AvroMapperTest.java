package glocal.stream.produce;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.data.TitleInfo;
import glocal.model.data.View;
import glocal.model.data.ViewType;
import glocal.schemas.avro.EventType;
import glocal.schemas.avro.Title;
import glocal.schemas.avro.ViewEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvroMapperTest {

    @Test
    void impressionHasNoWatchRatioOnTheWireAndRoundTrips() {
        View impression = View.impression("e1", "u1", "t1", "FR", 1_767_225_600_123L);

        ViewEvent event = AvroMapper.toAvro(impression);

        assertThat(event.getEventType()).isEqualTo(EventType.IMPRESSION);
        assertThat(event.getWatchRatio()).isNull();
        assertThat(event.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_767_225_600_123L));
        assertThat(AvroMapper.fromAvro(event)).isEqualTo(impression);
    }

    @Test
    void playKeepsWatchRatioFinishedAndSkipped() {
        View play =
                new View(
                        "e2",
                        "u1",
                        "t1",
                        "FR",
                        1_767_225_600_500L,
                        ViewType.PLAY,
                        0.25f,
                        false,
                        true);

        ViewEvent event = AvroMapper.toAvro(play);

        assertThat(event.getEventType()).isEqualTo(EventType.PLAY);
        assertThat(event.getWatchRatio()).isEqualTo(0.25f);
        assertThat(event.getSkipped()).isTrue();
        assertThat(AvroMapper.fromAvro(event)).isEqualTo(play);
    }

    @Test
    void titleWithAndWithoutContentEmbeddingRoundTrips() {
        TitleInfo plain = new TitleInfo("t1", "KR", List.of("drama", "romance"), null);
        TitleInfo embedded = new TitleInfo("t2", "BR", List.of(), new float[] {0.5f, -1f, 2f});

        Title wirePlain = AvroMapper.toAvro(plain);
        Title wireEmbedded = AvroMapper.toAvro(embedded);

        assertThat(wirePlain.getContentEmbedding()).isNull();
        assertThat(wireEmbedded.getContentEmbedding()).containsExactly(0.5f, -1f, 2f);
        assertThat(AvroMapper.fromAvro(wirePlain)).isEqualTo(plain);
        assertThat(AvroMapper.fromAvro(wireEmbedded)).isEqualTo(embedded);
    }
}
