package glocal.model.train;

import glocal.model.embedding.RowStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Everything an {@link OnlineTrainer} keeps about one user: the embedding row with its row-wise
 * Adam state, the groups and territory the user was last trained in, and (with {@code
 * model.user.history}) the titles of the user's last plays. What moves with the user when another
 * trainer takes the user's partition over ({@link OnlineTrainer#exportUserRow}, {@link
 * OnlineTrainer#importUserRow}). Title rows and the dense model are not part of it.
 *
 * @param row the embedding row and its Adam state; null when the user has no row of its own (still
 *     below the id map's min count, or evicted)
 * @param history the last plays' titles, oldest first (empty without {@code model.user.history})
 */
public record UserRowState(
        String userId,
        RowStore.RowState row,
        int territoryGroup,
        int activityGroup,
        String territory,
        String[] history) {

    /** Writes the state (without the user id: the changelog's key holds it). */
    public void write(DataOutputStream out) throws IOException {
        out.writeBoolean(row != null);
        if (row != null) {
            out.writeInt(row.values().length);
            for (float[] column : new float[][] {row.values(), row.mean(), row.variance()}) {
                for (float v : column) {
                    out.writeFloat(v);
                }
            }
            out.writeInt(row.steps());
        }
        out.writeInt(territoryGroup);
        out.writeInt(activityGroup);
        out.writeUTF(territory);
        out.writeInt(history.length);
        for (String t : history) {
            out.writeUTF(t);
        }
    }

    /** Reads what {@link #write} wrote, for {@code userId}. */
    public static UserRowState read(String userId, DataInputStream in) throws IOException {
        RowStore.RowState row = null;
        if (in.readBoolean()) {
            int dim = in.readInt();
            float[][] columns = new float[3][dim];
            for (float[] column : columns) {
                for (int i = 0; i < dim; i++) {
                    column[i] = in.readFloat();
                }
            }
            row = new RowStore.RowState(columns[0], columns[1], columns[2], in.readInt());
        }
        int territoryGroup = in.readInt();
        int activityGroup = in.readInt();
        String territory = in.readUTF();
        String[] history = new String[in.readInt()];
        for (int i = 0; i < history.length; i++) {
            history[i] = in.readUTF();
        }
        return new UserRowState(userId, row, territoryGroup, activityGroup, territory, history);
    }
}
