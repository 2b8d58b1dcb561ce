package glocal.stream.topology;

import static glocal.stream.topology.TopologyFixture.T0;
import static glocal.stream.topology.TopologyFixture.play;
import static glocal.stream.topology.TopologyFixture.view;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.TrainingBatch;
import glocal.schemas.avro.ViewEvent;
import glocal.schemas.serde.UnknownMagicByteException;
import glocal.schemas.serde.UnknownSchemaIdException;
import glocal.stream.GlocalMetrics;
import glocal.stream.Topics;
import glocal.stream.validate.DeadLetterHeaders;
import glocal.stream.validate.ViewValidator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetterTopologyTest {

    private TopologyFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new TopologyFixture(getClass().getSimpleName(), Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private static String header(Headers h, String name) {
        return new String(h.lastHeader(name).value(), UTF_8);
    }

    private byte[] encode(ViewEvent v) {
        return f.serdes.viewEvent().serializer().serialize(Topics.VIEWS, v);
    }

    /** Pipes a view as bytes and returns its dead letter. */
    private TestRecord<byte[], byte[]> rejected(ViewEvent v) {
        byte[] value = encode(v);
        f.rawViews.pipeInput(
                new TestRecord<>("u1".getBytes(UTF_8), value, new RecordHeaders(), T0));
        TestRecord<byte[], byte[]> out = f.dlq.readRecord();
        assertThat(out.key()).isEqualTo("u1".getBytes(UTF_8));
        assertThat(out.value()).isEqualTo(value);
        assertThat(f.dlq.isEmpty()).isTrue();
        return out;
    }

    @Test
    void badMagicByteGoesToDeadLetterWithOriginalBytesAndSourceHeaders() {
        byte[] garbage = {(byte) 0xFF, 1, 2, 3, 4, 5};
        Headers in = new RecordHeaders().add("trace", "abc".getBytes(UTF_8));
        f.rawViews.pipeInput(new TestRecord<>("u1".getBytes(UTF_8), garbage, in, T0));
        TestRecord<byte[], byte[]> out = f.dlq.readRecord();
        assertThat(out.key()).isEqualTo("u1".getBytes(UTF_8));
        assertThat(out.value()).isEqualTo(garbage);
        assertThat(header(out.headers(), "trace")).isEqualTo("abc");
        assertThat(header(out.headers(), DeadLetterHeaders.REASON)).isEqualTo("undecodable");
        assertThat(header(out.headers(), DeadLetterHeaders.ERROR_CLASS))
                .isEqualTo(UnknownMagicByteException.class.getName());
        assertThat(header(out.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("views");
        assertThat(header(out.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(out.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(out.headers().lastHeader(DeadLetterHeaders.MESSAGE)).isNotNull();
    }

    @Test
    void unknownSchemaIdGoesToDeadLetterAsUndecodable() {
        byte[] value = {0, 0, 0, 0x27, 0x0F, 2, 'x'};
        f.rawViews.pipeInput(
                new TestRecord<>("u1".getBytes(UTF_8), value, new RecordHeaders(), T0));
        TestRecord<byte[], byte[]> out = f.dlq.readRecord();
        assertThat(out.value()).isEqualTo(value);
        assertThat(header(out.headers(), DeadLetterHeaders.REASON)).isEqualTo("undecodable");
        assertThat(header(out.headers(), DeadLetterHeaders.ERROR_CLASS))
                .isEqualTo(UnknownSchemaIdException.class.getName());
        assertThat(header(out.headers(), DeadLetterHeaders.MESSAGE)).contains("9999");
    }

    @Test
    void badWatchRatioGoesToDeadLetterWithReason() {
        TestRecord<byte[], byte[]> out =
                rejected(view("e1", "u1", "t1", "US", T0, EventType.PLAY, Float.NaN));
        assertThat(header(out.headers(), DeadLetterHeaders.REASON)).isEqualTo("bad-watch-ratio");
        assertThat(header(out.headers(), DeadLetterHeaders.ERROR_CLASS))
                .isEqualTo(ViewValidator.class.getName());
        assertThat(header(out.headers(), DeadLetterHeaders.MESSAGE)).contains("NaN");
    }

    @Test
    void watchRatioAboveOneGoesToDeadLetter() {
        assertThat(
                        header(
                                rejected(view("e1", "u1", "t1", "US", T0, EventType.PLAY, 1.5f))
                                        .headers(),
                                DeadLetterHeaders.REASON))
                .isEqualTo("bad-watch-ratio");
    }

    @Test
    void missingTitleIdGoesToDeadLetter() {
        assertThat(
                        header(
                                rejected(play("e1", "u1", "", "US", T0)).headers(),
                                DeadLetterHeaders.REASON))
                .isEqualTo("missing-id");
    }

    @Test
    void unknownTerritoryGoesToDeadLetter() {
        assertThat(
                        header(
                                rejected(play("e1", "u1", "t1", "XX", T0)).headers(),
                                DeadLetterHeaders.REASON))
                .isEqualTo("unknown-territory");
    }

    @Test
    void eventTimeFarInTheFutureGoesToDeadLetter() {
        assertThat(
                        header(
                                rejected(play("e1", "u1", "t1", "US", T0 + 3_600_000)).headers(),
                                DeadLetterHeaders.REASON))
                .isEqualTo("event-time-in-future");
    }

    @Test
    void eventTimeTooOldGoesToDeadLetter() {
        assertThat(
                        header(
                                rejected(play("e1", "u1", "t1", "US", T0 - 8 * 86_400_000L))
                                        .headers(),
                                DeadLetterHeaders.REASON))
                .isEqualTo("event-time-too-old");
    }

    @Test
    void goodRecordsAfterABadOneStillFlowAndEachReasonIsCounted() {
        f.rawViews.pipeInput(
                new TestRecord<>(
                        "u1".getBytes(UTF_8),
                        new byte[] {0, 0, 0, 0, 9, 9},
                        new RecordHeaders(),
                        T0));
        f.rawViews.pipeInput(
                new TestRecord<>(
                        "u1".getBytes(UTF_8),
                        encode(play("e0", "u1", "t1", "XX", T0)),
                        new RecordHeaders(),
                        T0));
        f.rawViews.pipeInput(
                new TestRecord<>(
                        "u1".getBytes(UTF_8),
                        encode(play("e1", "u1", "t1", "US", T0)),
                        new RecordHeaders(),
                        T0));
        assertThat(f.dlq.readRecordsToList()).hasSize(2);
        List<TrainingBatch> batches = f.drainBatches();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).getTitleIds()).containsExactly("t1");
        assertThat(f.counter(GlocalMetrics.DLQ_RECORDS, "reason", "undecodable")).isEqualTo(1.0);
        assertThat(f.counter(GlocalMetrics.DLQ_RECORDS, "reason", "unknown-territory"))
                .isEqualTo(1.0);
        assertThat(f.counter(GlocalMetrics.DLQ_RECORDS, "reason", "bad-watch-ratio"))
                .isEqualTo(0.0);
    }

    @Test
    void duplicateEventIdsWithinTheWindowAreDroppedAndCounted() {
        f.pipe(play("e1", "u1", "t1", "US", T0));
        f.pipe(play("e1", "u1", "t1", "US", T0 + 1_000));
        f.pipe(play("e2", "u1", "t2", "US", T0 + 2_000));
        // outside the 60 s window the id may be reused
        f.pipe(play("e1", "u1", "t3", "US", T0 + 120_000));
        assertThat(f.drainBatches())
                .extracting(b -> b.getTitleIds().get(0))
                .containsExactly("t1", "t2", "t3");
        assertThat(f.counter(GlocalMetrics.DUPLICATES, null, null)).isEqualTo(1.0);
        assertThat(f.dlq.isEmpty()).isTrue();
    }
}
