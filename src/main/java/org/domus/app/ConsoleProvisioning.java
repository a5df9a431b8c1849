package org.domus.app;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.domus.broker.ConsoleCertificates;
import org.domus.broker.TlsException;
import org.domus.ingest.HubStatus;
import org.domus.ingest.HubStatusListener;
import org.domus.model.House;
import org.domus.provision.ProvisionException;
import org.domus.provision.ProvisionProgress;
import org.domus.provision.ProvisionRequest;
import org.domus.provision.ProvisionResult;
import org.domus.provision.ProvisionService;
import org.domus.store.PasswordHasher;
import org.domus.ui.provision.HubProvisioning;

/** The hubs view's view of the running core: its houses, its CA, its TLS port, its hubs' status. */
public final class ConsoleProvisioning implements HubProvisioning {

    private final DomusCore core;
    private final ProvisionService service;

    public ConsoleProvisioning(DomusCore core) {
        this.core = core;
        this.service = new ProvisionService(core.store().houses(), core.store().hubs(), PasswordHasher.standard(),
                Clock.systemUTC(), core::credentialChanged);
    }

    @Override
    public List<String> houses() {
        return core.store().houses().listHouses().stream().map(House::slug).toList();
    }

    @Override
    public List<String> consoleHosts() {
        return ConsoleAddresses.reachable();
    }

    @Override
    public int consolePort() {
        return core.broker().tlsPort();
    }

    @Override
    public ProvisionResult provision(ProvisionRequest request, ProvisionProgress progress) {
        Set<String> names = new LinkedHashSet<>(ConsoleCertificates.machineNames());
        names.addAll(request.consoleHosts());
        ConsoleCertificates certificates;
        try {
            certificates = ConsoleCertificates.loadOrCreate(core.config().dataDir(), names, Clock.systemUTC());
        } catch (TlsException e) {
            throw new ProvisionException(e.getMessage(), e);
        }
        // Issued again when an address of the request was missing: the running broker presents it at once.
        core.certificatesChanged(certificates);
        return service.provision(request, certificates.caPem(), certificates.caFingerprint(), progress);
    }

    @Override
    public List<HubStatus> hubStatuses() {
        return core.ingest().hubs().statuses();
    }

    @Override
    public void addHubListener(HubStatusListener listener) {
        core.ingest().hubs().addListener(listener);
    }

    @Override
    public void removeHubListener(HubStatusListener listener) {
        core.ingest().hubs().removeListener(listener);
    }
}
