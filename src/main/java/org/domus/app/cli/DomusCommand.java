package org.domus.app.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.domus.app.ConfigLoader;
import org.domus.app.DomusConfig;
import org.domus.app.Logging;
import org.domus.ui.ConsoleApplication;
import org.domus.ui.ConsoleResult;
import org.domus.ui.ConsoleStart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code domus}: with no subcommand, opens the console window (the core runs behind it). Each subcommand is one
 * class listed in {@code subcommands} below, mixing in {@link CommonOptions}.
 */
@Command(name = "domus", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Domus: a desktop console for home automation, with an embedded MQTT broker and a SQLite store.",
            "With no command, opens the console window."
        },
        subcommands = {
            ServeCommand.class,
            SendCommand.class,
            EventsCommand.class,
            ExportCommand.class,
            SimulateCommand.class,
            ProvisionCommand.class,
            CertificatesCommand.class,
            org.domus.app.bench.BenchCommand.class,
        })
public final class DomusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin(name = CommonOptions.MIXIN_NAME)
    private CommonOptions common;

    @Option(names = "--reset-corrupt-store",
            description = "If the store is corrupt, move it aside (keeping it) and start with a fresh one.")
    private boolean resetCorruptStore;

    /** The whole command line, with the handlers that turn failures into one line and an exit status. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new DomusCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        FailureHandler failures = new FailureHandler();
        commandLine.setExecutionExceptionHandler(failures);
        commandLine.setParameterExceptionHandler(failures);
        String footer = "%nData folder: --data, default " + ConfigLoader.defaultDataDir()
                + "%nExit status: 0 success, 1 failure, 2 bad usage.";
        commandLine.getCommandSpec().usageMessage().footer(footer);
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().footer(footer);
        }
        return commandLine;
    }

    @Override
    public Integer call() {
        DomusConfig config = common.config();
        Logging.startFileLog(config.dataDir());
        try (CoreStarter starter = new CoreStarter(config, spec.commandLine().getOut())) {
            // The core starts beside the window: the toolkit and the window come up on this thread meanwhile.
            AtomicReference<RuntimeException> coreFailure = new AtomicReference<>();
            CompletableFuture<ConsoleStart> start = new CompletableFuture<>();
            Thread.ofPlatform().name("domus-core-start").daemon().start(() -> {
                try {
                    start.complete(startCore(starter, coreFailure));
                } catch (Throwable e) { // an Error: the window says it too, and the finally below still returns
                    start.completeExceptionally(e);
                }
            });
            ConsoleResult result;
            try {
                result = ConsoleApplication.run(start, config.dataDir());
            } catch (RuntimeException e) {
                throw new CliFailure("cannot open the console window (" + e.getMessage()
                        + "); 'domus serve' runs without one", e);
            } finally {
                // Whatever the window did, the core's start is over before the starter closes what it started.
                start.exceptionally(e -> null).join();
            }
            if (coreFailure.get() != null) {
                throw coreFailure.get(); // the same one sentence on the terminal as before the window existed
            }
            return switch (result) {
                case ConsoleResult.Closed closed -> 0;
                case ConsoleResult.Failed failed -> throw new CliFailure(failed.message());
                case ConsoleResult.LeftCorruptStore left -> throw new CliFailure(left.problem()
                        + " Move it aside and start fresh with: domus --data "
                        + CoreStarter.dataArgument(config.dataDir()) + " --reset-corrupt-store");
            };
        }
    }

    /** Starts the core for the console; a failure becomes what the window says, and is kept for the terminal. */
    private ConsoleStart startCore(CoreStarter starter, AtomicReference<RuntimeException> failure) {
        try {
            return new ConsoleStart.Ready(org.domus.app.CoreConsoleSession.of(starter.start(resetCorruptStore)));
        } catch (CoreStarter.CorruptStore e) {
            return new ConsoleStart.CorruptStore(e.getMessage(),
                    () -> org.domus.app.CoreConsoleSession.of(starter.moveAsideAndStart()));
        } catch (RuntimeException e) {
            failure.set(e);
            String sentence = FailureHandler.userMessage(e);
            return new ConsoleStart.Failed(sentence != null ? sentence : "unexpected failure: " + e
                    + org.domus.app.Logging.currentLogFile().map(file -> " (details in " + file + ")").orElse(""));
        }
    }
}
