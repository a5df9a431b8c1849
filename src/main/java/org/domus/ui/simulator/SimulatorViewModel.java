package org.domus.ui.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.domus.model.DeviceAddress;
import org.domus.sim.Fault;
import org.domus.sim.SimulatorStatus;

/**
 * The simulator panel's state and commands. Slow work (starting, stopping, faults) runs on {@code background};
 * its results come back through {@code toFx} (the FX thread in the console, {@code Runnable::run} in tests).
 * Properties are read and commands called on the FX thread.
 */
public final class SimulatorViewModel {

    private final SimulatorControl control;
    private final Executor background;
    private final Executor toFx;

    private final ObservableList<String> houses = FXCollections.observableArrayList();
    private final ObservableList<DeviceAddress> devices = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("Not running");
    private final StringProperty message = new SimpleStringProperty("");

    public SimulatorViewModel(SimulatorControl control, Executor background, Executor toFx) {
        this.control = Objects.requireNonNull(control, "control");
        this.background = Objects.requireNonNull(background, "background");
        this.toFx = Objects.requireNonNull(toFx, "toFx");
        houses.setAll(control.houses());
        refresh();
    }

    public ObservableList<String> houses() {
        return houses;
    }

    public ObservableList<DeviceAddress> devices() {
        return devices;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** The outcome of the last action, one line (empty when there is nothing to say). */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public void start(String house, int scale, double rate) {
        String what = scale > 0 ? scale + " generated devices in house " + house : "house " + house;
        run(() -> control.start(house, scale, rate), "Started simulating " + what + ".");
    }

    public void stop() {
        run(control::stop, "Stopped the simulators.");
    }

    public void inject(DeviceAddress device, Fault fault) {
        if (device == null) {
            message.set("Choose a device first.");
            return;
        }
        run(() -> control.inject(device, fault), describe(fault) + ": " + device + ".");
    }

    public void reconnectStorm(int count) {
        busy.set(true);
        background.execute(() -> {
            try {
                int dropped = control.reconnectStorm(count);
                toFx.execute(() -> done("Reconnect storm: " + dropped + " devices dropped and reconnecting."));
            } catch (RuntimeException e) {
                toFx.execute(() -> done(oneLine(e)));
            }
        });
    }

    /** Reads the figures again; on the FX thread (a timer in the view calls it). */
    public void refresh() {
        Optional<SimulatorStatus> current = control.status();
        running.set(current.map(SimulatorStatus::running).orElse(false));
        status.set(current.map(SimulatorViewModel::describe).orElse("Not running"));
        List<DeviceAddress> now = current.isPresent() ? control.devices() : List.of();
        if (!now.equals(devices)) {
            devices.setAll(now);
        }
    }

    static String describe(SimulatorStatus s) {
        if (!s.running()) {
            return "Stopped after sending " + s.sent() + " messages";
        }
        String storm = s.connectStormTime().map(d -> ", all connected in " + seconds(d)).orElse("");
        return String.format(Locale.ROOT, "%d of %d devices connected%s · %d messages sent (%.0f/s) · "
                        + "commands obeyed %d, refused %d, ignored %d%s",
                s.connected(), s.devices(), storm, s.sent(), s.rate(), s.obeyed(), s.refused(), s.ignored(),
                s.connectProblem().map(p -> " · last connect problem: " + p).orElse(""));
    }

    static String describe(Fault fault) {
        return switch (fault) {
            case Fault.Offline offline -> offline.backAfter() == null ? "Went offline"
                    : "Went offline for " + seconds(offline.backAfter());
            case Fault.Malformed malformed -> "Sent a malformed payload";
            case Fault.Stuck stuck -> "Stuck at its values";
            case Fault.LateAnswers late -> "Answers commands " + seconds(late.extra()) + " late";
            case Fault.Mute mute -> "Ignores commands";
            case Fault.Recover recover -> "Recovered";
        };
    }

    private void run(Runnable action, String success) {
        busy.set(true);
        message.set("");
        background.execute(() -> {
            try {
                action.run();
                toFx.execute(() -> done(success));
            } catch (RuntimeException e) {
                toFx.execute(() -> done(oneLine(e)));
            }
        });
    }

    private void done(String text) {
        busy.set(false);
        message.set(text);
        refresh();
    }

    private static String oneLine(RuntimeException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
