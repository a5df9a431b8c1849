package org.domus.provision;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.domus.model.House;
import org.domus.store.Database;
import org.domus.store.PasswordHasher;
import org.domus.store.StoreOptions;

/** A real store in a temporary folder with a house that has a room, and a provisioning service on it. */
final class ProvisionFixture implements AutoCloseable {

    static final String HOUSE = "house42";
    static final String CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";
    static final String FINGERPRINT = "AB:CD:EF";
    static final String SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTests0123456789abcdefghij installer@laptop";

    final Database store;
    final ProvisionService service;
    final House house;

    ProvisionFixture(Path dir) {
        store = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        house = store.houses().ensureHouse(HOUSE, "House 42", ZoneId.of("Europe/London"));
        store.houses().ensureRoom(house.id(), null, "kitchen", "Kitchen");
        store.houses().ensureHouse("empty", "Empty house", ZoneId.of("Europe/London"));
        service = new ProvisionService(store.houses(), store.hubs(), new PasswordHasher(64, 1, 1), Clock.systemUTC(),
                username -> { });
    }

    static ProvisionRequest request(BootFormat format, Path out) {
        return new ProvisionRequest(HOUSE, format, out, "hub-house42", "installer", "s3cret pass", SSH_KEY,
                "Home \"Net\" ü", "correct horse", "gb", "Europe/London", "gb", List.of("192.168.1.20", "console.local"),
                8883);
    }

    @Override
    public void close() {
        store.close();
    }
}
