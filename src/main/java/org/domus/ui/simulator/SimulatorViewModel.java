package org.domus.ui.simulator;

import java.time.Duration;
import java.util.List;
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
import org.domus.ui.fx.Messages;

/**
 * The simulator panel's state and commands. Slow work (starting, stopping, faults) runs on {@code background};
 * its results come back through {@code toFx} (the FX thread in the console, {@code Runnable::run} in tests).
 * Properties are read and commands called on the FX thread.
 */
public final class SimulatorViewModel {

    private final SimulatorControl control;
    private final Executor background;
    private final Executor toFx;
    private final Messages messages;

    private final ObservableList<String> houses = FXCollections.observableArrayList();
    private final ObservableList<DeviceAddress> devices = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");

    public SimulatorViewModel(SimulatorControl control, Executor background, Executor toFx, Messages messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
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
        String done = scale > 0 ? messages.format("simulator.started-scaled", scale, house)
                : messages.format("simulator.started", house);
        run(() -> control.start(house, scale, rate), done);
    }

    public void stop() {
        run(control::stop, messages.text("simulator.stopped"));
    }

    public void inject(DeviceAddress device, Fault fault) {
        if (device == null) {
            message.set(messages.text("simulator.choose-device"));
            return;
        }
        run(() -> control.inject(device, fault), messages.format("simulator.fault-done", describe(fault), device));
    }

    public void reconnectStorm(int count) {
        busy.set(true);
        background.execute(() -> {
            try {
                int dropped = control.reconnectStorm(count);
                toFx.execute(() -> done(messages.format("simulator.storm-done", dropped)));
            } catch (RuntimeException e) {
                toFx.execute(() -> done(oneLine(e)));
            }
        });
    }

    /** Reads the figures again; on the FX thread (a timer in the view calls it). */
    public void refresh() {
        Optional<SimulatorStatus> current = control.status();
        running.set(current.map(SimulatorStatus::running).orElse(false));
        status.set(current.map(this::describe).orElse(messages.text("simulator.not-running")));
        List<DeviceAddress> now = current.isPresent() ? control.devices() : List.of();
        if (!now.equals(devices)) {
            devices.setAll(now);
        }
    }

    String describe(SimulatorStatus s) {
        if (!s.running()) {
            return messages.format("simulator.stopped-after", s.sent());
        }
        String storm = s.connectStormTime().map(d -> messages.format("simulator.connected-in", seconds(d))).orElse("");
        String problem = s.connectProblem().map(p -> messages.format("simulator.connect-problem", p)).orElse("");
        return messages.format("simulator.status", s.connected(), s.devices(), storm, s.sent(),
                String.format(messages.locale(), "%.0f", s.rate()), s.obeyed(), s.refused(), s.ignored(), problem);
    }

    String describe(Fault fault) {
        return switch (fault) {
            case Fault.Offline offline -> offline.backAfter() == null ? messages.text("simulator.did.offline")
                    : messages.format("simulator.did.offline-for", seconds(offline.backAfter()));
            case Fault.Malformed malformed -> messages.text("simulator.did.malformed");
            case Fault.Stuck stuck -> messages.text("simulator.did.stuck");
            case Fault.LateAnswers late -> messages.format("simulator.did.late", seconds(late.extra()));
            case Fault.Mute mute -> messages.text("simulator.did.mute");
            case Fault.Recover recover -> messages.text("simulator.did.recover");
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

    private String seconds(Duration duration) {
        return String.format(messages.locale(), "%.1f s", duration.toMillis() / 1000.0);
    }
}
