package org.domus.ui.panel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Polyline;
import org.domus.model.CommandState;
import org.domus.store.HistoryPoint;
import org.domus.ui.fx.Formats;
import org.domus.ui.fx.Icons;
import org.domus.ui.fx.Messages;
import org.domus.ui.live.CommandStatus;
import org.domus.ui.live.SeriesState;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/**
 * One device as a tile: icon, name, main value with unit, sparkline, last seen, inline control and the state of
 * its last command. A plain control built once per device; live values change its labels in place (bindings and
 * listeners), so a tile never flickers or rebuilds. States are CSS pseudo-classes: {@code :online},
 * {@code :offline}, {@code :alarm}; a command's label {@code :pending}, {@code :confirmed}, {@code :failed}.
 */
public final class DeviceTile extends VBox {

    static final PseudoClass ONLINE = PseudoClass.getPseudoClass("online");
    static final PseudoClass OFFLINE = PseudoClass.getPseudoClass("offline");
    static final PseudoClass ALARM = PseudoClass.getPseudoClass("alarm");
    static final PseudoClass PENDING = PseudoClass.getPseudoClass("pending");
    static final PseudoClass CONFIRMED = PseudoClass.getPseudoClass("confirmed");
    static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final double SPARK_WIDTH = 216;
    private static final double SPARK_HEIGHT = 34;

    private final TileModel model;
    private final Messages messages;
    private final Label value = new Label();
    private final Label lastSeen = new Label();
    private final Label condition = new Label();
    private final Label commandLabel = new Label();
    private final Polyline spark = new Polyline();

    public DeviceTile(TileModel model, Messages messages, Consumer<TileModel> open) {
        this.model = Objects.requireNonNull(model, "model");
        this.messages = Objects.requireNonNull(messages, "messages");
        getStyleClass().add("device-tile");
        setFocusTraversable(true);
        setAccessibleText(model.name());

        var icon = Icons.of(Icons.forDeviceKind(model.kind()), 22);
        Label name = new Label(model.name());
        name.getStyleClass().add("tile-name");
        name.setTooltip(new Tooltip(model.name() + " · " + model.device().address()));
        name.setMaxWidth(Double.MAX_VALUE);
        // A long name wraps rather than being cut off.
        name.setWrapText(true);
        name.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(name, Priority.ALWAYS);
        Region dot = new Region();
        dot.getStyleClass().add("status-dot");
        HBox header = new HBox(8, icon, name, dot);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("tile-header");

        value.getStyleClass().add("tile-value");
        value.setMaxWidth(Double.MAX_VALUE);
        Pane sparkPane = new Pane(spark);
        sparkPane.getStyleClass().add("sparkline");
        sparkPane.setPrefSize(SPARK_WIDTH, SPARK_HEIGHT);
        sparkPane.setMinHeight(SPARK_HEIGHT);
        sparkPane.setMaxHeight(SPARK_HEIGHT);
        spark.getStyleClass().add("spark");
        sparkPane.setVisible(model.hasSparkline());
        sparkPane.setManaged(model.hasSparkline());

        lastSeen.getStyleClass().add("tile-meta");
        condition.getStyleClass().add("tile-condition");
        HBox meta = new HBox(6, condition, lastSeen);
        meta.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(header, value, sparkPane, meta);
        HBox controls = new HBox(8);
        controls.getStyleClass().add("tile-controls");
        controls.setAlignment(Pos.CENTER_LEFT);
        for (TileControl control : model.controls()) {
            controls.getChildren().add(controlNode(control));
        }
        if (!controls.getChildren().isEmpty()) {
            getChildren().add(controls);
        }
        commandLabel.getStyleClass().add("tile-command");
        commandLabel.setWrapText(true);
        commandLabel.setVisible(false);
        commandLabel.setManaged(false);
        getChildren().add(commandLabel);

        bindValue();
        bindCondition();
        for (TileControl control : model.controls()) {
            model.commandStatus(control).addListener((o, old, status) -> showCommand(status));
        }
        setOnMouseClicked(event -> {
            if (event.getClickCount() == 1 && event.getTarget() instanceof javafx.scene.Node target
                    && !isInsideControl(target)) {
                open.accept(model);
            }
        });
        setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                open.accept(model);
            }
        });
        Tooltip.install(this, new Tooltip(messages.text("tile.open-hint")));
    }

    public TileModel model() {
        return model;
    }

    private boolean isInsideControl(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null && n != this; n = n.getParent()) {
            if (n instanceof javafx.scene.control.ButtonBase || n instanceof Slider) {
                return true;
            }
        }
        return false;
    }

    private void bindValue() {
        if (model.mainState().isEmpty()) {
            value.setText(messages.text("tile.no-attributes"));
            return;
        }
        SeriesState state = model.mainState().get();
        var attribute = model.main().orElseThrow();
        ChangeListener<Object> show = (o, old, now) -> value.setText(
                Formats.value(messages, attribute, state.getText()));
        state.textProperty().addListener(show);
        show.changed(null, null, null);
        if (model.hasSparkline()) {
            state.sparkVersionProperty().addListener((o, old, now) -> drawSpark(state.sparkline().points()));
            drawSpark(state.sparkline().points());
        }
    }

    private void bindCondition() {
        var state = model.state();
        ChangeListener<Object> show = (o, old, now) -> {
            Boolean online = state.isOnline();
            boolean alarm = state.isAlarm();
            pseudoClassStateChanged(ONLINE, Boolean.TRUE.equals(online));
            pseudoClassStateChanged(OFFLINE, Boolean.FALSE.equals(online));
            pseudoClassStateChanged(ALARM, alarm);
            condition.setText(alarm ? messages.text("tile.alarm")
                    : Boolean.FALSE.equals(online) ? messages.text("tile.offline")
                    : Boolean.TRUE.equals(online) ? messages.text("tile.online") : "");
            lastSeen.setText(messages.format("tile.last-seen", Formats.time(state.lastSeenProperty().get())));
        };
        state.onlineProperty().addListener(show);
        state.alarmProperty().addListener(show);
        state.lastSeenProperty().addListener(show);
        show.changed(null, null, null);
    }

    /** Redraws the sparkline in place: same node, new points. At most {@code SeriesState.SPARK_POINTS}. */
    private void drawSpark(List<HistoryPoint> points) {
        if (points.size() < 2) {
            spark.getPoints().clear();
            return;
        }
        Instant first = points.getFirst().timestamp();
        double span = Math.max(1, points.getLast().timestamp().toEpochMilli() - first.toEpochMilli());
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (HistoryPoint point : points) {
            min = Math.min(min, point.value());
            max = Math.max(max, point.value());
        }
        double range = max - min < 1e-9 ? 1 : max - min;
        Double[] coordinates = new Double[points.size() * 2];
        int i = 0;
        for (HistoryPoint point : points) {
            coordinates[i++] = (point.timestamp().toEpochMilli() - first.toEpochMilli()) / span * SPARK_WIDTH;
            coordinates[i++] = SPARK_HEIGHT - 2 - (point.value() - min) / range * (SPARK_HEIGHT - 4);
        }
        spark.getPoints().setAll(coordinates);
    }

    private javafx.scene.Node controlNode(TileControl control) {
        SeriesState state = model.value(control);
        return switch (control) {
            case TileControl.Toggle toggle -> {
                ToggleButton button = new ToggleButton();
                button.getStyleClass().add("tile-toggle");
                button.setMinWidth(Region.USE_PREF_SIZE);
                button.setGraphic(Icons.of(MaterialDesignP.POWER, 16));
                ChangeListener<String> show = (o, old, now) -> {
                    boolean on = toggle.isOn(now);
                    button.setSelected(on);
                    button.setText(messages.text(on ? "value.on" : "value.off"));
                };
                state.textProperty().addListener(show);
                show.changed(null, null, state.getText());
                // The button shows what the device reports: a click sends, the echo moves it.
                button.setOnAction(event -> {
                    button.setSelected(toggle.isOn(state.getText()));
                    model.toggle(toggle);
                });
                button.setTooltip(new Tooltip(messages.format("tile.toggle-hint", control.attribute().path().attribute())));
                yield button;
            }
            case TileControl.Level level -> {
                Slider slider = new Slider(level.min(), level.max(), level.min());
                slider.getStyleClass().add("tile-slider");
                slider.setPrefWidth(140);
                slider.setMinWidth(60);
                HBox.setHgrow(slider, Priority.ALWAYS);
                ChangeListener<Double> show = (o, old, now) -> {
                    if (now != null && !slider.isValueChanging()) {
                        slider.setValue(now);
                    }
                };
                state.numberProperty().addListener(show);
                show.changed(null, null, state.numberProperty().get());
                slider.valueChangingProperty().addListener((o, was, changing) -> {
                    if (!changing) {
                        model.setLevel(level, slider.getValue());
                    }
                });
                slider.setOnMouseClicked(event -> {
                    if (!slider.isValueChanging()) {
                        model.setLevel(level, slider.getValue());
                    }
                });
                slider.setOnKeyReleased(event -> model.setLevel(level, slider.getValue()));
                slider.setTooltip(new Tooltip(messages.format("tile.level-hint", control.attribute().path().attribute(),
                        control.attribute().unit())));
                yield slider;
            }
            case TileControl.Setpoint setpoint -> {
                Button down = new Button(null, Icons.of(MaterialDesignM.MINUS, 16));
                Button up = new Button(null, Icons.of(MaterialDesignP.PLUS, 16));
                down.getStyleClass().addAll("tile-step", "step-down");
                up.getStyleClass().addAll("tile-step", "step-up");
                down.setTooltip(new Tooltip(messages.text("tile.setpoint-down")));
                up.setTooltip(new Tooltip(messages.text("tile.setpoint-up")));
                Label target = new Label();
                target.getStyleClass().add("tile-setpoint");
                ChangeListener<String> show = (o, old, now) -> target.setText(messages.format("tile.setpoint",
                        Formats.value(messages, setpoint.attribute(), now)));
                state.textProperty().addListener(show);
                show.changed(null, null, state.getText());
                down.setOnAction(event -> model.stepSetpoint(setpoint, -1));
                up.setOnAction(event -> model.stepSetpoint(setpoint, 1));
                HBox box = new HBox(6, down, target, up);
                box.setAlignment(Pos.CENTER_LEFT);
                yield box;
            }
        };
    }

    private void showCommand(CommandStatus status) {
        if (status == null) {
            return;
        }
        CommandState state = status.state();
        commandLabel.pseudoClassStateChanged(PENDING, !state.isFinal());
        commandLabel.pseudoClassStateChanged(CONFIRMED, state == CommandState.CONFIRMED);
        commandLabel.pseudoClassStateChanged(FAILED, state.isFinal() && state != CommandState.CONFIRMED);
        String text = Formats.state(messages, state) + (status.reason().isEmpty() || state == CommandState.CONFIRMED
                ? "" : " · " + status.reason());
        commandLabel.setText(text);
        commandLabel.setTooltip(new Tooltip(messages.format("command.trace", status.traceId().isEmpty() ? "—"
                : status.traceId())));
        commandLabel.setVisible(true);
        commandLabel.setManaged(true);
    }
}
