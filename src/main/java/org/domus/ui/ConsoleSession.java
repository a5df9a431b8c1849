package org.domus.ui;

import java.nio.file.Path;
import org.domus.broker.BrokerStatus;
import org.domus.command.CommandService;
import org.domus.ingest.LiveState;
import org.domus.ingest.RawTopics;
import org.domus.store.Database;
import org.domus.ui.simulator.SimulatorControl;

/** The running core as the console window sees it. Whoever started the core closes it. */
public interface ConsoleSession {

    Database store();

    LiveState liveState();

    BrokerStatus broker();

    Path dataDir();

    /** The command service: tiles and device controls send through it. */
    CommandService commands();

    /** The vendor and hub topics ingest saw (the installer's raw topics screen). */
    RawTopics rawTopics();

    /** The console's simulators (the simulator panel). */
    SimulatorControl simulator();

    /** Rules, alerts, reminders and notifications (their screens). */
    org.domus.rules.RulesServices rules();

    /** True when the store was created by this start: the window then starts the demo house's simulators. */
    boolean firstRun();

    /** Hub provisioning and status (the hubs view); empty when the core offers none. */
    default java.util.Optional<org.domus.ui.provision.HubProvisioning> provisioning() {
        return java.util.Optional.empty();
    }
}
