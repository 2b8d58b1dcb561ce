package glocal.cli;

import glocal.stream.runtime.GlocalProcess;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code glocal trainer}: the single trainer process. */
@Command(
        name = "trainer",
        mixinStandardHelpOptions = true,
        description =
                "Runs the trainer until Ctrl-C: consumes training-batches, publishes embeddings, user weights and metrics, checkpoints to glocal.trainer.checkpoint.dir. Run exactly one.")
public final class TrainerCommand extends ServiceCommand {
    @Override
    Set<GlocalProcess.Role> roles() {
        return Set.of(GlocalProcess.Role.TRAINER);
    }

    @Override
    boolean needsSharedInfrastructure() {
        return true;
    }
}
