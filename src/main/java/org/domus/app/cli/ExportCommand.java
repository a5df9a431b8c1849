package org.domus.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.domus.app.DomusCore;
import org.domus.app.DomusConfig;
import org.domus.app.Logging;
import org.domus.app.export.ExportFormat;
import org.domus.app.export.ReadingWriter;
import org.domus.model.Attribute;
import org.domus.model.SeriesPath;
import org.domus.store.Database;
import org.domus.store.StoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code domus export}: one series' raw history as CSV or JSON, oldest first, streamed from the store row by row.
 * Opens only the store (not the broker), so it runs beside a running {@code domus serve}.
 */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Write one series' history as CSV or JSON, one row per reading, oldest first.",
            "CSV columns: ts,house,room,device,attribute,value. Runs beside a running 'domus serve'."
        })
public final class ExportCommand implements Callable<Integer> {

    /** How often (in characters) the standard output is checked for a closed pipe. */
    private static final int CHECK_EVERY_CHARS = 64 * 1024;

    @Spec
    private CommandSpec spec;

    @Mixin(name = CommonOptions.MIXIN_NAME)
    private CommonOptions common;

    @Option(names = "--series", required = true, paramLabel = "HOUSE/ROOM/DEVICE/ATTRIBUTE",
            converter = SeriesConverter.class, description = "The series to export, for example demo/living/thermostat/temperature.")
    private SeriesPath series;

    @Option(names = "--from", paramLabel = "ISO", converter = TimeArguments.RangeStart.class,
            description = "First instant, included: 2026-11-23T10:00:00Z, or a date (UTC midnight).")
    private Instant from;

    @Option(names = "--to", paramLabel = "ISO", converter = TimeArguments.RangeEnd.class,
            description = "Last instant, included: 2026-11-23T11:00:00Z, or a date (that whole day, UTC).")
    private Instant to;

    @Option(names = "--format", paramLabel = "csv|json", defaultValue = "csv", converter = FormatConverter.class,
            description = "csv (default) or json.")
    private ExportFormat format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of the standard output.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        if (from != null && to != null && from.isAfter(to)) {
            throw new ParameterException(spec.commandLine(), "--from " + from + " is after --to " + to);
        }
        Logging.quietConsole();
        DomusConfig config = common.config();
        Path storeFile = config.dataDir().resolve(DomusCore.DATABASE_FILE);
        if (!Files.isRegularFile(storeFile)) {
            throw new CliFailure("no store in " + config.dataDir() + " (looked for " + storeFile + ")");
        }
        try (Database database = Database.open(storeFile, StoreOptions.defaults())) {
            Attribute attribute = database.houses().findAttribute(series)
                    .orElseThrow(() -> new CliFailure("no such series: " + series));
            if (out == null) {
                PrintWriter stdout = spec.commandLine().getOut();
                try {
                    export(database, attribute, new ClosedPipeGuard(stdout));
                } catch (IOException e) {
                    throw new CliFailure("cannot write to the standard output: " + e.getMessage(), e);
                }
            } else {
                exportToFile(database, attribute, out.toAbsolutePath());
            }
        }
        return 0;
    }

    private void exportToFile(Database database, Attribute attribute, Path file) throws IOException {
        Path parent = file.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CliFailure("cannot write " + file + ": the folder " + parent + " does not exist");
        }
        // Written beside the target and moved into place at the end: a failed export leaves no half file.
        Path partial = file.resolveSibling("." + file.getFileName() + ".part");
        try {
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                export(database, attribute, writer);
            }
            try {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CliFailure("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private void export(Database database, Attribute attribute, Writer writer) throws IOException {
        ReadingWriter readings = format.writer(writer, series, attribute.kind());
        readings.begin();
        try {
            database.history().streamReadings(series, from, to, readings::reading);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        readings.end();
        writer.flush();
    }

    /** The picocli standard output, which swallows errors: stops the export once the reader has gone away. */
    private static final class ClosedPipeGuard extends Writer {
        private final PrintWriter target;
        private long sinceCheck;

        ClosedPipeGuard(PrintWriter target) {
            this.target = target;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            target.write(buffer, offset, length);
            sinceCheck += length;
            if (sinceCheck >= CHECK_EVERY_CHARS) {
                sinceCheck = 0;
                check();
            }
        }

        @Override
        public void flush() throws IOException {
            check();
        }

        @Override
        public void close() throws IOException {
            check();
        }

        private void check() throws IOException {
            if (target.checkError()) { // flushes
                throw new IOException("the standard output was closed");
            }
        }
    }

    static final class SeriesConverter implements ITypeConverter<SeriesPath> {
        @Override
        public SeriesPath convert(String text) {
            try {
                return SeriesPath.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class FormatConverter implements ITypeConverter<ExportFormat> {
        @Override
        public ExportFormat convert(String text) {
            try {
                return ExportFormat.valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "' is not a format: use csv or json");
            }
        }
    }
}
