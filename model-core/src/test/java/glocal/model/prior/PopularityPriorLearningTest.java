package glocal.model.prior;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.evaluation.MetricRow;
import glocal.model.evaluation.TinyWorldRuns;
import glocal.model.evaluation.reference.References;
import glocal.model.train.EarlierDefaults;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The popularity prior with the log-Q-corrected in-batch softmax against the earlier default (mtl,
 * pointwise BCE, no prior), against the same softmax without the prior, and against the catalogue's
 * and the territory's most-played lists, on a small world where territory taste matters (the tiny
 * strongLocalTaste catalogue, 3,000 users with about 10 views each), NDCG@20 of the held-out plays
 * of a time split.
 */
class PopularityPriorLearningTest {

    private static final long SEED = 3;
    static final String EARLIER = "mtl" + EarlierDefaults.VARIANT;
    static final String SOFTMAX = "mtl:model.popularity.prior=false";

    /** The default: softmax-logq with the prior. */
    static final String PRIOR = "mtl";

    @Test
    void priorRanksHeldOutPlaysBetterThanTheEarlierDefaultTheLossAloneAndTheCatalogueList() {
        List<MetricRow> rows =
                TinyWorldRuns.run(
                        List.of(EARLIER, SOFTMAX, PRIOR),
                        List.of(References.MOST_POPULAR, References.MOST_POPULAR_TERRITORY),
                        SEED);
        double before = TinyWorldRuns.ndcg(rows, EARLIER);
        double prior = TinyWorldRuns.ndcg(rows, PRIOR);
        double catalogueList = TinyWorldRuns.ndcg(rows, References.MOST_POPULAR);
        double territoryList = TinyWorldRuns.ndcg(rows, References.MOST_POPULAR_TERRITORY);
        // Measured (seed 3, 30,000 views, the defaults of 2026-12-04): earlier default 0.052,
        // softmax-logq alone 0.239, prior (the default) 0.3185, most-popular 0.2605,
        // most-popular-territory 0.3262.
        System.out.printf(
                "earlier %.4f softmax %.4f prior %.4f most-popular %.4f most-popular-territory %.4f%n",
                before, TinyWorldRuns.ndcg(rows, SOFTMAX), prior, catalogueList, territoryList);
        assertThat(prior).as("prior vs the earlier default").isGreaterThan(2 * before);
        assertThat(prior).as("prior vs most-popular").isGreaterThan(1.1 * catalogueList);
        // It does not beat the territory's list here (nor on XMarket); it must come within 10% of
        // it.
        assertThat(prior).as("prior vs most-popular-territory").isGreaterThan(0.9 * territoryList);
    }
}
