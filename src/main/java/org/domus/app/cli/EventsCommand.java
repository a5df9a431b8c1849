package org.domus.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.domus.app.DomusConfig;
import org.domus.app.DomusCore;
import org.domus.model.Event;
import org.domus.store.Database;
import org.domus.store.StoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code domus events}: the event trail of one command or message ({@code --trace}), or the latest events. */
@Command(name = "events", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print the event trail of one command or message (--trace ID), or the latest events.")
public final class EventsCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @Spec
    private CommandSpec spec;

    @Mixin(name = CommonOptions.MIXIN_NAME)
    private CommonOptions common;

    @Option(names = "--trace", paramLabel = "ID", description = "The trace id (printed by 'domus send', shown in the console).")
    private String traceId;

    @Option(names = "--recent", paramLabel = "N", description = "Without --trace: how many of the latest events (default: ${DEFAULT-VALUE}).",
            defaultValue = "20")
    private int recent;

    @Option(names = "--utc", description = "Print times in UTC instead of the local time zone.")
    private boolean utc;

    @Override
    public Integer call() {
        DomusConfig config = common.config();
        Path database = config.dataDir().resolve(DomusCore.DATABASE_FILE);
        if (!Files.isRegularFile(database)) {
            throw new CliFailure("there is no Domus store in " + config.dataDir());
        }
        if (recent < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--recent must be at least 1");
        }
        ZoneId zone = utc ? ZoneId.of("UTC") : ZoneId.systemDefault();
        PrintWriter out = spec.commandLine().getOut();
        try (Database store = Database.open(database, StoreOptions.defaults())) {
            List<Event> events = traceId != null ? store.events().byTrace(traceId.strip())
                    : store.events().recent(recent).reversed();
            if (traceId != null) {
                store.commands().byTrace(traceId.strip()).ifPresent(command ->
                        out.println("command " + SendCommand.describe(command)));
                if (events.isEmpty()) {
                    throw new CliFailure("no events carry the trace id " + traceId.strip());
                }
            }
            for (Event event : events) {
                out.println(TIME.format(event.timestamp().atZone(zone)) + "  " + pad(event.type(), 20) + "  "
                        + pad(event.subject(), 44) + "  " + event.detail());
            }
            out.flush();
        }
        return 0;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
