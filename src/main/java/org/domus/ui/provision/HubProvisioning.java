package org.domus.ui.provision;

import java.util.List;
import org.domus.ingest.HubStatusListener;
import org.domus.ingest.HubStatus;
import org.domus.provision.ProvisionProgress;
import org.domus.provision.ProvisionRequest;
import org.domus.provision.ProvisionResult;

/** What the hubs view needs of the running console. Implemented by the application's wiring. */
public interface HubProvisioning {

    /** The houses a hub can be made for (slugs). */
    List<String> houses();

    /** The console's names and addresses a hub on the network could use, preferred first. */
    List<String> consoleHosts();

    /** The broker's TLS port, or -1 when it has none. */
    int consolePort();

    /** Makes the hub and writes its files; runs on the calling (background) thread. */
    ProvisionResult provision(ProvisionRequest request, ProvisionProgress progress);

    List<HubStatus> hubStatuses();

    void addHubListener(HubStatusListener listener);

    void removeHubListener(HubStatusListener listener);
}
