package org.domus.ui.live;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.domus.ingest.LiveState;
import org.domus.model.AttributeKind;
import org.domus.model.DeviceAddress;
import org.domus.model.Floor;
import org.domus.model.House;
import org.domus.model.Reading;
import org.domus.model.Room;
import org.domus.model.SeriesPath;
import org.domus.store.Database;
import org.domus.store.StoreOptions;
import org.domus.ui.fx.FrameBridge;

/**
 * A real store in a temporary folder with a small demo house (two floors, three rooms: a light, a dimmer, a
 * thermostat, a smoke alarm) and a second house, and helpers to feed live readings into a {@link HomeLive}.
 */
public final class UiFixtures {

    public static final SeriesPath LIGHT_POWER = SeriesPath.parse("demo/living-room/ceiling-light/power");
    public static final SeriesPath DIMMER_BRIGHTNESS = SeriesPath.parse("demo/living-room/floor-lamp/brightness");
    public static final SeriesPath DIMMER_POWER = SeriesPath.parse("demo/living-room/floor-lamp/power");
    public static final SeriesPath TEMPERATURE = SeriesPath.parse("demo/living-room/thermostat/temperature");
    public static final SeriesPath SETPOINT = SeriesPath.parse("demo/living-room/thermostat/setpoint");
    public static final SeriesPath MODE = SeriesPath.parse("demo/living-room/thermostat/mode");
    public static final SeriesPath SMOKE = SeriesPath.parse("demo/kitchen/smoke-alarm/smoke");
    public static final SeriesPath BATTERY = SeriesPath.parse("demo/kitchen/smoke-alarm/battery");
    public static final DeviceAddress LIGHT = LIGHT_POWER.deviceAddress();
    public static final DeviceAddress THERMOSTAT = TEMPERATURE.deviceAddress();
    public static final DeviceAddress SMOKE_ALARM = SMOKE.deviceAddress();

    private UiFixtures() {
    }

    public static Database store(Path folder) {
        Database database = Database.open(folder.resolve("domus.db"), StoreOptions.defaults());
        var houses = database.houses();
        House demo = houses.ensureHouse("demo", "Demo house", ZoneOffset.UTC);
        Floor ground = houses.addFloor(demo.id(), "Ground floor", 0);
        Floor upstairs = houses.addFloor(demo.id(), "Upstairs", 1);
        Room living = houses.ensureRoom(demo.id(), ground.id(), "living-room", "Living room");
        Room kitchen = houses.ensureRoom(demo.id(), ground.id(), "kitchen", "Kitchen");
        houses.ensureRoom(demo.id(), upstairs.id(), "bedroom", "Bedroom");
        houses.ensureDevice(LIGHT, living.id(), "Ceiling light", "on-off-light");
        houses.ensureAttribute(LIGHT_POWER, AttributeKind.ENUM, "", true, null, null, List.of("ON", "OFF"));
        houses.ensureDevice(DIMMER_POWER.deviceAddress(), living.id(), "Floor lamp", "dimmable-light");
        houses.ensureAttribute(DIMMER_POWER, AttributeKind.ENUM, "", true, null, null, List.of("ON", "OFF"));
        houses.ensureAttribute(DIMMER_BRIGHTNESS, AttributeKind.NUMERIC, "%", true, 0.0, 100.0, null);
        houses.ensureDevice(THERMOSTAT, living.id(), "Thermostat", "thermostat");
        houses.ensureAttribute(TEMPERATURE, AttributeKind.NUMERIC, "°C", false, -20.0, 45.0, null);
        houses.ensureAttribute(SETPOINT, AttributeKind.NUMERIC, "°C", true, 5.0, 30.0, null);
        houses.ensureAttribute(MODE, AttributeKind.ENUM, "", true, null, null, List.of("heat", "off"));
        houses.ensureDevice(SMOKE_ALARM, kitchen.id(), "Smoke alarm", "smoke-alarm");
        houses.ensureAttribute(SMOKE, AttributeKind.BOOLEAN, "", false, null, null, null);
        houses.ensureAttribute(BATTERY, AttributeKind.NUMERIC, "%", false, 0.0, 100.0, null);

        House cabin = houses.ensureHouse("cabin", "Lake cabin", ZoneOffset.UTC);
        Room porch = houses.ensureRoom(cabin.id(), null, "porch", "Porch");
        houses.ensureDevice(new DeviceAddress("cabin", "porch", "lamp"), porch.id(), "Porch lamp", "on-off-light");
        return database;
    }

    /** A started {@link HomeLive} on {@code database}, reading and bridging on the calling thread. */
    public static HomeLive home(Database database, LiveState liveState) {
        return home(database, liveState, Runnable::run, new FrameBridge(Runnable::run));
    }

    public static HomeLive home(Database database, LiveState liveState, Executor background, FrameBridge bridge) {
        HomeLive home = new HomeLive(database.houses(), database.history(), liveState, background, bridge,
                Clock.systemUTC());
        home.start();
        return home;
    }

    /** Hands readings to {@code home} as one batch, as the frame bridge would. FX thread (or the test's). */
    public static void push(HomeLive home, Reading... readings) {
        Map<SeriesPath, Reading> batch = new LinkedHashMap<>();
        for (Reading reading : readings) {
            batch.put(reading.series(), reading);
        }
        home.applyReadings(batch);
    }

    /** A reading of {@code text} now: numeric when it parses, boolean for true/false, else an enum. */
    public static Reading reading(SeriesPath series, String text) {
        return reading(series, text, Instant.now());
    }

    public static Reading reading(SeriesPath series, String text, Instant at) {
        Double number = text.matches("-?\\d+(\\.\\d+)?") ? Double.valueOf(text) : null;
        AttributeKind kind = number != null ? AttributeKind.NUMERIC
                : text.equals("true") || text.equals("false") ? AttributeKind.BOOLEAN : AttributeKind.ENUM;
        if (kind == AttributeKind.BOOLEAN) {
            number = text.equals("true") ? 1.0 : 0.0;
        }
        return new Reading(series, at, text, number, kind, null, false);
    }
}
