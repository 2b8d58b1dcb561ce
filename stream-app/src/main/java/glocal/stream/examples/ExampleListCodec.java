package glocal.stream.examples;

import glocal.model.labelling.Example;
import glocal.stream.state.BinaryCodec;
import glocal.stream.state.BinaryReader;
import glocal.stream.state.BinaryWriter;
import java.util.ArrayList;
import java.util.List;

/** Store codec of the examples one view produced (the batch buffer keeps one entry per view). */
public final class ExampleListCodec extends BinaryCodec<List<Example>> {

    private final ExampleCodec one = new ExampleCodec();

    public ExampleListCodec() {
        super(1);
    }

    @Override
    protected void write(List<Example> examples, BinaryWriter out) {
        out.writeInt(examples.size());
        examples.forEach(e -> one.write(e, out));
    }

    @Override
    protected List<Example> read(BinaryReader in) {
        int n = in.readInt();
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(one.read(in));
        }
        return out;
    }
}
