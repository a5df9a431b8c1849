package org.domus.ui.provision;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.domus.ingest.HubStatus;
import org.domus.ingest.HubStatusListener;
import org.domus.model.House;
import org.domus.provision.ProvisionProgress;
import org.domus.provision.ProvisionRequest;
import org.domus.provision.ProvisionResult;
import org.domus.provision.ProvisionService;
import org.domus.store.Database;
import org.domus.store.PasswordHasher;
import org.domus.store.StoreOptions;

/** Provisioning on a real store in a temporary folder; hub statuses pushed by the test. */
final class StoreProvisioning implements HubProvisioning, AutoCloseable {

    static final String CA = "-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----\n";

    final Database store;
    final ProvisionService service;
    final List<HubStatusListener> listeners = new CopyOnWriteArrayList<>();

    StoreProvisioning(Path dir) {
        store = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        House house = store.houses().ensureHouse("house42", "House 42", ZoneOffset.UTC);
        store.houses().ensureRoom(house.id(), null, "kitchen", "Kitchen");
        store.houses().ensureHouse("bare", "Zero rooms", ZoneOffset.UTC);
        service = new ProvisionService(store.houses(), store.hubs(), new PasswordHasher(64, 1, 1), Clock.systemUTC(),
                username -> { });
    }

    void push(HubStatus status) {
        listeners.forEach(listener -> listener.onHubStatus(status));
    }

    @Override
    public List<String> houses() {
        return store.houses().listHouses().stream().map(House::slug).toList();
    }

    @Override
    public List<String> consoleHosts() {
        return List.of("192.168.1.20", "console.local");
    }

    @Override
    public int consolePort() {
        return 8883;
    }

    @Override
    public ProvisionResult provision(ProvisionRequest request, ProvisionProgress progress) {
        return service.provision(request, CA, "AB:CD", progress);
    }

    @Override
    public List<HubStatus> hubStatuses() {
        return List.of();
    }

    @Override
    public void addHubListener(HubStatusListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeHubListener(HubStatusListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        store.close();
    }
}
