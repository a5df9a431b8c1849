package org.domus.ui.device;

import atlantafx.base.controls.ToggleSwitch;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.domus.model.Attribute;
import org.domus.model.AttributeKind;
import org.domus.model.CommandState;
import org.domus.ui.fx.Formats;
import org.domus.ui.fx.Messages;
import org.domus.ui.live.CommandStatus;
import org.domus.ui.live.SeriesState;

/**
 * The control of one writable attribute, chosen by its kind: a switch (boolean, or an ON/OFF choice), a slider
 * (a percentage), a number with its bounds, a choice of values, a colour, or text; under it the state of its
 * last command (pending → confirmed / failed / timed out, with the reason and trace id). Shows what the device
 * reports; sends only on a user's action.
 */
final class AttributeControl extends VBox {

    static final PseudoClass PENDING = PseudoClass.getPseudoClass("pending");
    static final PseudoClass CONFIRMED = PseudoClass.getPseudoClass("confirmed");
    static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final Attribute attribute;
    private final DeviceDetailViewModel viewModel;
    private final Messages messages;
    private final SeriesState state;
    private final Label status = new Label();
    private boolean showing;
    private Runnable resync = () -> { };

    AttributeControl(Attribute attribute, DeviceDetailViewModel viewModel, Messages messages) {
        this.attribute = Objects.requireNonNull(attribute, "attribute");
        this.viewModel = viewModel;
        this.messages = messages;
        this.state = viewModel.value(attribute);
        getStyleClass().addAll("attribute-control", "control-" + attribute.path().attribute());
        Label name = new Label(attribute.path().attribute());
        name.getStyleClass().add("control-name");
        name.setMinWidth(110);
        Node input = input();
        HBox row = new HBox(10, name, input);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(input, Priority.ALWAYS);
        status.getStyleClass().add("command-status");
        status.setWrapText(true);
        status.setVisible(false);
        status.setManaged(false);
        getChildren().addAll(row, status);
        viewModel.commandStatus(attribute).addListener((o, old, now) -> showStatus(now));
        showStatus(viewModel.commandStatus(attribute).get());
    }

    private void send(String value) {
        if (!showing) {
            viewModel.send(attribute, value);
        }
    }

    private Node input() {
        String name = attribute.path().attribute().toLowerCase(Locale.ROOT);
        if (attribute.kind() == AttributeKind.BOOLEAN || onOff() != null) {
            String[] values = attribute.kind() == AttributeKind.BOOLEAN ? new String[] {"true", "false"} : onOff();
            ToggleSwitch toggle = new ToggleSwitch();
            toggle.getStyleClass().add("control-switch");
            follow(text -> toggle.setSelected(text.strip().equalsIgnoreCase(values[0])));
            toggle.selectedProperty().addListener((o, was, on) -> send(on ? values[0] : values[1]));
            return toggle;
        }
        if (attribute.kind() == AttributeKind.ENUM) {
            ComboBox<String> choice = new ComboBox<>();
            choice.getItems().setAll(attribute.choices());
            choice.getStyleClass().add("control-choice");
            follow(text -> choice.setValue(text));
            choice.setOnAction(event -> {
                if (choice.getValue() != null && !choice.getValue().equals(state.getText())) {
                    send(choice.getValue());
                }
            });
            return choice;
        }
        if (attribute.kind() == AttributeKind.NUMERIC && attribute.min() != null && attribute.max() != null
                && (attribute.unit().equals("%") || name.equals("brightness") || name.equals("position"))) {
            Slider slider = new Slider(attribute.min(), attribute.max(), attribute.min());
            slider.getStyleClass().add("control-slider");
            Label value = new Label();
            value.getStyleClass().add("control-value");
            value.setMinWidth(56);
            value.textProperty().bind(slider.valueProperty().map(v -> Math.round(v.doubleValue()) + " "
                    + attribute.unit()));
            follow(text -> parse(text).ifPresent(v -> {
                if (!slider.isValueChanging()) {
                    slider.setValue(v);
                }
            }));
            slider.valueChangingProperty().addListener((o, was, changing) -> {
                if (!changing) {
                    send(Long.toString(Math.round(slider.getValue())));
                }
            });
            slider.setOnMouseReleased(event -> {
                if (!slider.isValueChanging()) {
                    send(Long.toString(Math.round(slider.getValue())));
                }
            });
            HBox box = new HBox(8, slider, value);
            box.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(slider, Priority.ALWAYS);
            return box;
        }
        if (attribute.kind() == AttributeKind.NUMERIC) {
            double min = attribute.min() == null ? -1e9 : attribute.min();
            double max = attribute.max() == null ? 1e9 : attribute.max();
            double step = name.contains("setpoint") || name.contains("temperature") ? 0.5 : 1;
            Spinner<Double> spinner = new Spinner<>();
            var factory = new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, Math.max(min, Math.min(max, 0)),
                    step);
            spinner.setValueFactory(factory);
            spinner.setEditable(true);
            spinner.setPrefWidth(120);
            spinner.getStyleClass().add("control-number");
            spinner.setTooltip(new Tooltip(messages.format("device.bounds", Formats.value(messages, attribute,
                    TileFormat.number(min)), Formats.value(messages, attribute, TileFormat.number(max)))));
            follow(text -> parse(text).ifPresent(factory::setValue));
            Button set = new Button(messages.text("device.set"));
            set.getStyleClass().add("control-set");
            set.setOnAction(event -> {
                spinner.increment(0);
                send(TileFormat.number(spinner.getValue()));
            });
            HBox box = new HBox(8, spinner, new Label(attribute.unit()), set);
            box.setAlignment(Pos.CENTER_LEFT);
            return box;
        }
        if (name.contains("colo")) {
            ColorPicker picker = new ColorPicker();
            picker.getStyleClass().add("control-colour");
            follow(text -> {
                try {
                    picker.setValue(Color.web(text.strip()));
                } catch (IllegalArgumentException e) {
                    // Not a colour the device reported: leave the picker as it is.
                }
            });
            picker.setOnAction(event -> send(hex(picker.getValue())));
            return picker;
        }
        TextField field = new TextField();
        field.getStyleClass().add("control-text");
        follow(field::setText);
        Button set = new Button(messages.text("device.set"));
        set.setOnAction(event -> send(field.getText()));
        field.setOnAction(event -> send(field.getText()));
        HBox box = new HBox(8, field, set);
        HBox.setHgrow(field, Priority.ALWAYS);
        return box;
    }

    /** Shows each reported value without sending it back. */
    private void follow(java.util.function.Consumer<String> show) {
        ChangeListener<String> listener = (o, old, text) -> {
            if (text != null && !text.isEmpty()) {
                showing = true;
                try {
                    show.accept(text);
                } finally {
                    showing = false;
                }
            }
        };
        state.textProperty().addListener(listener);
        listener.changed(null, null, state.getText());
        resync = () -> listener.changed(null, null, state.getText());
    }

    private String[] onOff() {
        if (attribute.kind() != AttributeKind.ENUM || attribute.choices().size() != 2) {
            return null;
        }
        String on = null;
        String off = null;
        for (String choice : attribute.choices()) {
            if (choice.equalsIgnoreCase("on")) {
                on = choice;
            } else if (choice.equalsIgnoreCase("off")) {
                off = choice;
            }
        }
        return on == null || off == null ? null : new String[] {on, off};
    }

    private static java.util.Optional<Double> parse(String text) {
        try {
            return java.util.Optional.of(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    static String hex(Color color) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(color.getRed() * 255),
                Math.round(color.getGreen() * 255), Math.round(color.getBlue() * 255));
    }

    private void showStatus(CommandStatus command) {
        if (command == null) {
            return;
        }
        CommandState s = command.state();
        status.pseudoClassStateChanged(PENDING, !s.isFinal());
        status.pseudoClassStateChanged(CONFIRMED, s == CommandState.CONFIRMED);
        status.pseudoClassStateChanged(FAILED, s.isFinal() && s != CommandState.CONFIRMED);
        StringBuilder text = new StringBuilder(messages.format("device.command", command.value(),
                Formats.state(messages, s)));
        if (!command.reason().isEmpty() && s != CommandState.CONFIRMED && s != CommandState.PENDING) {
            text.append(" · ").append(command.reason());
        }
        if (!command.traceId().isEmpty()) {
            text.append(" · ").append(messages.format("command.trace", command.traceId()));
        }
        status.setText(text.toString());
        if (s.isFinal() && s != CommandState.CONFIRMED) {
            // Not done: show what the device reports again.
            resync.run();
        }
        status.setVisible(true);
        status.setManaged(true);
    }

    /** Number formatting shared with tiles: whole numbers without decimals. */
    static final class TileFormat {
        private TileFormat() {
        }

        static String number(double value) {
            if (value == Math.rint(value) && Math.abs(value) < 1e12) {
                return Long.toString((long) value);
            }
            return String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
        }
    }
}
