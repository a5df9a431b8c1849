package org.domus.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.domus.ingest.LiveState;
import org.domus.model.Reading;
import org.domus.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared live houses, without a toolkit: a real store, synchronous executors. */
class HomeLiveTest {

    @TempDir
    Path folder;

    private Database database;
    private HomeLive home;

    @BeforeEach
    void open() {
        database = UiFixtures.store(folder);
        home = UiFixtures.home(database, new LiveState());
    }

    @AfterEach
    void close() {
        home.close();
        database.close();
    }

    @Test
    void readsTheStructureDemoHouseFirst() {
        HomeStructure structure = home.structure();
        assertEquals(List.of("demo", "cabin"), structure.houses().stream().map(h -> h.house().slug()).toList());
        assertEquals(List.of("Ground floor", "Upstairs"),
                structure.houses().getFirst().floors().stream().map(f -> f.name()).toList());
        assertEquals(5, structure.deviceCount());
    }

    @Test
    void keepsTheLatestValueAndNeverGoesBackInTime() {
        Instant now = Instant.now();
        UiFixtures.push(home, UiFixtures.reading(UiFixtures.TEMPERATURE, "21.5", now));
        UiFixtures.push(home, UiFixtures.reading(UiFixtures.TEMPERATURE, "19.0", now.minusSeconds(5)));
        SeriesState state = home.series(UiFixtures.TEMPERATURE);
        assertEquals("21.5", state.getText());
        assertEquals(21.5, state.numberProperty().get());
        assertEquals(1, state.sparkline().size());
        assertSame(state, home.series(UiFixtures.TEMPERATURE), "one state per series, shared");
    }

    @Test
    void keepsNoSparklinePointsForASeriesNoViewAskedForUntilOneDoes() {
        Instant now = Instant.now();
        for (int i = 3; i >= 1; i--) {
            UiFixtures.push(home, UiFixtures.reading(UiFixtures.TEMPERATURE, Double.toString(20 + i),
                    now.minusSeconds(i)));
        }
        SeriesState state = home.series(UiFixtures.TEMPERATURE);
        assertEquals(1, state.sparkline().size(), "only the current value, from when a view asked");
        assertEquals(21.0, state.sparkline().points().getLast().value());
        UiFixtures.push(home, UiFixtures.reading(UiFixtures.TEMPERATURE, "24.5", now));
        assertEquals(2, state.sparkline().size());
    }

    @Test
    void followsOnlineOfflineAndAlarms() {
        DeviceState smoke = home.device(UiFixtures.SMOKE_ALARM);
        assertEquals(null, smoke.isOnline());
        UiFixtures.push(home, UiFixtures.reading(UiFixtures.SMOKE_ALARM.attribute("status"), "online"));
        assertTrue(smoke.isOnline());
        UiFixtures.push(home, UiFixtures.reading(UiFixtures.SMOKE, "true"));
        assertTrue(smoke.isAlarm());
        UiFixtures.push(home, UiFixtures.reading(UiFixtures.SMOKE, "false"),
                UiFixtures.reading(UiFixtures.SMOKE_ALARM.attribute("status"), "offline"));
        assertFalse(smoke.isAlarm());
        assertFalse(smoke.isOnline());
    }

    @Test
    void aSeriesOfAnUnknownDeviceReadsTheStructureAgain() {
        var address = new org.domus.model.DeviceAddress("demo", "kitchen", "kettle");
        database.houses().ensureDevice(address, null, "Kettle", "smart-plug");
        assertTrue(home.structure().device(address).isEmpty());
        UiFixtures.push(home, UiFixtures.reading(address.attribute("power"), "ON"));
        assertTrue(home.structure().device(address).isPresent());
    }

    @Test
    void readsTheLastHourForASparklineOnceAndMergesLiveValues() {
        Instant now = Instant.now();
        UiFixtures.push(home, UiFixtures.reading(UiFixtures.TEMPERATURE, "22.0", now));
        List<Reading> stored = new ArrayList<>();
        for (int i = 30; i >= 1; i--) {
            stored.add(UiFixtures.reading(UiFixtures.TEMPERATURE, Double.toString(20 + i / 10.0),
                    now.minusSeconds(60L * i)));
        }
        TelemetryWrites.store(database, stored);
        SeriesState state = home.seriesWithHistory(UiFixtures.TEMPERATURE);
        assertEquals(31, state.sparkline().size(), "30 stored points before the live one");
        assertEquals(22.0, state.sparkline().points().getLast().value());
        home.seriesWithHistory(UiFixtures.TEMPERATURE);
        assertEquals(31, state.sparkline().size(), "history is read once");
    }
}
