package glocal.model.train;

import glocal.model.batch.ExampleBatch;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Per user row, the territory and activity group the user was last trained in: exports take the
 * user's vector from that group's block. Also the territory itself (as an index into the codes
 * seen), which the popularity prior of a user's ranking needs.
 */
final class HomeGroups {

    private int[] territory = new int[1024];
    private int[] activity = new int[1024];
    private int[] code = new int[1024];
    private final java.util.List<String> codes = new java.util.ArrayList<>(java.util.List.of(""));
    private final java.util.Map<String, Integer> codeIndex =
            new java.util.HashMap<>(java.util.Map.of("", 0));

    void ensureRows(int rows) {
        if (rows > territory.length) {
            int cap = Math.max(rows, territory.length * 2);
            territory = Arrays.copyOf(territory, cap);
            activity = Arrays.copyOf(activity, cap);
            code = Arrays.copyOf(code, cap);
        }
    }

    void remember(ExampleBatch batch, int[] userRows, int rowLimit) {
        ensureRows(rowLimit);
        for (int i = 0; i < userRows.length; i++) {
            territory[userRows[i]] = batch.territoryGroups()[i];
            activity[userRows[i]] = batch.activityGroups()[i];
            code[userRows[i]] =
                    codeIndex.computeIfAbsent(
                            batch.territories()[i],
                            c -> {
                                codes.add(c);
                                return codes.size() - 1;
                            });
        }
    }

    /** Sets a row's groups and territory (a user row moved in from another trainer). */
    void set(int row, int territoryGroup, int activityGroup, String territoryCode) {
        ensureRows(row + 1);
        territory[row] = territoryGroup;
        activity[row] = activityGroup;
        code[row] =
                codeIndex.computeIfAbsent(
                        territoryCode,
                        c -> {
                            codes.add(c);
                            return codes.size() - 1;
                        });
    }

    /** The territory the user was last trained in, or "" when unknown. */
    String territoryCode(int row) {
        return row < code.length ? codes.get(code[row]) : "";
    }

    int territory(int row) {
        return row < territory.length ? territory[row] : 0;
    }

    int activity(int row) {
        return row < activity.length ? activity[row] : 0;
    }

    void write(DataOutputStream out, int rows) throws IOException {
        out.writeInt(rows);
        for (int r = 0; r < rows; r++) {
            out.writeInt(r < territory.length ? territory[r] : 0);
            out.writeInt(r < activity.length ? activity[r] : 0);
        }
    }

    /** The territories of the first {@code rows} rows (checkpoint format 3). */
    void writeTerritories(DataOutputStream out, int rows) throws IOException {
        out.writeInt(codes.size());
        for (String c : codes) {
            out.writeUTF(c);
        }
        out.writeInt(rows);
        for (int r = 0; r < rows; r++) {
            out.writeInt(r < code.length ? code[r] : 0);
        }
    }

    void readTerritories(DataInputStream in) throws IOException {
        codes.clear();
        codeIndex.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String c = in.readUTF();
            codes.add(c);
            codeIndex.put(c, i);
        }
        int rows = in.readInt();
        code = new int[Math.max(Math.max(rows, 1024), territory.length)];
        for (int r = 0; r < rows; r++) {
            code[r] = in.readInt();
        }
    }

    void read(DataInputStream in) throws IOException {
        int rows = in.readInt();
        territory = new int[Math.max(rows, 1024)];
        activity = new int[Math.max(rows, 1024)];
        code = new int[Math.max(rows, 1024)];
        for (int r = 0; r < rows; r++) {
            territory[r] = in.readInt();
            activity[r] = in.readInt();
        }
    }
}
