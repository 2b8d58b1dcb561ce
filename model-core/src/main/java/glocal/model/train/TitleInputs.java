package glocal.model.train;

import glocal.model.embedding.EmbeddingTable;
import glocal.model.embedding.UniqueRows;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The title tower's input rows: the title's embedding row, followed by its content features when
 * the spec has {@code model.content.dim} (zeros for a title without any). Content features are
 * inputs, not trained: their gradient columns are dropped before the row update.
 */
final class TitleInputs {

    private final EmbeddingTable titles;
    private final int embeddingDim;
    private final int contentDim;
    private final Map<String, float[]> content = new HashMap<>();

    TitleInputs(EmbeddingTable titles, int embeddingDim, int contentDim) {
        this.titles = titles;
        this.embeddingDim = embeddingDim;
        this.contentDim = contentDim;
    }

    int width() {
        return embeddingDim + contentDim;
    }

    void put(String titleId, float[] features) {
        if (features.length != contentDim) {
            throw new IllegalArgumentException(
                    "title "
                            + titleId
                            + ": content vector has "
                            + features.length
                            + " values but "
                            + ModelSpec.CONTENT_DIM
                            + " is "
                            + contentDim);
        }
        content.put(titleId, features.clone());
    }

    /** Input rows of a batch's distinct titles, row-major. */
    float[] rows(UniqueRows distinct) {
        if (contentDim == 0) {
            return titles.gather(distinct.rows(), distinct.count());
        }
        String[] ids = new String[distinct.count()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = titles.ids().idOf(distinct.rows()[i]);
        }
        return rows(Arrays.copyOf(distinct.rows(), distinct.count()), ids);
    }

    /** Input rows of the given table rows, whose ids are {@code ids} (null for the unknown row). */
    float[] rows(int[] rows, String[] ids) {
        float[] emb = titles.gather(rows, rows.length);
        if (contentDim == 0) {
            return emb;
        }
        int w = width();
        float[] out = new float[rows.length * w];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(emb, i * embeddingDim, out, i * w, embeddingDim);
            float[] features = ids[i] == null ? null : content.get(ids[i]);
            if (features != null) {
                System.arraycopy(features, 0, out, i * w + embeddingDim, contentDim);
            }
        }
        return out;
    }

    /** Keeps the embedding columns of an input-row gradient. */
    float[] embeddingColumns(float[] grad, int rows) {
        if (contentDim == 0) {
            return grad;
        }
        int w = width();
        float[] out = new float[rows * embeddingDim];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(grad, i * w, out, i * embeddingDim, embeddingDim);
        }
        return out;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(content.size());
        for (Map.Entry<String, float[]> e : new TreeMap<>(content).entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().length);
            for (float v : e.getValue()) {
                out.writeFloat(v);
            }
        }
    }

    void read(DataInputStream in) throws IOException {
        content.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String id = in.readUTF();
            float[] v = new float[in.readInt()];
            for (int j = 0; j < v.length; j++) {
                v[j] = in.readFloat();
            }
            content.put(id, v);
        }
    }
}
