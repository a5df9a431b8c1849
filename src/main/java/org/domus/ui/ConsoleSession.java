package org.domus.ui;

import java.nio.file.Path;
import org.domus.broker.BrokerStatus;
import org.domus.ingest.LiveState;
import org.domus.store.Database;
import org.domus.ui.simulator.SimulatorControl;

/** The running core as the console window sees it. Whoever started the core closes it. */
public interface ConsoleSession {

    Database store();

    LiveState liveState();

    BrokerStatus broker();

    Path dataDir();

    /** The console's simulators (the simulator panel). */
    SimulatorControl simulator();

    /** Rules, alerts, reminders and notifications (their screens). */
    org.domus.rules.RulesServices rules();

    /** True when the store was created by this start: the window then starts the demo house's simulators. */
    boolean firstRun();
}
