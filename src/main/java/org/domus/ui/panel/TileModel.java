package org.domus.ui.panel;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import org.domus.model.Attribute;
import org.domus.model.AttributeKind;
import org.domus.model.Device;
import org.domus.model.SeriesPath;
import org.domus.ui.live.CommandStatus;
import org.domus.ui.live.CommandTracker;
import org.domus.ui.live.DeviceState;
import org.domus.ui.live.HomeLive;
import org.domus.ui.live.SeriesState;

/**
 * One device tile's state and commands: its main value (with unit and a sparkline of the last hour), its
 * condition (online, offline, alarm, last seen) and its inline controls with the state of their commands.
 * Made once per device and kept while the device stays in view, so a tile is never rebuilt by a live value.
 * FX thread.
 */
public final class TileModel {

    /** Which attribute a tile shows large, in this order; else the first numeric, else the first. */
    static final List<String> MAIN_ORDER = List.of("temperature", "co2", "brightness", "position", "watts",
            "smoke", "leak", "motion", "contact", "humidity", "power", "mode");

    private final Device device;
    private final List<Attribute> attributes;
    private final Attribute main;
    private final SeriesState mainState;
    private final DeviceState deviceState;
    private final List<TileControl> controls;
    private final HomeLive home;
    private final CommandTracker commands;

    TileModel(Device device, List<Attribute> attributes, HomeLive home, CommandTracker commands) {
        this.device = Objects.requireNonNull(device, "device");
        this.attributes = List.copyOf(attributes);
        this.home = Objects.requireNonNull(home, "home");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.main = chooseMain(this.attributes).orElse(null);
        this.mainState = main == null ? null
                : main.kind() == AttributeKind.NUMERIC ? home.seriesWithHistory(main.path()) : home.series(main.path());
        this.deviceState = home.device(device.address());
        this.controls = TileControl.choose(this.attributes);
    }

    static Optional<Attribute> chooseMain(List<Attribute> attributes) {
        List<Attribute> shown = attributes.stream().filter(a -> !a.path().attribute().equals("status")).toList();
        for (String name : MAIN_ORDER) {
            for (Attribute attribute : shown) {
                if (attribute.path().attribute().equals(name)) {
                    return Optional.of(attribute);
                }
            }
        }
        return shown.stream().filter(a -> a.kind() == AttributeKind.NUMERIC).findFirst()
                .or(() -> shown.stream().findFirst());
    }

    public Device device() {
        return device;
    }

    public String name() {
        return device.name();
    }

    public String kind() {
        return device.kind();
    }

    /** The attribute shown large; empty for a device with no attributes yet. */
    public Optional<Attribute> main() {
        return Optional.ofNullable(main);
    }

    public Optional<SeriesState> mainState() {
        return Optional.ofNullable(mainState);
    }

    public boolean hasSparkline() {
        return main != null && main.kind() == AttributeKind.NUMERIC;
    }

    public DeviceState state() {
        return deviceState;
    }

    public List<TileControl> controls() {
        return controls;
    }

    /** The live value of a control's attribute. */
    public SeriesState value(TileControl control) {
        return home.series(control.attribute().path());
    }

    public ReadOnlyObjectProperty<CommandStatus> commandStatus(TileControl control) {
        return commands.status(control.attribute().path());
    }

    /** Switches a toggle to the other state than the one the device last reported. */
    public void toggle(TileControl.Toggle toggle) {
        boolean on = toggle.isOn(value(toggle).getText());
        send(toggle.attribute().path(), on ? toggle.offValue() : toggle.onValue());
    }

    /** Sets a level (a slider let go). */
    public void setLevel(TileControl.Level level, double value) {
        double clamped = Math.max(level.min(), Math.min(level.max(), value));
        send(level.attribute().path(), format(Math.round(clamped)));
    }

    /** Moves a setpoint by {@code steps} steps from what the device last reported (or the last sent value). */
    public void stepSetpoint(TileControl.Setpoint setpoint, int steps) {
        double current = currentSetpoint(setpoint);
        send(setpoint.attribute().path(), format(setpoint.clamp(current + steps * setpoint.step())));
    }

    /** The setpoint to step from: the pending command's value if one is in flight, else the reported one. */
    double currentSetpoint(TileControl.Setpoint setpoint) {
        CommandStatus status = commandStatus(setpoint).get();
        String text = status != null && !status.isFinal() ? status.value() : value(setpoint).getText();
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException | NullPointerException e) {
            return (setpoint.min() + setpoint.max()) / 2;
        }
    }

    private void send(SeriesPath series, String value) {
        commands.send(series, value);
    }

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
