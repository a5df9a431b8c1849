package org.domus.app;

import org.domus.app.cli.DomusCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The {@code main} of Domus: the console, {@code serve} and every other subcommand start here. Deliberately not
 * a JavaFX {@code Application}, so that JavaFX on the class path needs no module flags and the headless commands
 * never touch the toolkit.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        // Libraries that log through java.util.logging (JavaFX among them) go to SLF4J like everything else.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int exitCode = DomusCommand.commandLine().execute(args);
        System.exit(exitCode);
    }
}
