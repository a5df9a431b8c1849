package org.domus.ui.device;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.domus.ingest.LiveState;
import org.domus.model.CommandState;
import org.domus.model.Event;
import org.domus.model.Reading;
import org.domus.store.Database;
import org.domus.ui.fx.FrameBridge;
import org.domus.ui.live.CommandTracker;
import org.domus.ui.live.HomeLive;
import org.domus.ui.live.TelemetryWrites;
import org.domus.ui.live.TestGateway;
import org.domus.ui.live.UiFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device in detail without a toolkit: history by range through the store's query, then live points. */
class DeviceDetailViewModelTest {

    @TempDir
    Path folder;

    private Database database;
    private HomeLive home;
    private final TestGateway gateway = new TestGateway();
    private DeviceDetailViewModel viewModel;
    private final Instant now = Instant.now();

    @BeforeEach
    void open() {
        database = UiFixtures.store(folder);
        List<Reading> stored = new ArrayList<>();
        // Every minute for two days: 2,880 readings of the temperature.
        for (int minute = 2 * 24 * 60; minute >= 1; minute--) {
            stored.add(UiFixtures.reading(UiFixtures.TEMPERATURE, String.format(java.util.Locale.ROOT, "%.1f",
                    20 + Math.sin(minute / 60.0)), now.minusSeconds(60L * minute)));
        }
        TelemetryWrites.store(database, stored);
        home = UiFixtures.home(database, new LiveState());
        viewModel = new DeviceDetailViewModel(UiFixtures.THERMOSTAT, home,
                new CommandTracker(gateway, new FrameBridge(Runnable::run)), database.history(), database.events(),
                Runnable::run, new FrameBridge(Runnable::run), java.time.Clock.systemUTC());
        viewModel.start();
    }

    @AfterEach
    void close() {
        viewModel.close();
        home.close();
        database.close();
    }

    @Test
    void describesTheDeviceAndChartsItsNumericAttributes() {
        assertEquals("Thermostat", viewModel.titleProperty().get());
        assertEquals("Living room · Demo house", viewModel.placeProperty().get());
        assertEquals(List.of("mode", "setpoint", "temperature"),
                viewModel.attributes().stream().map(a -> a.path().attribute()).toList());
        assertEquals(List.of("setpoint (°C)", "temperature (°C)"),
                viewModel.chart().stream().map(ChartSeries::label).toList());
        assertEquals(List.of("mode", "setpoint"),
                viewModel.writable().stream().map(a -> a.path().attribute()).toList());
    }

    @Test
    void readsTheRangeAndReadsAgainWhenItChanges() {
        ChartSeries temperature = temperature();
        assertEquals(ChartRange.HOUR_1, viewModel.rangeProperty().get());
        int hour = temperature.points().size();
        assertTrue(hour >= 59 && hour <= 61, "an hour of minutes: " + hour);

        viewModel.setRange(ChartRange.MINUTES_15);
        assertTrue(temperature.points().size() <= 16, "15 minutes: " + temperature.points().size());

        viewModel.setRange(ChartRange.HOURS_24);
        int day = temperature.points().size();
        assertTrue(day > 61 && day <= DeviceDetailViewModel.HISTORY_POINTS, "a day, downsampled: " + day);
        assertEquals(Duration.ofHours(24), Duration.between(viewModel.fromProperty().get(),
                viewModel.toProperty().get()));

        viewModel.setRange(ChartRange.DAYS_7);
        assertTrue(temperature.points().size() > 0);
        assertTrue(viewModel.lastLoadProperty().get() != null);
        assertEquals("", viewModel.problemProperty().get());
    }

    @Test
    void aCustomRangeShowsItsBoundsAndDoesNotFollowLiveData() {
        viewModel.setCustomRange(now.minus(Duration.ofHours(30)), now.minus(Duration.ofHours(29)));
        ChartSeries temperature = temperature();
        int points = temperature.points().size();
        assertTrue(points >= 59 && points <= 61, "one hour, a day ago: " + points);
        UiFixtures.push(home, UiFixtures.reading(UiFixtures.TEMPERATURE, "25.0"));
        assertEquals(points, temperature.points().size());
    }

    @Test
    void followsLiveValuesUnlessPausedAndStaysBounded() {
        ChartSeries temperature = temperature();
        int before = temperature.points().size();
        UiFixtures.push(home, UiFixtures.reading(UiFixtures.TEMPERATURE, "23.5", now.plusSeconds(1)));
        assertEquals(before + 1, temperature.points().size());
        assertEquals(23.5, temperature.points().getLast().getYValue().doubleValue());

        viewModel.pausedProperty().set(true);
        UiFixtures.push(home, UiFixtures.reading(UiFixtures.TEMPERATURE, "24.0", now.plusSeconds(2)));
        assertEquals(23.5, temperature.points().getLast().getYValue().doubleValue(), "paused");
        assertEquals("24.0", viewModel.value(temperature.attribute()).getText(), "the value itself still moves");

        viewModel.pausedProperty().set(false);
        for (int i = 0; i < DeviceDetailViewModel.MAX_POINTS + 50; i++) {
            UiFixtures.push(home, UiFixtures.reading(UiFixtures.TEMPERATURE, "22.0", now.plusMillis(3_000 + i)));
        }
        assertEquals(DeviceDetailViewModel.MAX_POINTS, temperature.points().size());
    }

    @Test
    void sendsACommandAndShowsItsStateAndEvents() {
        var setpoint = viewModel.writable().get(1);
        viewModel.send(setpoint, "22.5");
        assertEquals(CommandState.PENDING, viewModel.commandStatus(setpoint).get().state());
        gateway.answer(gateway.last().traceId(), CommandState.TIMED_OUT, "no answer after 2 attempts");
        assertEquals("no answer after 2 attempts", viewModel.commandStatus(setpoint).get().reason());

        database.events().append(new Event(0, now, "command.requested", "demo",
                UiFixtures.SETPOINT.toString(), "trace-1", "asked to set 22.5 by console"));
        database.events().append(new Event(0, now, "command.requested", "demo",
                UiFixtures.LIGHT_POWER.toString(), "trace-2", "another device"));
        await().atMost(Duration.ofSeconds(5)).until(() -> database.events().recent(5).size() == 2);
        viewModel.refreshEvents();
        assertEquals(List.of("trace-1"), viewModel.eventLog().stream().map(Event::traceId).toList());
    }

    private ChartSeries temperature() {
        return viewModel.chart().stream().filter(s -> s.attribute().path().equals(UiFixtures.TEMPERATURE))
                .findFirst().orElseThrow();
    }

    @Test
    void aDeviceNotYetReadIsDescribedAndChartedOnceTheHousesAre() {
        HomeLive later = new HomeLive(database.houses(), database.history(), new LiveState(), Runnable::run,
                new FrameBridge(Runnable::run), java.time.Clock.systemUTC());
        DeviceDetailViewModel early = new DeviceDetailViewModel(UiFixtures.THERMOSTAT, later,
                new CommandTracker(gateway, new FrameBridge(Runnable::run)), database.history(), database.events(),
                Runnable::run, new FrameBridge(Runnable::run), java.time.Clock.systemUTC());
        early.start();
        assertTrue(early.chart().isEmpty());
        later.start();
        assertEquals("Thermostat", early.titleProperty().get());
        assertTrue(early.chart().stream().anyMatch(s -> !s.points().isEmpty()), "history read once described");
        early.close();
        later.close();
    }
}
