package glocal.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerritorySizesTest {

    @Test
    void theSmallestTerritoriesHoldingAtMostFivePercentOfUsersAreMinor() {
        Map<String, String> homes = new HashMap<>();
        int u = 0;
        // 200 users: US 150, BR 40, IS 4, MT 3, LU 3 -> IS+MT+LU hold 10 = 5%.
        for (Object[] t :
                new Object[][] {{"US", 150}, {"BR", 40}, {"IS", 4}, {"MT", 3}, {"LU", 3}}) {
            for (int i = 0; i < (int) t[1]; i++) {
                homes.put("u" + u++, (String) t[0]);
            }
        }
        TerritorySizes sizes = TerritorySizes.ofUsers(homes);
        assertThat(sizes.minor()).containsExactly("IS", "LU", "MT");
        assertThat(sizes.classOf("MT")).isEqualTo(TerritorySizes.MINOR);
        assertThat(sizes.classOf("BR")).isEqualTo(TerritorySizes.MAJOR);
        assertThat(sizes.classOf("XX")).isEqualTo(TerritorySizes.MAJOR);
    }

    @Test
    void whenEveryTerritoryIsLargeNoneIsMinor() {
        Map<String, String> homes = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            homes.put("u" + i, i % 2 == 0 ? "US" : "BR");
        }
        assertThat(TerritorySizes.ofUsers(homes).minor()).isEmpty();
    }
}
