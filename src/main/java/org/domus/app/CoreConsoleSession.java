package org.domus.app;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.domus.broker.BrokerStatus;
import org.domus.command.CommandService;
import org.domus.ingest.LiveState;
import org.domus.ingest.RawTopics;
import org.domus.rules.RulesServices;
import org.domus.store.Database;
import org.domus.ui.ConsoleSession;
import org.domus.ui.provision.HubProvisioning;
import org.domus.ui.simulator.SimulatorControl;

/**
 * A running core as the console window sees it: the one implementation of {@link ConsoleSession}, used by the
 * command line, the UI benchmark and the end-to-end test.
 *
 * @param firstRun whether the console should behave as on a first start (the demo banner, the demo simulators)
 */
public record CoreConsoleSession(DomusCore core, SimulatorControl simulator, boolean firstRun)
        implements ConsoleSession {

    public CoreConsoleSession {
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(simulator, "simulator");
    }

    /** The core with the console's own simulators, first run as the core says. */
    public static CoreConsoleSession of(DomusCore core) {
        return new CoreConsoleSession(core, new ConsoleSimulator(core), core.firstRun());
    }

    @Override
    public Database store() {
        return core.store();
    }

    @Override
    public LiveState liveState() {
        return core.liveState();
    }

    @Override
    public BrokerStatus broker() {
        return core.broker();
    }

    @Override
    public Path dataDir() {
        return core.config().dataDir();
    }

    @Override
    public CommandService commands() {
        return core.commands();
    }

    @Override
    public RawTopics rawTopics() {
        return core.ingest().rawTopics();
    }

    @Override
    public RulesServices rules() {
        return core.rules().services();
    }

    @Override
    public Optional<HubProvisioning> provisioning() {
        return Optional.of(new ConsoleProvisioning(core));
    }
}
