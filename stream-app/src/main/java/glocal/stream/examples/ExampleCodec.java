package glocal.stream.examples;

import glocal.model.batch.ExampleKind;
import glocal.model.labelling.Example;
import glocal.stream.state.BinaryCodec;
import glocal.stream.state.BinaryReader;
import glocal.stream.state.BinaryWriter;

/** Store codec of {@link Example} (pending impressions, batch buffer). */
public final class ExampleCodec extends BinaryCodec<Example> {

    public ExampleCodec() {
        super(1);
    }

    @Override
    protected void write(Example e, BinaryWriter out) {
        out.writeString(e.userId())
                .writeString(e.titleId())
                .writeString(e.territory())
                .writeInt(e.territoryGroup())
                .writeInt(e.groupingVersion())
                .writeInt(e.activityGroup())
                .writeInt(e.kind().code())
                .writeInt(e.sampleSource())
                .writeFloat(e.play())
                .writeFloat(e.finished())
                .writeFloat(e.skipped())
                .writeFloat(e.watchRatio())
                .writeFloat(e.weight())
                .writeLong(e.eventTime());
    }

    @Override
    protected Example read(BinaryReader in) {
        return new Example(
                in.readString(),
                in.readString(),
                in.readString(),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                ExampleKind.of(in.readInt()),
                in.readInt(),
                in.readFloat(),
                in.readFloat(),
                in.readFloat(),
                in.readFloat(),
                in.readFloat(),
                in.readLong());
    }
}
