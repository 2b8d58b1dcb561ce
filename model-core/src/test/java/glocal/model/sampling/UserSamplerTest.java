package glocal.model.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import glocal.model.batch.ExampleBatch;
import org.junit.jupiter.api.Test;

class UserSamplerTest {

    @Test
    void randomAndActiveUserSetsHaveConfiguredRatesAndAreDisjoint() {
        UserSampler sampler = new UserSampler(0.3, 0.5, 7);
        int n = 50_000;
        int random = 0;
        int activeUpsampled = 0;
        for (int i = 0; i < n; i++) {
            String user = "user-" + i;
            int inactive = sampler.source(user, false);
            int active = sampler.source(user, true);
            if (inactive == ExampleBatch.SOURCE_RANDOM) {
                random++;
                assertThat(active).isEqualTo(ExampleBatch.SOURCE_RANDOM);
            } else {
                assertThat(inactive).isEqualTo(UserSampler.DROP);
                if (active == ExampleBatch.SOURCE_ACTIVE) {
                    activeUpsampled++;
                }
            }
        }
        assertThat(random / (double) n).isCloseTo(0.3, within(0.01));
        assertThat(activeUpsampled / (double) (n - random)).isCloseTo(0.5, within(0.01));
    }

    @Test
    void theSameSeedSamplesTheSameUsersAndAnotherSeedOthers() {
        UserSampler a = new UserSampler(0.5, 0.5, 1);
        UserSampler b = new UserSampler(0.5, 0.5, 1);
        UserSampler c = new UserSampler(0.5, 0.5, 2);
        int differs = 0;
        for (int i = 0; i < 1_000; i++) {
            String user = "u" + i;
            assertThat(a.source(user, true)).isEqualTo(b.source(user, true));
            if (a.source(user, true) != c.source(user, true)) {
                differs++;
            }
        }
        assertThat(differs).isGreaterThan(200);
    }

    @Test
    void ratesOutsideZeroToOneAreRejected() {
        assertThatThrownBy(() -> new UserSampler(1.5, 0.5, 1)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new UserSampler(0.5, Double.NaN, 1))
                .hasMessageContaining("[0, 1]");
    }
}
