package glocal.model.train;

import glocal.model.batch.ExampleBatch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Per user row, the territory and activity group the user was last trained in: exports take the user's
 * vector from that group's block.
 */
final class HomeGroups {

    private int[] territory = new int[1024];
    private int[] activity = new int[1024];

    void ensureRows(int rows) {
        if (rows > territory.length) {
            int cap = Math.max(rows, territory.length * 2);
            territory = Arrays.copyOf(territory, cap);
            activity = Arrays.copyOf(activity, cap);
        }
    }

    void remember(ExampleBatch batch, int[] userRows, int rowLimit) {
        ensureRows(rowLimit);
        for (int i = 0; i < userRows.length; i++) {
            territory[userRows[i]] = batch.territoryGroups()[i];
            activity[userRows[i]] = batch.activityGroups()[i];
        }
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

    void read(DataInputStream in) throws IOException {
        int rows = in.readInt();
        territory = new int[Math.max(rows, 1024)];
        activity = new int[Math.max(rows, 1024)];
        for (int r = 0; r < rows; r++) {
            territory[r] = in.readInt();
            activity[r] = in.readInt();
        }
    }
}
