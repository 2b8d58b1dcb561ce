package glocal.model.evaluation;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.labelling.LabellingPolicy;
import glocal.model.sampling.UserSampler;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream's user sampling applied offline to the shared training batches. Those keep every user
 * ({@link UserSampler#everyone()}), their sample-source column telling whether the user was active
 * at the view by the stream's activity rule; a row is kept when {@link UserSampler} with these
 * rates keeps it, with the source it gives. So a sampled variant trains on exactly the rows a
 * stream with {@code glocal.sample.random.user.rate} and {@code glocal.sample.active.user.rate} set
 * to these rates would have written. With the active rate 0 this is plain random user sampling, the
 * data reduction that upsampling repairs.
 *
 * @param randomRate p, share of users kept at random
 * @param activeRate share of the remaining active users added (0 = no upsampling)
 */
public record UserSampling(double randomRate, double activeRate, long seed) {

    /** The stream's default rates ({@code glocal.sample.*}), with or without upsampling. */
    public static UserSampling streamDefaults(boolean upsampleActive, long seed) {
        return new UserSampling(
                LabellingPolicy.RANDOM_USER_RATE,
                upsampleActive ? LabellingPolicy.ACTIVE_USER_RATE : 0.0,
                seed);
    }

    public UserSampling {
        new UserSampler(randomRate, activeRate, seed); // validates the rates
    }

    /**
     * The kept rows of each batch under the batch's id, in order; a batch with no kept row is left
     * out.
     */
    public List<ExampleBatch> apply(List<ExampleBatch> batches) {
        UserSampler sampler = new UserSampler(randomRate, activeRate, seed);
        List<ExampleBatch> out = new ArrayList<>(batches.size());
        for (ExampleBatch b : batches) {
            ExampleBatch.Builder kept =
                    ExampleBatch.builder(b.batchId(), b.size())
                            .groupingVersion(b.groupingVersion());
            for (int i = 0; i < b.size(); i++) {
                int source = sampler.resample(b.userIds()[i], b.sampleSources()[i]);
                if (source != UserSampler.DROP) {
                    kept.add(
                            b.userIds()[i],
                            b.titleIds()[i],
                            b.territories()[i],
                            b.territoryGroups()[i],
                            b.activityGroups()[i],
                            ExampleKind.of(b.exampleKinds()[i]),
                            source,
                            b.play()[i],
                            b.finished()[i],
                            b.skipped()[i],
                            b.watchRatio()[i],
                            b.weights()[i],
                            b.eventTimes()[i]);
                }
            }
            if (kept.size() > 0) {
                out.add(kept.build());
            }
        }
        return out;
    }
}
