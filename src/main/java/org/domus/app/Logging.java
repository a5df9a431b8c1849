package org.domus.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The parts of the logging set-up that depend on the command line: the log file in the data folder (known only
 * after the options are parsed) and a quieter console for commands whose output is data. The static set-up is
 * {@code logback.xml}.
 */
public final class Logging {

    /** Marks an event for the log file only: the console never shows it (for stack traces of unexpected failures). */
    public static final Marker FILE_ONLY = MarkerFactory.getMarker("FILE_ONLY");

    static final String FILE_APPENDER = "FILE";
    private static final String CONSOLE_APPENDER = "CONSOLE";

    private static volatile Path currentLogFile;

    private Logging() {
    }

    /** The log file in use, if {@link #startFileLog} added one. */
    public static Optional<Path> currentLogFile() {
        return Optional.ofNullable(currentLogFile);
    }

    /** The log file of a data folder. */
    public static Path logFile(Path dataDir) {
        return dataDir.resolve("logs").resolve("domus.log");
    }

    /**
     * Adds a rolling log file ({@code logs/domus.log} in the data folder, 3 × 5 MB) to the root logger, once.
     * For long-running commands (console, serve); a failure to create it is logged and otherwise ignored.
     */
    public static synchronized void startFileLog(Path dataDir) {
        ch.qos.logback.classic.Logger root = rootLogger();
        if (root == null || root.getAppender(FILE_APPENDER) != null) {
            return;
        }
        LoggerContext context = root.getLoggerContext();
        Path file = logFile(dataDir);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            LoggerFactory.getLogger(Logging.class).warn("Cannot create the log folder {}: {}", file.getParent(), e.toString());
            return;
        }

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(FILE_APPENDER);
        appender.setFile(file.toString());

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file.resolveSibling("domus.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("5MB"));
        trigger.start();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();

        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
        currentLogFile = file;
    }

    /** Shows only warnings and errors on the console (for commands that print data, such as {@code export}). */
    public static void quietConsole() {
        ch.qos.logback.classic.Logger root = rootLogger();
        if (root == null) {
            return;
        }
        Appender<ILoggingEvent> console = root.getAppender(CONSOLE_APPENDER);
        if (console != null) {
            ThresholdFilter warnings = new ThresholdFilter();
            warnings.setLevel(Level.WARN.toString());
            warnings.start();
            console.addFilter(warnings);
        }
    }

    private static ch.qos.logback.classic.Logger rootLogger() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            return context.getLogger(Logger.ROOT_LOGGER_NAME);
        }
        return null;
    }
}
