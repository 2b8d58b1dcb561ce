package glocal.model.data.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import glocal.model.data.View;
import glocal.model.data.ViewType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensReaderTest {

    @TempDir Path dir;

    private void write(String name, String... lines) throws IOException {
        Files.write(dir.resolve(name), List.of(lines), StandardCharsets.ISO_8859_1);
    }

    private static List<View> readAll(ViewReader reader) {
        List<View> out = new ArrayList<>();
        try (reader) {
            reader.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void movieLens100kRatingsBecomePlaysAndImpressionsInTheZipRegion() throws IOException {
        write("u.user", "1|24|M|technician|85711", "2|53|F|other|02139");
        write("u.data", "1\t242\t5\t881250949", "2\t302\t4\t891717742", "1\t377\t1\t878887116");
        ReadReport report = new ReadReport();

        List<View> views = readAll(ViewFiles.open(dir.resolve("u.data"), report));

        assertThat(views)
                .containsExactly(
                        new View(
                                "u.data:1",
                                "1",
                                "242",
                                "US-Z8",
                                881250949000L,
                                ViewType.PLAY,
                                1.0f,
                                true,
                                false),
                        new View(
                                "u.data:2",
                                "2",
                                "302",
                                "US-Z0",
                                891717742000L,
                                ViewType.PLAY,
                                0.8f,
                                false,
                                false),
                        View.impression("u.data:3", "1", "377", "US-Z8", 878887116000L));
        assertThat(report.views()).isEqualTo(3);
        assertThat(report.badLines()).isZero();
    }

    @Test
    void movieLens1mReadsDoubleColonFilesFromItsDirectory() throws IOException {
        write("users.dat", "1::F::1::10::48067", "2::M::56::16::70072");
        write("ratings.dat", "1::1193::5::978300760", "2::1357::3::978298709");

        List<View> views = readAll(ViewFiles.open(dir, new ReadReport()));

        assertThat(views)
                .containsExactly(
                        new View(
                                "ratings.dat:1",
                                "1",
                                "1193",
                                "US-Z4",
                                978300760000L,
                                ViewType.PLAY,
                                1.0f,
                                true,
                                false),
                        View.impression("ratings.dat:2", "2", "1357", "US-Z7", 978298709000L));
    }

    @Test
    void badUserAndRatingLinesAreReportedWithLineNumbersAndReasons() throws IOException {
        write("u.user", "1|24|M|technician|85711", "2|33|F|other|T8H1N", "3|40|M");
        write(
                "u.data",
                "1\t10\t4\t881250949",
                "2\t11\t5\t881250949",
                "9\t12\t5\t881250949",
                "1\t13\t6\t881250949",
                "1\t14\t4",
                "1\t15\tfive\t881250949",
                "1\t16\t3\t881250950");
        ReadReport report = new ReadReport();

        List<View> views = readAll(ViewFiles.open(dir.resolve("u.data"), report));

        assertThat(views).extracting(View::eventId).containsExactly("u.data:1", "u.data:7");
        assertThat(report.keptBadLines())
                .extracting(BadLine::source, BadLine::lineNumber, BadLine::reason)
                .containsExactly(
                        tuple(
                                "u.user",
                                2L,
                                "zip code 'T8H1N' does not start with a digit, so it has no US "
                                        + "zip region"),
                        tuple("u.user", 3L, "has 3 fields, expected 5"),
                        tuple(
                                "u.data",
                                2L,
                                "user 2 has no territory (u.user line 2: zip code 'T8H1N' does "
                                        + "not start with a digit, so it has no US zip region)"),
                        tuple("u.data", 3L, "user 9 is not in u.user"),
                        tuple("u.data", 4L, "rating 6 is outside 1..5"),
                        tuple(
                                "u.data",
                                5L,
                                "has 3 fields, expected 4 (user, movie, rating, timestamp)"),
                        tuple("u.data", 6L, "rating 'five' is not a whole number"));
        assertThat(report.badLines()).isEqualTo(7);
        assertThat(report.views()).isEqualTo(2);
    }

    @Test
    void ratingsWithoutTheirUsersFileFailNamingTheMissingFile() throws IOException {
        write("ratings.dat", "1::1193::5::978300760");
        assertThatThrownBy(() -> ViewFiles.open(dir.resolve("ratings.dat"), new ReadReport()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users.dat");
    }

    @Test
    void zipRegionIsTheFirstDigit() {
        assertThat(MovieLensReader.territoryOfZip("98101")).isEqualTo("US-Z9");
        assertThat(MovieLensReader.territoryOfZip("00501-1234")).isEqualTo("US-Z0");
        assertThatThrownBy(() -> MovieLensReader.territoryOfZip("")).hasMessageContaining("''");
    }
}
