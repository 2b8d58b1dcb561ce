package glocal.stream.produce;

import glocal.model.data.TitleInfo;
import glocal.model.data.View;
import glocal.model.data.ViewType;
import glocal.schemas.avro.EventType;
import glocal.schemas.avro.Title;
import glocal.schemas.avro.ViewEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts model-core's in-memory records to the Avro records on the wire and back. model-core
 * knows no Avro or Kafka, so the mapping lives on the stream side.
 */
public final class AvroMapper {

    private AvroMapper() {}

    /**
     * A view as a {@link ViewEvent}; an impression carries no watch ratio (null), a play its ratio.
     */
    public static ViewEvent toAvro(View view) {
        return ViewEvent.newBuilder()
                .setEventId(view.eventId())
                .setUserId(view.userId())
                .setTitleId(view.titleId())
                .setTerritory(view.territory())
                .setEventTime(Instant.ofEpochMilli(view.eventTimeMs()))
                .setEventType(view.isPlay() ? EventType.PLAY : EventType.IMPRESSION)
                .setWatchRatio(view.isPlay() ? view.watchRatio() : null)
                .setFinished(view.finished())
                .setSkipped(view.skipped())
                .setDevice(null)
                .build();
    }

    /** The inverse of {@link #toAvro(View)}: a missing watch ratio reads as 0. */
    public static View fromAvro(ViewEvent event) {
        Float ratio = event.getWatchRatio();
        return new View(
                event.getEventId(),
                event.getUserId(),
                event.getTitleId(),
                event.getTerritory(),
                event.getEventTime().toEpochMilli(),
                event.getEventType() == EventType.PLAY ? ViewType.PLAY : ViewType.IMPRESSION,
                ratio == null ? 0f : ratio,
                event.getFinished(),
                event.getSkipped());
    }

    public static Title toAvro(TitleInfo title) {
        List<Float> embedding = null;
        if (title.hasContentEmbedding()) {
            float[] values = title.contentEmbedding();
            embedding = new ArrayList<>(values.length);
            for (float v : values) {
                embedding.add(v);
            }
        }
        return Title.newBuilder()
                .setTitleId(title.titleId())
                .setOriginTerritory(title.originTerritory())
                .setGenres(new ArrayList<>(title.genres()))
                .setContentEmbedding(embedding)
                .build();
    }

    public static TitleInfo fromAvro(Title title) {
        List<Float> embedding = title.getContentEmbedding();
        float[] values = null;
        if (embedding != null) {
            values = new float[embedding.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = embedding.get(i);
            }
        }
        return new TitleInfo(
                title.getTitleId(), title.getOriginTerritory(), title.getGenres(), values);
    }
}
