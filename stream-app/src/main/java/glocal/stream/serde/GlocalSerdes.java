package glocal.stream.serde;

import glocal.schemas.avro.TerritoryGroups;
import glocal.schemas.avro.Title;
import glocal.schemas.avro.TitleEmbedding;
import glocal.schemas.avro.TrainingBatch;
import glocal.schemas.avro.TrainingMetric;
import glocal.schemas.avro.UserEmbedding;
import glocal.schemas.avro.UserWeight;
import glocal.schemas.avro.ViewEvent;
import glocal.schemas.registry.SchemaRegistryClient;
import glocal.schemas.registry.SchemaRegistryClients;
import glocal.schemas.serde.AvroSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every serde the topology uses, in one place. Record values on Glocal's topics are Avro in the
 * Confluent wire format; keys are plain strings. Serdes are created once and shared, so schema ids
 * are looked up once per schema, not per record.
 */
public final class GlocalSerdes {

    /** Creates a value serde for one generated Avro class. */
    public interface AvroSerdeFactory {
        <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type);
    }

    private final Serde<ViewEvent> viewEvent;
    private final Serde<Title> title;
    private final Serde<TrainingBatch> trainingBatch;
    private final Serde<UserWeight> userWeight;
    private final Serde<UserEmbedding> userEmbedding;
    private final Serde<TitleEmbedding> titleEmbedding;
    private final Serde<TrainingMetric> trainingMetric;
    private final Serde<TerritoryGroups> territoryGroups;

    public GlocalSerdes(AvroSerdeFactory factory) {
        this.viewEvent = factory.valueSerde(ViewEvent.class);
        this.title = factory.valueSerde(Title.class);
        this.trainingBatch = factory.valueSerde(TrainingBatch.class);
        this.userWeight = factory.valueSerde(UserWeight.class);
        this.userEmbedding = factory.valueSerde(UserEmbedding.class);
        this.titleEmbedding = factory.valueSerde(TitleEmbedding.class);
        this.trainingMetric = factory.valueSerde(TrainingMetric.class);
        this.territoryGroups = factory.valueSerde(TerritoryGroups.class);
    }

    /** Serdes in Confluent's wire format against {@code registry}. */
    public static GlocalSerdes forRegistry(SchemaRegistryClient registry) {
        return new GlocalSerdes(
                new AvroSerdeFactory() {
                    @Override
                    public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
                        return AvroSerdes.specific(type, registry, false);
                    }
                });
    }

    /** Serdes against the registry at {@code url} ({@code mock://<scope>} is in-process). */
    public static GlocalSerdes forUrl(String url) {
        return forRegistry(SchemaRegistryClients.create(url));
    }

    public Serde<String> key() {
        return Serdes.String();
    }

    public Serde<byte[]> bytes() {
        return Serdes.ByteArray();
    }

    public Serde<ViewEvent> viewEvent() {
        return viewEvent;
    }

    public Serde<Title> title() {
        return title;
    }

    public Serde<TrainingBatch> trainingBatch() {
        return trainingBatch;
    }

    public Serde<UserWeight> userWeight() {
        return userWeight;
    }

    public Serde<UserEmbedding> userEmbedding() {
        return userEmbedding;
    }

    public Serde<TitleEmbedding> titleEmbedding() {
        return titleEmbedding;
    }

    public Serde<TrainingMetric> trainingMetric() {
        return trainingMetric;
    }

    public Serde<TerritoryGroups> territoryGroups() {
        return territoryGroups;
    }
}
