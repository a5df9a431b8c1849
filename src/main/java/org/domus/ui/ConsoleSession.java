package org.domus.ui;

import java.nio.file.Path;
import org.domus.broker.BrokerStatus;
import org.domus.ingest.LiveState;
import org.domus.store.Database;

/** The running core as the console window sees it. Whoever started the core closes it. */
public interface ConsoleSession {

    Database store();

    LiveState liveState();

    BrokerStatus broker();

    Path dataDir();
}
