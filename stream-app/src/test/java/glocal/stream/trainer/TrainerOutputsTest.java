package glocal.stream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.metrics.GroupedBinaryMetrics.Summary;
import glocal.schemas.registry.MockSchemaRegistry;
import glocal.stream.Topics;
import glocal.stream.serde.GlocalSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the trainer publishes never holds NaN or an infinity; what it withholds is counted. */
class TrainerOutputsTest {

    private static final String SCOPE = TrainerOutputsTest.class.getSimpleName();
    private final GlocalSerdes serdes = GlocalSerdes.forUrl("mock://" + SCOPE);
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final NonFiniteGuard guard = new NonFiniteGuard(meters);
    private final TrainerOutputs outputs = new TrainerOutputs(producer, serdes, guard);

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void nonFiniteWeightsAreWithheldAndCounted() {
        Map<String, Float> changed = new LinkedHashMap<>();
        changed.put("a", Float.NaN);
        changed.put("b", 1.5f);
        changed.put("c", Float.NEGATIVE_INFINITY);
        outputs.publishWeights(changed, 4, Instant.EPOCH);
        outputs.flush();
        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("b");
        assertThat(guard.withheld(NonFiniteGuard.USER_WEIGHT)).isEqualTo(2.0);
        assertThat(
                        meters.get(NonFiniteGuard.WITHHELD)
                                .tag("kind", NonFiniteGuard.USER_WEIGHT)
                                .counter()
                                .count())
                .isEqualTo(2.0);
    }

    @Test
    void metricsWithoutAFiniteValueAreWithheldAndCounted() {
        // a group whose window held one class has no AUC or average precision
        Summary oneClass = new Summary("territoryGroup=G1", 40, 0, Double.NaN, Double.NaN, 0.12);
        Summary healthy = new Summary("all", 400, 100, 0.61, 0.33, 0.52);
        outputs.publishMetrics("mtl", List.of(oneClass, healthy), 0.5f, 7, Instant.EPOCH);
        outputs.flush();
        List<Double> sent =
                producer.history().stream()
                        .map(
                                r ->
                                        serdes.trainingMetric()
                                                .deserializer()
                                                .deserialize(Topics.TRAINING_METRICS, r.value())
                                                .getValue())
                        .toList();
        assertThat(sent).hasSize(5).allMatch(Double::isFinite); // loss + 3 of all + log loss of G1
        assertThat(guard.withheld(NonFiniteGuard.METRIC)).isEqualTo(2.0);
    }
}
