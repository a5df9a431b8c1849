package org.domus.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.domus.app.DomusConfig;
import org.domus.app.DomusCore;
import org.domus.app.Logging;
import org.domus.broker.BrokerStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code domus serve}: broker, store and ingest with no window, until SIGTERM or SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run the MQTT broker, store and ingest with no window, until stopped (Ctrl+C or SIGTERM).")
public final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin(name = CommonOptions.MIXIN_NAME)
    private CommonOptions common;

    @Option(names = "--reset-corrupt-store",
            description = "If the store is corrupt, move it aside (keeping it) and start with a fresh one.")
    private boolean resetCorruptStore;

    @Override
    public Integer call() throws InterruptedException {
        DomusConfig config = common.config();
        Logging.startFileLog(config.dataDir());
        PrintWriter out = spec.commandLine().getOut();
        CoreStarter starter = new CoreStarter(config, out);
        DomusCore core;
        try {
            core = starter.start(resetCorruptStore);
        } catch (CoreStarter.CorruptStore e) {
            throw new CliFailure(e.getMessage() + " Move it aside and start fresh with: domus serve --data "
                    + CoreStarter.dataArgument(config.dataDir()) + " --reset-corrupt-store", e);
        }

        BrokerStatus broker = core.broker();
        out.println("Domus serving MQTT on " + broker.host() + ":" + broker.port() + " (data: " + config.dataDir() + ")");
        out.flush();
        // Runs until SIGTERM or Ctrl+C: the starter's shutdown hook then closes the core and the JVM exits.
        new CountDownLatch(1).await();
        return 0;
    }
}
