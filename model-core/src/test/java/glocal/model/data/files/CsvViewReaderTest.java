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

class CsvViewReaderTest {

    @TempDir Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, List.of(lines), StandardCharsets.UTF_8);
        return p;
    }

    private static List<View> readAll(ViewReader reader) {
        List<View> out = new ArrayList<>();
        try (reader) {
            reader.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void goodCsvLinesParseToExactViews() throws IOException {
        Path file =
                write(
                        "views.csv",
                        "user_id,title_id,territory,event_time,event_type,watch_ratio,finished,skipped",
                        "u1,t9,BR,2026-01-01T00:00:00Z,IMPRESSION,,,",
                        "u1,t9,br,1767225601000,play,0.95,true,false",
                        "\"u,2\",\"t \"\"x\"\"\",JP,2026-01-01T09:00:00+09:00,PLAY,0.05,0,1");
        ReadReport report = new ReadReport();

        List<View> views = readAll(ViewFiles.open(file, report));

        assertThat(views)
                .containsExactly(
                        new View(
                                "views.csv:2",
                                "u1",
                                "t9",
                                "BR",
                                1767225600000L,
                                ViewType.IMPRESSION,
                                0f,
                                false,
                                false),
                        new View(
                                "views.csv:3",
                                "u1",
                                "t9",
                                "BR",
                                1767225601000L,
                                ViewType.PLAY,
                                0.95f,
                                true,
                                false),
                        new View(
                                "views.csv:4",
                                "u,2",
                                "t \"x\"",
                                "JP",
                                1767225600000L,
                                ViewType.PLAY,
                                0.05f,
                                false,
                                true));
        assertThat(report.views()).isEqualTo(3);
        assertThat(report.badLines()).isZero();
    }

    @Test
    void tsvWithByteOrderMarkAndOnlyRequiredColumnsInAnyOrderUsesDefaultsAndGivenEventIds()
            throws IOException {
        Path file =
                write(
                        "views.tsv",
                        "\uFEFFevent_type\tterritory\tuser_id\ttitle_id\tevent_time\tevent_id\tdevice",
                        "PLAY\tUS\tu7\tt1\t1000\tabc\ttv",
                        "IMPRESSION\tUS\tu7\tt2\t2000\t\tweb");

        List<View> views = readAll(ViewFiles.open(file, new ReadReport()));

        assertThat(views)
                .containsExactly(
                        new View("abc", "u7", "t1", "US", 1000L, ViewType.PLAY, 0f, false, false),
                        View.impression("views.tsv:3", "u7", "t2", "US", 2000L));
    }

    @Test
    void badLinesAreReportedWithLineNumbersAndReasonsAndReadingGoesOn() throws IOException {
        Path file =
                write(
                        "bad.csv",
                        "user_id,title_id,territory,event_time,event_type,watch_ratio",
                        "u1,t1,US,1000,PLAY",
                        "u1,t1,US,yesterday,PLAY,0.5",
                        "u1,t1,US,2026-01-01T00:00:00,PLAY,0.5",
                        "u1,t1,US,1000,CLICK,0.5",
                        "",
                        "u1,t1,US,1000,PLAY,1.5",
                        "u1,t1,US,1000,IMPRESSION,0.3",
                        ",t1,US,1000,PLAY,0.5",
                        "u1,t1,USA,1000,PLAY,0.5",
                        "u1,\"t1,US,1000,PLAY,0.5",
                        "u1,t1,US,1000,PLAY,0.5");
        ReadReport report = new ReadReport();

        List<View> views = readAll(ViewFiles.open(file, report));

        assertThat(views)
                .containsExactly(
                        View.impression("bad.csv:8", "u1", "t1", "US", 1000L),
                        new View(
                                "bad.csv:12",
                                "u1",
                                "t1",
                                "US",
                                1000L,
                                ViewType.PLAY,
                                0.5f,
                                false,
                                false));
        assertThat(report.badLines()).isEqualTo(8);
        assertThat(report.blankLines()).isEqualTo(1);
        assertThat(report.keptBadLines())
                .extracting(BadLine::lineNumber, BadLine::reason)
                .containsExactly(
                        tuple(2L, "has 5 fields, the header has 6"),
                        tuple(
                                3L,
                                "event_time 'yesterday' is neither epoch millis nor an ISO-8601 instant "
                                        + "with offset (e.g. 2026-01-01T12:00:00Z)"),
                        tuple(
                                4L,
                                "event_time '2026-01-01T00:00:00' is neither epoch millis nor an ISO-8601 "
                                        + "instant with offset (e.g. 2026-01-01T12:00:00Z)"),
                        tuple(5L, "event_type 'CLICK' is neither PLAY nor IMPRESSION"),
                        tuple(7L, "watch_ratio 1.5 is outside [0, 1]"),
                        tuple(9L, "user_id is empty"),
                        tuple(
                                10L,
                                "territory 'USA' is not an ISO 3166-1 alpha-2 code (two letters, "
                                        + "optionally -SUB such as US-Z3)"),
                        tuple(11L, "a quoted field is not closed (missing \")"));
        assertThat(report.keptBadLines().get(0).content()).isEqualTo("u1,t1,US,1000,PLAY");
        assertThat(report.summary())
                .startsWith("2 views read, 8 bad lines, 1 blank lines")
                .contains("bad.csv:5: event_type 'CLICK' is neither PLAY nor IMPRESSION");
    }

    @Test
    void anImpressionWithWatchFieldsIsReadAsAnImpressionAndCounted() throws IOException {
        Path file =
                write(
                        "ratios.csv",
                        "user_id,title_id,territory,event_time,event_type,watch_ratio,finished,skipped",
                        "u1,t1,US,1000,IMPRESSION,0.3,false,false",
                        "u1,t2,US,1001,IMPRESSION,0,true,false",
                        "u1,t3,US,1002,IMPRESSION,0,false,false",
                        "u1,t1,US,1003,PLAY,0.3,false,true");
        ReadReport report = new ReadReport();

        List<View> views = readAll(ViewFiles.open(file, report));

        assertThat(views)
                .containsExactly(
                        View.impression("ratios.csv:2", "u1", "t1", "US", 1000L),
                        View.impression("ratios.csv:3", "u1", "t2", "US", 1001L),
                        View.impression("ratios.csv:4", "u1", "t3", "US", 1002L),
                        new View(
                                "ratios.csv:5",
                                "u1",
                                "t1",
                                "US",
                                1003L,
                                ViewType.PLAY,
                                0.3f,
                                false,
                                true));
        assertThat(report.badLines()).isZero();
        assertThat(report.impressionFieldsIgnored()).isEqualTo(2);
        assertThat(report.summary())
                .contains(
                        "2 impressions carried a watch ratio, finished or skipped: read as "
                                + "impressions, those fields ignored");
    }

    @Test
    void reportKeepsTheFirstBadLinesButCountsAndAnnouncesAll() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("user_id,title_id,territory,event_time,event_type");
        for (int i = 0; i < 5; i++) {
            lines.add("u1,t1,US,never,PLAY");
        }
        Path file = write("many.csv", lines.toArray(String[]::new));
        List<Long> announced = new ArrayList<>();
        ReadReport report = new ReadReport(2, bad -> announced.add(bad.lineNumber()));

        assertThat(readAll(ViewFiles.open(file, report))).isEmpty();

        assertThat(report.badLines()).isEqualTo(5);
        assertThat(report.keptBadLines()).extracting(BadLine::lineNumber).containsExactly(2L, 3L);
        assertThat(announced).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(report.summary()).contains("… and 3 more bad lines");
    }

    @Test
    void headerWithoutARequiredColumnFailsNamingTheFileAndColumn() throws IOException {
        Path file = write("nohead.csv", "user_id,title_id,event_time,event_type", "u1,t1,1,PLAY");
        assertThatThrownBy(() -> ViewFiles.open(file, new ReadReport()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nohead.csv")
                .hasMessageContaining("[territory]");
        Path empty = write("empty.csv");
        assertThatThrownBy(() -> ViewFiles.open(empty, new ReadReport()))
                .hasMessageContaining("empty.csv is empty");
    }
}
