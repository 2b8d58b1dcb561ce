package glocal.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.train.ScoredTitle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void keepsTheKBestBestFirstWithTiesBrokenByTheSmallerId() {
        TopK<ScoredTitle> top = new TopK<>(3, ScoredTitle.BEST_FIRST);
        for (ScoredTitle t :
                List.of(
                        new ScoredTitle("d", 0.5f),
                        new ScoredTitle("a", 0.1f),
                        new ScoredTitle("c", 0.9f),
                        new ScoredTitle("b", 0.5f),
                        new ScoredTitle("e", 0.5f),
                        new ScoredTitle("f", -1f))) {
            top.offer(t);
        }
        assertThat(top.best())
                .containsExactly(
                        new ScoredTitle("c", 0.9f),
                        new ScoredTitle("b", 0.5f),
                        new ScoredTitle("d", 0.5f));
    }

    @Test
    void givesWhatAFullSortGivesWhateverTheOrderOfTheOffers() {
        SplittableRandom random = new SplittableRandom(7);
        List<ScoredTitle> all = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // Few distinct scores: many ties.
            all.add(new ScoredTitle("t" + i, random.nextInt(20) / 4f));
        }
        List<ScoredTitle> sorted = new ArrayList<>(all);
        sorted.sort(ScoredTitle.BEST_FIRST);
        Collections.shuffle(all, new Random(3));
        TopK<ScoredTitle> top = new TopK<>(25, ScoredTitle.BEST_FIRST);
        all.forEach(top::offer);
        assertThat(top.best()).isEqualTo(sorted.subList(0, 25));
    }

    @Test
    void fewerItemsThanKAreAllKeptAndKBelowOneKeepsNone() {
        TopK<ScoredTitle> top = new TopK<>(10, ScoredTitle.BEST_FIRST);
        top.offer(new ScoredTitle("x", 1f));
        top.offer(new ScoredTitle("y", 2f));
        assertThat(top.best()).extracting(ScoredTitle::titleId).containsExactly("y", "x");

        TopK<ScoredTitle> none = new TopK<>(0, ScoredTitle.BEST_FIRST);
        none.offer(new ScoredTitle("x", 1f));
        assertThat(none.best()).isEmpty();
    }
}
