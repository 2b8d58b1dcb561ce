package glocal.cli;

import java.io.PrintWriter;

/**
 * Reports a failure the user can act on (no broker, registry down, unreadable file) as its message
 * and causes, not as a stack trace: our exceptions already say what failed and what to do.
 */
final class CliErrors {

  private CliErrors() {}

  static int report(PrintWriter err, String command, RuntimeException e) {
    err.println("glocal " + command + ": " + e.getMessage());
    Throwable cause = e.getCause();
    while (cause != null && cause != cause.getCause()) {
      if (cause.getMessage() != null && !e.getMessage().contains(cause.getMessage())) {
        err.println("  caused by " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
      }
      cause = cause.getCause();
    }
    err.flush();
    return 1;
  }
}
