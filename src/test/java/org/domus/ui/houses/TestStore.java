package org.domus.ui.houses;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.domus.broker.BrokerMetrics;
import org.domus.broker.BrokerStatus;
import org.domus.model.AttributeKind;
import org.domus.model.DeviceAddress;
import org.domus.model.House;
import org.domus.model.Room;
import org.domus.model.SeriesPath;
import org.domus.store.Database;
import org.domus.store.StoreOptions;

/** A real store in a temporary folder holding a small demo house and a second house, for the houses screen. */
final class TestStore {

    static final SeriesPath TEMPERATURE = SeriesPath.parse("demo/living-room/thermostat/temperature");
    static final SeriesPath SETPOINT = SeriesPath.parse("demo/living-room/thermostat/setpoint");
    static final SeriesPath POWER = SeriesPath.parse("demo/kitchen/kettle/power");
    static final SeriesPath DISCOVERED = SeriesPath.parse("demo/garage/door-sensor/contact");

    private TestStore() {
    }

    static Database open(Path folder) {
        Database database = Database.open(folder.resolve("domus.db"), StoreOptions.defaults());
        House demo = database.houses().ensureHouse("demo", "Demo house", ZoneOffset.UTC);
        Room living = database.houses().ensureRoom(demo.id(), null, "living-room", "Living room");
        Room kitchen = database.houses().ensureRoom(demo.id(), null, "kitchen", "Kitchen");
        database.houses().ensureDevice(new DeviceAddress("demo", "living-room", "thermostat"), living.id(),
                "Thermostat", "thermostat");
        database.houses().ensureAttribute(TEMPERATURE, AttributeKind.NUMERIC, "°C", false, null, null, null);
        database.houses().ensureAttribute(SETPOINT, AttributeKind.NUMERIC, "°C", true, 5.0, 30.0, null);
        database.houses().ensureDevice(new DeviceAddress("demo", "kitchen", "kettle"), kitchen.id(), "Kettle", "switch");
        database.houses().ensureAttribute(POWER, AttributeKind.ENUM, "", true, null, null, List.of("ON", "OFF"));

        House cabin = database.houses().ensureHouse("cabin", "Lake cabin", ZoneOffset.UTC);
        Room porch = database.houses().ensureRoom(cabin.id(), null, "porch", "Porch");
        database.houses().ensureDevice(new DeviceAddress("cabin", "porch", "lamp"), porch.id(), "Porch lamp", "light");
        return database;
    }

    /** A device discovered by ingest: not placed in a room, so it waits in the demo house's inbox. */
    static void discoverDevice(Database database) {
        database.houses().ensureDevice(DISCOVERED.deviceAddress(), null, "door-sensor", "unknown");
        database.houses().ensureAttribute(DISCOVERED, AttributeKind.TEXT, "", false, null, null, null);
    }

    static BrokerStatus broker(int clients, double rate) {
        return new BrokerStatus() {
            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return 18830;
            }

            @Override
            public BrokerMetrics metrics() {
                return new BrokerMetrics(clients, rate, 0, 0, 0, 0, 0, 0, 0, 0);
            }
        };
    }
}
