package glocal.model.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code glocal evaluate} prints and writes: how the split was made, the warnings about it,
 * the table (references above the models) and the summary of where each model stands against the
 * best reference; the same text in the terminal ({@code results.txt}) and in Markdown ({@code
 * results.md}).
 *
 * @param protocol one line each: the split, the local-title rule, the references' settings
 * @param warnings {@link ProtocolWarnings}, said before the figures
 */
public record EvaluationReport(List<String> protocol, List<String> warnings, ResultTable table) {

    public EvaluationReport {
        protocol = List.copyOf(protocol);
        warnings = List.copyOf(warnings);
    }

    /** The report for a terminal. */
    public String terminal() {
        StringBuilder out = new StringBuilder();
        protocol.forEach(p -> out.append(p).append('\n'));
        warnings.forEach(w -> out.append("WARNING: ").append(w).append('\n'));
        out.append(table.terminal());
        List<String> summary = ResultSummary.lines(table);
        if (!summary.isEmpty()) {
            out.append("NDCG@20 against the best reference of each group:\n");
            summary.forEach(s -> out.append("  ").append(s).append('\n'));
        }
        return out.toString();
    }

    /** The report in Markdown. */
    public String markdown() {
        StringBuilder out = new StringBuilder("# glocal evaluate\n\n");
        protocol.forEach(p -> out.append("- ").append(p).append('\n'));
        out.append('\n');
        warnings.forEach(w -> out.append("> **Warning:** ").append(w).append("\n\n"));
        out.append(table.markdown()).append('\n');
        List<String> summary = ResultSummary.lines(table);
        if (!summary.isEmpty()) {
            out.append("## NDCG@20 against the best reference of each group\n\n");
            summary.forEach(s -> out.append("- ").append(s.replace("*", "\\*")).append('\n'));
        }
        return out.toString();
    }

    /**
     * Writes {@code results.txt}, {@code results.md} and the table's CSV and charts; returns every
     * file.
     */
    public List<Path> write(Path dir, List<String> userGroupsInOrder) {
        List<Path> written = new ArrayList<>(table.write(dir, userGroupsInOrder));
        try {
            written.add(Files.writeString(dir.resolve("results.md"), markdown()));
            written.add(Files.writeString(dir.resolve("results.txt"), terminal()));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write results to " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }
}
