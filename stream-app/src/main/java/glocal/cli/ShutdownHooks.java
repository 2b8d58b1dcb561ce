package glocal.cli;

/** Shutdown hooks of the foreground commands, which hold the JVM open until their services stop. */
final class ShutdownHooks {

    private ShutdownHooks() {}

    /**
     * Removes {@code hook} once the command is done, unless the JVM is already exiting and running
     * it.
     */
    static void removeUnlessShuttingDown(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and returns once the services have stopped.
            return;
        }
    }
}
