package glocal.cli;

import glocal.stream.runtime.GlocalProcess;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code glocal run}: the stream side and the trainer in one JVM. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description =
                "Runs the stream side and the trainer in one process until Ctrl-C; without --bootstrap it starts an embedded KRaft broker, and a mock:// registry is also served over HTTP.")
public final class RunCommand extends ServiceCommand {
    @Override
    Set<GlocalProcess.Role> roles() {
        return GlocalProcess.allRoles();
    }

    @Override
    boolean needsSharedInfrastructure() {
        return false;
    }
}
