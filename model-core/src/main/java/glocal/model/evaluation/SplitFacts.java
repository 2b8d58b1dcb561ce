package glocal.model.evaluation;

import java.util.Locale;

/**
 * How a split was made and what the views looked like, for the report and its warnings.
 *
 * @param mode time or user-time
 * @param trainFraction share of views (time split) or of each user's views (user-time) trained on
 * @param validation whether this is the validation slice: the training period of the split, split
 *     again the same way (for tuning; the test period is not read)
 * @param localRule the rule that decided which titles are local
 * @param trainEndMs event time of the last training view
 * @param usersWithSeveralViews users with at least two views (over every view of the input)
 * @param contiguousUsers of those, users whose views are one unbroken run in time order: no other
 *     user's view falls between their first and last view
 * @param distinctEventTimes distinct event times over every view
 */
public record SplitFacts(
        SplitMode mode,
        double trainFraction,
        boolean validation,
        String localRule,
        long trainEndMs,
        long usersWithSeveralViews,
        long contiguousUsers,
        long distinctEventTimes) {

    /** One line for the report. */
    public String describe() {
        String cut =
                mode == SplitMode.TIME
                        ? String.format(
                                Locale.ROOT,
                                "the first %.0f%% of views by event time train, the rest test",
                                100 * trainFraction)
                        : String.format(
                                Locale.ROOT,
                                "each user's first %.0f%% of views by event time train, their last %.0f%% test",
                                100 * trainFraction,
                                100 * (1 - trainFraction));
        String slice =
                validation
                        ? "; VALIDATION slice: the training period of that split, split again the same way (the test period is "
                                + "not read)"
                        : "";
        return "split: " + mode.id() + " (" + cut + ")" + slice;
    }

    /**
     * Share of the users with several views whose views are contiguous in time; 0 without such
     * users.
     */
    public double contiguousShare() {
        return usersWithSeveralViews == 0 ? 0 : contiguousUsers / (double) usersWithSeveralViews;
    }
}
