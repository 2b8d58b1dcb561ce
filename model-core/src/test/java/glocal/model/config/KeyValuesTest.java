package glocal.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KeyValuesTest {

    @Test
    void anAbsentKeyGivesTheFallbackAndAPresentOneItsTrimmedValue() {
        Properties p = new Properties();
        p.setProperty("a.int", " 7 ");
        p.setProperty("a.long", "9000000000");
        p.setProperty("a.float", "0.25");
        p.setProperty("a.bool", "TRUE");
        p.setProperty("a.list", "64, 32");
        p.setProperty("a.blank", " ");
        KeyValues v = KeyValues.of(p);

        assertThat(v.integer("a.int", 1)).isEqualTo(7);
        assertThat(v.integer("absent", 1)).isEqualTo(1);
        assertThat(v.longInteger("a.long", 1L)).isEqualTo(9_000_000_000L);
        assertThat(v.decimal("a.float", 1f)).isEqualTo(0.25f);
        assertThat(v.bool("a.bool", false)).isTrue();
        assertThat(v.bool("absent", true)).isTrue();
        assertThat(v.integers("a.list", new int[] {1})).containsExactly(64, 32);
        assertThat(v.integers("a.blank", new int[] {1})).isEmpty();
        assertThat(v.integers("absent", new int[] {1})).containsExactly(1);
        assertThat(v.string("absent", "x")).isEqualTo("x");
    }

    @Test
    void aValueThatDoesNotParseFailsNamingTheKeyAndQuotingTheValue() {
        KeyValues v =
                KeyValues.of(
                        Map.of("k.int", "sixty", "k.bool", "yes", "k.list", "64,x", "k.f", "½"));
        assertThatThrownBy(() -> v.integer("k.int", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k.int must be an integer, was 'sixty'");
        assertThatThrownBy(() -> v.longInteger("k.int", 0))
                .hasMessage("k.int must be an integer, was 'sixty'");
        assertThatThrownBy(() -> v.bool("k.bool", false))
                .hasMessage("k.bool must be true or false, was 'yes'");
        assertThatThrownBy(() -> v.integers("k.list", new int[0]))
                .hasMessage("k.list must be a comma-separated list of integers, was '64,x'");
        assertThatThrownBy(() -> v.decimal("k.f", 0f)).hasMessage("k.f must be a number, was '½'");
    }

    @Test
    void theReturnedFallbackListIsACopy() {
        int[] fallback = {3};
        KeyValues.of(Map.of()).integers("absent", fallback)[0] = 4;
        assertThat(fallback).containsExactly(3);
    }
}
