package glocal.stream.chaos;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.schemas.avro.TrainingMetric;
import glocal.stream.Topics;
import glocal.stream.examples.TrainingBatches;
import glocal.stream.serde.GlocalSerdes;
import glocal.stream.validate.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;

/**
 * What Glocal's topics say after a run, read from the topics alone: the PLAY examples of every
 * committed training batch, the dead letters by reason, the trainer's model version, and every
 * number in the output topics that is NaN or infinite.
 */
final class OutputAudit {

    private final TopicReader reader;
    private final GlocalSerdes serdes;

    OutputAudit(TopicReader reader, GlocalSerdes serdes) {
        this.reader = reader;
        this.serdes = serdes;
    }

    /** The committed training batches: how many, and the key of each PLAY example in them. */
    record Batches(long batches, long examples, KeyHashes plays, long nonFinite) {}

    Batches batches() {
        KeyHashes plays = new KeyHashes();
        long[] examples = new long[1];
        long[] nonFinite = new long[1];
        long batches =
                reader.readAll(
                        Topics.TRAINING_BATCHES,
                        r -> {
                            ExampleBatch b =
                                    TrainingBatches.toExampleBatch(
                                            serdes.trainingBatch()
                                                    .deserializer()
                                                    .deserialize(r.topic(), r.value()));
                            examples[0] += b.size();
                            for (int i = 0; i < b.size(); i++) {
                                if (b.exampleKinds()[i] == ExampleKind.PLAY.code()) {
                                    plays.add(
                                            KeyHashes.of(
                                                    b.userIds()[i],
                                                    b.titleIds()[i],
                                                    b.eventTimes()[i]));
                                }
                                for (float v :
                                        new float[] {
                                            b.play()[i],
                                            b.finished()[i],
                                            b.skipped()[i],
                                            b.watchRatio()[i],
                                            b.weights()[i]
                                        }) {
                                    nonFinite[0] += Float.isFinite(v) ? 0 : 1;
                                }
                            }
                        });
        return new Batches(batches, examples[0], plays, nonFinite[0]);
    }

    /** Committed batch count only (cheap enough to poll while the stream side drains). */
    long batchCount() {
        return reader.readAll(Topics.TRAINING_BATCHES, r -> {});
    }

    /** Dead letters by their {@link DeadLetterHeaders#REASON} header. */
    Map<String, Long> deadLetters() {
        Map<String, Long> byReason = new TreeMap<>();
        reader.readAll(
                Topics.VIEWS_DLQ,
                r -> {
                    Header h = r.headers().lastHeader(DeadLetterHeaders.REASON);
                    String reason =
                            h == null
                                    ? "(no reason header)"
                                    : new String(h.value(), StandardCharsets.UTF_8);
                    byReason.merge(reason, 1L, Long::sum);
                });
        return byReason;
    }

    /** The highest step any training-metrics record carries: the trainer's model version. */
    long trainerVersion() {
        long[] max = {0};
        reader.readAll(
                Topics.TRAINING_METRICS,
                r -> {
                    TrainingMetric m =
                            serdes.trainingMetric()
                                    .deserializer()
                                    .deserialize(r.topic(), r.value());
                    max[0] = Math.max(max[0], m.getStep());
                });
        return max[0];
    }

    /** Records in the trainer's output topics holding NaN or an infinity, by topic. */
    Map<String, Long> nonFiniteOutputs() {
        Map<String, Long> out = new TreeMap<>();
        out.put(
                Topics.USER_EMBEDDINGS,
                count(
                        Topics.USER_EMBEDDINGS,
                        v ->
                                anyNonFinite(
                                        serdes.userEmbedding()
                                                .deserializer()
                                                .deserialize(Topics.USER_EMBEDDINGS, v)
                                                .getVector())));
        out.put(
                Topics.TITLE_EMBEDDINGS,
                count(
                        Topics.TITLE_EMBEDDINGS,
                        v ->
                                anyNonFinite(
                                        serdes.titleEmbedding()
                                                .deserializer()
                                                .deserialize(Topics.TITLE_EMBEDDINGS, v)
                                                .getVector())));
        out.put(
                Topics.USER_WEIGHTS,
                count(
                        Topics.USER_WEIGHTS,
                        v ->
                                !Float.isFinite(
                                        serdes.userWeight()
                                                .deserializer()
                                                .deserialize(Topics.USER_WEIGHTS, v)
                                                .getWeight())));
        out.put(
                Topics.TRAINING_METRICS,
                count(
                        Topics.TRAINING_METRICS,
                        v ->
                                !Double.isFinite(
                                        serdes.trainingMetric()
                                                .deserializer()
                                                .deserialize(Topics.TRAINING_METRICS, v)
                                                .getValue())));
        return out;
    }

    /** Records of {@code topic} (tombstones left out) for which {@code bad} holds. */
    private long count(String topic, java.util.function.Predicate<byte[]> bad) {
        long[] n = {0};
        reader.readAll(topic, r -> n[0] += r.value() != null && bad.test(r.value()) ? 1 : 0);
        return n[0];
    }

    private static boolean anyNonFinite(List<Float> vector) {
        for (Float f : vector) {
            if (!Float.isFinite(f)) {
                return true;
            }
        }
        return false;
    }
}
