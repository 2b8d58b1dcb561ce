package glocal.model.labelling;

/** User-activity facet; the ordinal is the code written into TrainingBatch.activityGroups. */
public enum ActivityGroup {
    NEW,
    LOW,
    HIGH
}
