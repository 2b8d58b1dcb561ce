package glocal.schemas.serde;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.TerritoryGroups;
import glocal.schemas.avro.Title;
import glocal.schemas.avro.TitleEmbedding;
import glocal.schemas.avro.TrainingBatch;
import glocal.schemas.avro.TrainingMetric;
import glocal.schemas.avro.UserEmbedding;
import glocal.schemas.avro.UserWeight;
import glocal.schemas.avro.ViewEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** One filled-in instance of every generated record type, with fixed values. */
public final class RecordSamples {
    static final Instant AT = Instant.ofEpochMilli(1_700_000_000_000L);

    private RecordSamples() {}

    static ViewEvent viewEvent() {
        return ViewEvent.newBuilder()
                .setEventId("e-1")
                .setUserId("u-7")
                .setTitleId("t-42")
                .setTerritory("BR")
                .setEventTime(AT)
                .setEventType(EventType.PLAY)
                .setWatchRatio(0.75f)
                .setFinished(false)
                .setSkipped(true)
                .setDevice(null)
                .build();
    }

    /** One record of every generated type that Glocal writes to a topic. */
    public static List<SpecificRecord> everyType() {
        return List.of(
                viewEvent(),
                Title.newBuilder()
                        .setTitleId("t-42")
                        .setOriginTerritory("KR")
                        .setGenres(List.of("drama", "thriller"))
                        .setContentEmbedding(List.of(0.5f, -1.25f))
                        .build(),
                TitleEmbedding.newBuilder()
                        .setTitleId("t-42")
                        .setVector(List.of(0.1f, 0.2f, 0.3f))
                        .setModelVersion(17L)
                        .setUpdatedAt(AT)
                        .setTitleClass("LOCAL:KR")
                        .build(),
                UserEmbedding.newBuilder()
                        .setUserId("u-7")
                        .setTerritoryGroup("g2")
                        .setVector(List.of(1f, 2f))
                        .setModelVersion(17L)
                        .setUpdatedAt(AT)
                        .setActivityGroup("high")
                        .build(),
                UserWeight.newBuilder()
                        .setUserId("u-7")
                        .setWeight(1.5f)
                        .setWindow(3L)
                        .setUpdatedAt(AT)
                        .build(),
                TrainingMetric.newBuilder()
                        .setName("pr_auc")
                        .setValue(0.61)
                        .setModel("mtl")
                        .setTerritoryGroup("g1")
                        .setActivityGroup(null)
                        .setUserGroup("niche")
                        .setStep(100L)
                        .setExamples(4096L)
                        .setTimestamp(AT)
                        .build(),
                TrainingBatch.newBuilder()
                        .setBatchId("t0-3-12")
                        .setSize(2)
                        .setGroupingVersion(1)
                        .setCreatedAt(AT)
                        .setUserIds(List.of("u-1", "u-2"))
                        .setTitleIds(List.of("t-1", "t-2"))
                        .setTerritories(List.of("BR", "KR"))
                        .setTerritoryGroups(ints(0, 1))
                        .setActivityGroups(ints(2, 0))
                        .setExampleKinds(ints(0, 2))
                        .setSampleSources(ints(0, 1))
                        .setPlay(floats(1f, 0f))
                        .setFinished(floats(1f, 0f))
                        .setSkipped(floats(0f, 0f))
                        .setWatchRatio(floats(0.9f, 0f))
                        .setWeights(floats(1f, 1.2f))
                        .setEventTimes(longs(1L, 2L))
                        .setApplicationId("glocal-streams")
                        .build(),
                TerritoryGroups.newBuilder()
                        .setVersion(7)
                        .setGroupCount(2)
                        .setGroups(java.util.Map.of("BR", 0, "KR", 1))
                        .setComputedAt(AT)
                        .build());
    }

    private static ByteBuffer ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.flip();
    }

    private static ByteBuffer floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.flip();
    }

    private static ByteBuffer longs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.flip();
    }
}
