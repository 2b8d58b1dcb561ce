package glocal.stream.territory;

import glocal.model.territory.TerritoryGrouping;
import glocal.stream.state.BinaryCodec;
import glocal.stream.state.BinaryReader;
import glocal.stream.state.BinaryWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Store codec of a {@link TerritoryGrouping}: group count and assignment (labels and the unknown
 * territory policy are the stream's defaults); the version is recomputed from the content on read.
 */
public final class TerritoryGroupingCodec extends BinaryCodec<TerritoryGrouping> {

    public TerritoryGroupingCodec() {
        super(1);
    }

    @Override
    protected void write(TerritoryGrouping g, BinaryWriter out) {
        out.writeInt(g.groups()).writeInt(g.assignment().size());
        g.assignment().forEach((territory, group) -> out.writeString(territory).writeInt(group));
    }

    @Override
    protected TerritoryGrouping read(BinaryReader in) {
        int groupCount = in.readInt();
        int n = in.readInt();
        Map<String, Integer> assignment = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            assignment.put(in.readString(), in.readInt());
        }
        return TerritoryGrouping.of(assignment, groupCount);
    }
}
