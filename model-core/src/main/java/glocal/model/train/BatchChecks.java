package glocal.model.train;

import glocal.model.batch.ExampleBatch;

/**
 * What a batch must satisfy before the trainer looks at it: groups within the model's (else the
 * grouping changed without the spec, a configuration error) and finite labels, weights and watch
 * ratios (else the batch is rejected, see {@link StepResult#rejection()}).
 */
final class BatchChecks {

    private BatchChecks() {}

    /** Throws when an example's territory or activity group is beyond the spec's. */
    static void checkGroups(ModelSpec spec, ExampleBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            int tg = batch.territoryGroups()[i];
            int ag = batch.activityGroups()[i];
            if (tg >= spec.territoryGroups() || ag >= spec.activityGroups()) {
                throw new IllegalArgumentException(
                        "batch "
                                + batch.batchId()
                                + ": example "
                                + i
                                + " has territory group "
                                + tg
                                + " / activity group "
                                + ag
                                + " but the model has "
                                + spec.territoryGroups()
                                + " ("
                                + ModelSpec.TERRITORY_GROUPS
                                + ") and "
                                + spec.activityGroups()
                                + " ("
                                + ModelSpec.ACTIVITY_GROUPS
                                + "); was the grouping (version "
                                + batch.groupingVersion()
                                + ") changed without changing the model spec?");
            }
        }
    }

    /**
     * Why the batch cannot be trained on (a label, weight or watch ratio is NaN or infinite), or
     * null.
     */
    static String nonFiniteInput(ExampleBatch batch) {
        String[] names = {"play", "finished", "skipped", "watchRatio", "weights"};
        float[][] columns = {
            batch.play(), batch.finished(), batch.skipped(), batch.watchRatio(), batch.weights()
        };
        for (int c = 0; c < columns.length; c++) {
            for (int i = 0; i < batch.size(); i++) {
                if (!Float.isFinite(columns[c][i])) {
                    return "example " + i + " has " + names[c] + " " + columns[c][i];
                }
            }
        }
        return null;
    }
}
