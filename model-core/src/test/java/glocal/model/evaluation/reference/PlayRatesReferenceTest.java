package glocal.model.evaluation.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import glocal.model.data.View;
import glocal.model.data.ViewType;
import glocal.model.evaluation.EvaluationData;
import glocal.model.evaluation.EvaluationProtocol;
import glocal.model.evaluation.Evaluator;
import glocal.model.evaluation.LocalRule;
import glocal.model.evaluation.MetricRow;
import glocal.model.labelling.LabellingPolicy;
import glocal.model.metrics.GroupedBinaryMetrics;
import glocal.model.territory.GroupingStrategy;
import glocal.model.territory.TerritoryGrouping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code play-rates}: smoothed play rates of the training exposures, the test PR-AUC / AUC
 * yardstick.
 */
class PlayRatesReferenceTest {

    private static final long START = 1_700_000_000_000L;
    private static final long DAY = 86_400_000L;

    private static View view(String user, String title, boolean play, long time) {
        return new View(
                user + "/" + title + "/" + time,
                user,
                title,
                "AA",
                time,
                play ? ViewType.PLAY : ViewType.IMPRESSION,
                play ? 1f : 0f,
                play,
                false);
    }

    /**
     * Ten "fan" users who play 4 of every 5 titles shown and ten "critic" users who play 1 in 5,
     * over 40 titles of which the even ones are played more; the test period repeats the pattern on
     * titles each user has not been shown. With sampled negatives, as in a stream.
     */
    private static EvaluationData fansAndCritics() {
        List<View> views = new ArrayList<>();
        long t = START;
        for (int round = 0; round < 2; round++) {
            for (int u = 0; u < 20; u++) {
                boolean fan = u < 10;
                for (int k = 0; k < 10; k++) {
                    int title = (u * 7 + round * 10 + k) % 40;
                    boolean liked = title % 2 == 0;
                    boolean play = fan ? (k % 5 != 4) : (k % 5 == 0 && liked);
                    // a day apart: an impression leaves as a negative once its window has passed
                    views.add(view((fan ? "fan" : "critic") + u, "t" + title, play, t));
                    t += DAY;
                }
            }
        }
        return new EvaluationProtocol(0.5, 32, LabellingPolicy.defaults().withSeed(1))
                .split(
                        views,
                        GroupingStrategy.fixed(TerritoryGrouping.of(Map.of("AA", 0), 1)),
                        LocalRule.majority());
    }

    @Test
    void ratesAreTheSmoothedPlayRatesOfTheTrainingExposuresOnly() {
        EvaluationData data = fansAndCritics();
        long plays = 0;
        long exposures = 0;
        long fanPlays = 0;
        long fanExposures = 0;
        for (ExampleBatch b : data.trainBatches()) {
            for (int i = 0; i < b.size(); i++) {
                int kind = b.exampleKinds()[i];
                if (kind == ExampleKind.NEGATIVE.code()) {
                    continue;
                }
                boolean play = kind == ExampleKind.PLAY.code();
                plays += play ? 1 : 0;
                exposures++;
                if (b.userIds()[i].equals("fan0")) {
                    fanPlays += play ? 1 : 0;
                    fanExposures++;
                }
            }
        }
        PlayRatesReference rates = PlayRatesReference.fit(data);
        double p = plays / (double) exposures;
        double a = PlayRatesReference.PRIOR_EXPOSURES;
        assertThat(rates.globalRate()).isCloseTo(p, within(1e-12));
        assertThat(fanExposures).isPositive();
        assertThat(rates.userRate("fan0"))
                .isCloseTo((fanPlays + a * p) / (fanExposures + a), within(1e-12));
        assertThat(rates.userRate("nobody")).isEqualTo(rates.globalRate());
        assertThat(rates.userRate("fan0")).isGreaterThan(rates.userRate("critic15"));
        // the score is sigmoid(logit r_u + logit r_t - logit p): r_t = p leaves the user's rate
        assertThat(rates.score("fan0", "never-seen"))
                .isCloseTo(rates.userRate("fan0"), within(1e-9));
    }

    @Test
    void itRanksTheTestExposuresByEngagementWhereThePopularityListCannot() {
        EvaluationData data = fansAndCritics();
        Evaluator evaluator = new Evaluator(1_000, (m, b) -> {}, (m, d, t) -> {});
        double rates = auc(evaluator, data, References.PLAY_RATES);
        double popular = auc(evaluator, data, References.MOST_POPULAR);
        System.out.printf("test AUC: play-rates %.4f most-popular %.4f%n", rates, popular);
        // Measured: play-rates 0.826, most-popular 0.369 (critics play only the even titles).
        assertThat(rates).isGreaterThan(0.75);
        assertThat(rates).isGreaterThan(popular + 0.3);
    }

    private static double auc(Evaluator evaluator, EvaluationData data, String name) {
        List<MetricRow> rows =
                evaluator.runFitted(
                        data,
                        name,
                        () -> References.fit(name, data, ReferenceConfig.defaults()),
                        1);
        return rows.stream()
                .filter(
                        r ->
                                r.group().equals(GroupedBinaryMetrics.ALL)
                                        && r.metric().equals(Evaluator.TEST_AUC))
                .mapToDouble(MetricRow::value)
                .findFirst()
                .orElseThrow();
    }
}
