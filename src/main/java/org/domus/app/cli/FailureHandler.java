package org.domus.app.cli;

import java.io.PrintWriter;
import org.domus.app.ConfigException;
import org.domus.app.DomusStartupException;
import org.domus.app.Logging;
import org.domus.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and an exit status: 2 for bad usage, 1 for a failure. Stack
 * traces never reach the terminal: an expected failure's goes to the log at DEBUG, an unexpected one's to the
 * log file only.
 */
final class FailureHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("domus: " + oneLine(ex.getMessage()) + " (see: " + command.getCommandSpec().qualifiedName() + " --help)");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        String message = userMessage(ex);
        if (message != null) {
            LOG.debug("{} failed", command.getCommandSpec().qualifiedName(), ex);
        } else {
            LOG.error(Logging.FILE_ONLY, "{} failed unexpectedly", command.getCommandSpec().qualifiedName(), ex);
            message = "unexpected failure: " + ex
                    + Logging.currentLogFile().map(file -> " (details in " + file + ")").orElse("");
        }
        PrintWriter err = command.getErr();
        err.println("domus: " + oneLine(message));
        err.flush();
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    /** The sentence to show for a failure we expect and explain, or null for a bug. */
    static String userMessage(Throwable ex) {
        if (ex instanceof CliFailure || ex instanceof ConfigException || ex instanceof DomusStartupException
                || ex instanceof StoreException) {
            return ex.getMessage();
        }
        return null;
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "failed";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
