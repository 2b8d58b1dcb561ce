package glocal.cli;

import glocal.schemas.registry.SchemaRegistryException;
import glocal.stream.startup.StartupException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place the command line turns a failure into what the user reads. Installed on the root
 * command line ({@link GlocalCommand#commandLine()}), so no command catches to print. A start-up or
 * configuration error ({@link StartupException}, {@link ConfigException}) is one line that already
 * names the address, port, key or file and what to do; other failures the user can act on (no
 * broker, registry down, unreadable file) print their message and causes; anything else is a defect
 * and keeps its stack trace (picocli prints it). Exit code 1 in every case.
 */
final class CliErrors implements IExecutionExceptionHandler {

    static final CliErrors HANDLER = new CliErrors();

    private CliErrors() {}

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed)
            throws Exception {
        if (!userFacing(e)) {
            throw e;
        }
        return report(command.getErr(), command.getCommandName(), e);
    }

    /** Failures whose message says what failed and what to do. */
    private static boolean userFacing(Exception e) {
        return e instanceof StartupException
                || e instanceof ConfigException
                || e instanceof SchemaRegistryException
                || e instanceof KafkaException
                || e instanceof IllegalStateException
                || e instanceof IllegalArgumentException
                || e instanceof UncheckedIOException
                || e instanceof IOException;
    }

    static int report(PrintWriter err, String command, Exception e) {
        err.println(
                "glocal "
                        + command
                        + ": "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()));
        boolean oneLine = e instanceof StartupException || e instanceof ConfigException;
        Throwable cause = e.getCause();
        while (!oneLine && cause != null && cause != cause.getCause()) {
            if (cause.getMessage() != null
                    && !String.valueOf(e.getMessage()).contains(cause.getMessage())) {
                err.println(
                        "  caused by "
                                + cause.getClass().getSimpleName()
                                + ": "
                                + cause.getMessage());
            }
            cause = cause.getCause();
        }
        err.flush();
        return 1;
    }
}
