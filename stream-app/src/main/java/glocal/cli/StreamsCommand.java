package glocal.cli;

import glocal.stream.runtime.GlocalProcess;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code glocal streams}: one stream-side instance; run several to scale out by partitions. */
@Command(
        name = "streams",
        mixinStandardHelpOptions = true,
        description =
                "Runs one instance of the stream side (validation, state, training batches) until Ctrl-C; instances with the same glocal.application.id share the work by partitions.")
public final class StreamsCommand extends ServiceCommand {
    @Override
    Set<GlocalProcess.Role> roles() {
        return Set.of(GlocalProcess.Role.STREAMS);
    }

    @Override
    boolean needsSharedInfrastructure() {
        return true;
    }
}
