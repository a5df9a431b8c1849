package org.domus.ui.device;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.domus.model.Attribute;
import org.domus.model.DeviceAddress;
import org.domus.model.Event;
import org.domus.ui.fx.Formats;
import org.domus.ui.fx.Icons;
import org.domus.ui.fx.Messages;
import org.domus.ui.shell.ConsoleScreens;
import org.domus.ui.shell.ScreenContext;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/**
 * A device in detail: its attributes (value, unit, last change), a chart of its numeric attributes (ranges,
 * pause, zoom with the wheel, pan by dragging, series on and off), controls for its writable attributes and its
 * event log. Binds to {@link DeviceDetailViewModel}.
 */
public final class DeviceDetailView implements AutoCloseable {

    private static final PseudoClass ONLINE = PseudoClass.getPseudoClass("online");
    private static final PseudoClass OFFLINE = PseudoClass.getPseudoClass("offline");
    private static final PseudoClass ALARM = PseudoClass.getPseudoClass("alarm");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");
    private static final DateTimeFormatter DAY_CLOCK = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private final DeviceDetailViewModel viewModel;
    private final Messages messages;
    private final Runnable back;
    private final BorderPane root = new BorderPane();
    private final NumberAxis xAxis = new NumberAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
    private final Button resetZoom = new Button();
    private boolean zoomed;
    private double dragStartX = Double.NaN;

    public DeviceDetailView(DeviceDetailViewModel viewModel, Messages messages, Runnable back) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.back = Objects.requireNonNull(back, "back");
        root.getStyleClass().add("device-detail");
        root.getStylesheets().add(Objects.requireNonNull(DeviceDetailView.class.getResource("DeviceDetailView.css"))
                .toExternalForm());
        root.setTop(header());
        VBox center = new VBox(10, chartToolbar(), chartBox(), eventsBox());
        center.getStyleClass().add("detail-center");
        VBox.setVgrow(center.getChildren().get(1), Priority.ALWAYS);
        root.setCenter(center);
        root.setRight(sidePanel());
        viewModel.start();
    }

    /** The device's detail view as a shell screen: back goes to where it was opened from. */
    public static ConsoleScreens.Mounted mount(ScreenContext context, DeviceAddress address) {
        DeviceDetailViewModel viewModel = new DeviceDetailViewModel(address, context.home(), context.commands(),
                context.session().store().history(), context.session().store().events(), context.background(),
                DeviceDetailViewModel.threadPerRead(), context.bridge(), Clock.systemUTC());
        DeviceDetailView view = new DeviceDetailView(viewModel, context.messages(), context.navigator()::back);
        return ConsoleScreens.mounted(view.root(), view);
    }

    public Parent root() {
        return root;
    }

    public DeviceDetailViewModel viewModel() {
        return viewModel;
    }

    private Node header() {
        Button backButton = new Button(messages.text("device.back"), Icons.of(MaterialDesignA.ARROW_LEFT, 16));
        backButton.getStyleClass().addAll("back-button", "flat");
        backButton.setTooltip(new Tooltip(messages.text("device.back-tooltip")));
        backButton.setOnAction(event -> back.run());
        var icon = Icons.of(org.domus.ui.fx.Icons.forDeviceKind(viewModel.kindProperty().get()), 28);
        Label title = new Label();
        title.getStyleClass().add("detail-title");
        title.textProperty().bind(viewModel.titleProperty());
        Label place = new Label();
        place.getStyleClass().add("detail-place");
        place.textProperty().bind(viewModel.placeProperty());
        Label condition = new Label();
        condition.getStyleClass().add("detail-condition");
        var state = viewModel.state();
        ChangeListener<Object> show = (o, old, now) -> {
            Boolean online = state.isOnline();
            condition.pseudoClassStateChanged(ONLINE, Boolean.TRUE.equals(online));
            condition.pseudoClassStateChanged(OFFLINE, Boolean.FALSE.equals(online));
            condition.pseudoClassStateChanged(ALARM, state.isAlarm());
            String what = state.isAlarm() ? messages.text("tile.alarm") : Boolean.FALSE.equals(online)
                    ? messages.text("tile.offline") : Boolean.TRUE.equals(online) ? messages.text("tile.online") : "";
            condition.setText((what.isEmpty() ? "" : what + " · ")
                    + messages.format("tile.last-seen", Formats.time(state.lastSeenProperty().get())));
        };
        state.onlineProperty().addListener(show);
        state.alarmProperty().addListener(show);
        state.lastSeenProperty().addListener(show);
        show.changed(null, null, null);
        VBox names = new VBox(2, title, place);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, backButton, icon, names, spacer, condition);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("detail-header");
        return header;
    }

    private Node chartToolbar() {
        ToggleGroup ranges = new ToggleGroup();
        HBox buttons = new HBox(0);
        buttons.getStyleClass().add("range-buttons");
        HBox custom = customRange();
        for (ChartRange range : ChartRange.values()) {
            ToggleButton button = new ToggleButton(messages.text("range." + range.code()));
            button.getStyleClass().addAll("range-button", "range-" + range.code());
            button.setToggleGroup(ranges);
            button.setUserData(range);
            button.setSelected(range == viewModel.rangeProperty().get());
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.setOnAction(event -> {
                button.setSelected(true);
                custom.setVisible(range == ChartRange.CUSTOM);
                custom.setManaged(range == ChartRange.CUSTOM);
                if (range != ChartRange.CUSTOM) {
                    zoomed = false;
                    viewModel.setRange(range);
                }
            });
            buttons.getChildren().add(button);
        }
        ToggleButton pause = new ToggleButton(null, Icons.of(MaterialDesignP.PAUSE, 16));
        pause.getStyleClass().add("pause-button");
        pause.setAccessibleText(messages.text("chart.pause"));
        pause.setMinWidth(Region.USE_PREF_SIZE);
        pause.selectedProperty().bindBidirectional(viewModel.pausedProperty());
        pause.setTooltip(new Tooltip(messages.text("chart.pause") + ": " + messages.text("chart.pause-tooltip")));
        resetZoom.setGraphic(Icons.of(MaterialDesignM.MAGNIFY_MINUS_OUTLINE, 16));
        resetZoom.setAccessibleText(messages.text("chart.reset-zoom"));
        resetZoom.setTooltip(new Tooltip(messages.text("chart.reset-zoom") + ": " + messages.text("chart.zoom-hint")));
        resetZoom.setMinWidth(Region.USE_PREF_SIZE);
        resetZoom.getStyleClass().add("reset-zoom");
        resetZoom.setDisable(true);
        resetZoom.setOnAction(event -> {
            zoomed = false;
            resetZoom.setDisable(true);
            applyBounds();
        });
        Label loading = new Label(messages.text("chart.loading"));
        loading.getStyleClass().add("chart-loading");
        loading.visibleProperty().bind(viewModel.loadingProperty());
        Label problem = new Label();
        problem.getStyleClass().add("chart-problem");
        problem.textProperty().bind(viewModel.problemProperty());
        HBox row = new HBox(10, buttons, pause, resetZoom, loading, problem);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, row, custom);
        box.getStyleClass().add("chart-toolbar");
        return box;
    }

    private HBox customRange() {
        DatePicker fromDate = new DatePicker(LocalDate.now().minusDays(1));
        DatePicker toDate = new DatePicker(LocalDate.now());
        fromDate.getStyleClass().add("custom-from");
        toDate.getStyleClass().add("custom-to");
        fromDate.setPrefWidth(140);
        toDate.setPrefWidth(140);
        Label problem = new Label();
        problem.getStyleClass().add("chart-problem");
        Button apply = new Button(messages.text("chart.apply"));
        apply.getStyleClass().add("custom-apply");
        apply.setOnAction(event -> {
            if (fromDate.getValue() == null || toDate.getValue() == null
                    || toDate.getValue().isBefore(fromDate.getValue())) {
                problem.setText(messages.text("chart.custom-invalid"));
                return;
            }
            problem.setText("");
            ZoneId zone = ZoneId.systemDefault();
            Instant start = fromDate.getValue().atStartOfDay(zone).toInstant();
            Instant end = toDate.getValue().plusDays(1).atStartOfDay(zone).toInstant();
            zoomed = false;
            viewModel.setCustomRange(start, end);
        });
        HBox box = new HBox(8, new Label(messages.text("chart.from")), fromDate, new Label(messages.text("chart.to")),
                toDate, apply, problem);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("custom-range");
        box.setVisible(false);
        box.setManaged(false);
        return box;
    }

    private Node chartBox() {
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.getStyleClass().add("device-chart");
        xAxis.setAutoRanging(false);
        xAxis.setForceZeroInRange(false);
        xAxis.setAnimated(false);
        yAxis.setForceZeroInRange(false);
        yAxis.setAnimated(false);
        xAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                ZonedDateTime time = Instant.ofEpochMilli((long) (seconds.doubleValue() * 1000))
                        .atZone(ZoneId.systemDefault());
                double span = xAxis.getUpperBound() - xAxis.getLowerBound();
                DateTimeFormatter format = span <= 86_400 ? CLOCK : span <= 8 * 86_400 ? DAY_CLOCK
                        : span <= 120 * 86_400 ? DAY : MONTH;
                return format.format(time);
            }

            @Override
            public Number fromString(String text) {
                return 0;
            }
        });
        FlowPane legend = new FlowPane(12, 4);
        legend.getStyleClass().add("chart-legend");
        Label noData = new Label(messages.text("chart.no-numeric"));
        noData.getStyleClass().add("chart-empty");
        Runnable rebuild = () -> {
            chart.getData().clear();
            legend.getChildren().clear();
            int index = 0;
            for (ChartSeries series : viewModel.chart()) {
                XYChart.Series<Number, Number> line = new XYChart.Series<>(series.label(), series.points());
                chart.getData().add(line);
                CheckBox shown = new CheckBox(series.label());
                shown.getStyleClass().add("legend-item");
                Region swatch = new Region();
                swatch.getStyleClass().addAll("legend-swatch", "swatch-" + (index % 8));
                shown.setGraphic(swatch);
                shown.selectedProperty().bindBidirectional(series.shownProperty());
                int at = index;
                series.shownProperty().addListener((o, was, on) -> {
                    if (on && !chart.getData().contains(line)) {
                        chart.getData().add(Math.min(at, chart.getData().size()), line);
                    } else if (!on) {
                        chart.getData().remove(line);
                    }
                });
                legend.getChildren().add(shown);
                index++;
            }
            noData.setVisible(viewModel.chart().isEmpty());
            noData.setManaged(viewModel.chart().isEmpty());
        };
        viewModel.chart().addListener((ListChangeListener<ChartSeries>) change -> rebuild.run());
        rebuild.run();
        viewModel.fromProperty().addListener((o, old, now) -> applyBounds());
        viewModel.toProperty().addListener((o, old, now) -> applyBounds());
        applyBounds();
        installZoomAndPan();
        VBox box = new VBox(4, legend, noData, chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        box.getStyleClass().add("chart-box");
        chart.setMinHeight(220);
        return box;
    }

    private void applyBounds() {
        if (zoomed || viewModel.fromProperty().get() == null || viewModel.toProperty().get() == null) {
            return;
        }
        double lower = DeviceDetailViewModel.seconds(viewModel.fromProperty().get());
        double upper = DeviceDetailViewModel.seconds(viewModel.toProperty().get());
        setBounds(lower, upper);
    }

    private void setBounds(double lower, double upper) {
        xAxis.setLowerBound(lower);
        xAxis.setUpperBound(upper);
        xAxis.setTickUnit(Math.max(1, (upper - lower) / 8));
    }

    private void installZoomAndPan() {
        chart.setOnScroll(event -> {
            double width = xAxis.getWidth();
            if (width <= 0 || event.getDeltaY() == 0) {
                return;
            }
            double lower = xAxis.getLowerBound();
            double upper = xAxis.getUpperBound();
            double at = xAxis.getValueForDisplay(xAxis.sceneToLocal(event.getSceneX(), event.getSceneY()).getX())
                    .doubleValue();
            double factor = event.getDeltaY() > 0 ? 0.8 : 1.25;
            double newLower = at - (at - lower) * factor;
            double newUpper = at + (upper - at) * factor;
            if (newUpper - newLower < 10) {
                return;
            }
            zoomed = true;
            resetZoom.setDisable(false);
            setBounds(newLower, newUpper);
            event.consume();
        });
        chart.setOnMousePressed(event -> dragStartX = event.getX());
        chart.setOnMouseDragged(event -> {
            if (Double.isNaN(dragStartX) || xAxis.getWidth() <= 0) {
                return;
            }
            double span = xAxis.getUpperBound() - xAxis.getLowerBound();
            double shift = (dragStartX - event.getX()) / xAxis.getWidth() * span;
            dragStartX = event.getX();
            zoomed = true;
            resetZoom.setDisable(false);
            setBounds(xAxis.getLowerBound() + shift, xAxis.getUpperBound() + shift);
        });
        chart.setOnMouseReleased(event -> dragStartX = Double.NaN);
    }

    private Node eventsBox() {
        Label title = new Label(messages.text("device.events"));
        title.getStyleClass().add("section-title");
        Button refresh = new Button(null, Icons.of(MaterialDesignR.REFRESH, 16));
        refresh.getStyleClass().addAll("refresh-events", "flat");
        refresh.setTooltip(new Tooltip(messages.text("device.events-refresh")));
        refresh.setOnAction(event -> viewModel.refreshEvents());
        HBox header = new HBox(8, title, refresh);
        header.setAlignment(Pos.CENTER_LEFT);
        ListView<Event> list = new ListView<>(viewModel.eventLog());
        list.getStyleClass().add("event-log");
        list.setPrefHeight(150);
        list.setMinHeight(110);
        list.setPlaceholder(new Label(messages.text("device.no-events")));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(Event event, boolean empty) {
                super.updateItem(event, empty);
                if (empty || event == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                String subject = event.subject().startsWith(viewModel.address().toString() + "/")
                        ? event.subject().substring(viewModel.address().toString().length() + 1) : "";
                StringBuilder text = new StringBuilder(Formats.time(event.timestamp())).append("  ")
                        .append(messages.find("event." + event.type()).orElse(event.type()));
                if (!subject.isEmpty()) {
                    text.append(" · ").append(subject);
                }
                if (!event.detail().isEmpty()) {
                    text.append(" · ").append(event.detail());
                }
                setText(text.toString());
                setTooltip(event.traceId() == null ? null
                        : new Tooltip(messages.format("command.trace", event.traceId())));
            }
        });
        return new VBox(4, header, list);
    }

    private Node sidePanel() {
        Label valuesTitle = new Label(messages.text("device.attributes"));
        valuesTitle.getStyleClass().add("section-title");
        TableView<Attribute> table = new TableView<>(viewModel.attributes());
        table.getStyleClass().add("attribute-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(messages.text("device.no-attributes")));
        TableColumn<Attribute, String> name = new TableColumn<>(messages.text("device.column.name"));
        name.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().path().attribute()));
        TableColumn<Attribute, String> value = new TableColumn<>(messages.text("device.column.value"));
        value.setCellValueFactory(cell -> {
            Attribute attribute = cell.getValue();
            return viewModel.value(attribute).textProperty().map(text -> Formats.value(messages, attribute, text))
                    .orElse("—");
        });
        TableColumn<Attribute, String> changed = new TableColumn<>(messages.text("device.column.changed"));
        changed.setCellValueFactory(cell -> viewModel.value(cell.getValue()).lastSeenProperty().map(Formats::time)
                .orElse("—"));
        name.setPrefWidth(110);
        value.setPrefWidth(120);
        changed.setPrefWidth(100);
        table.getColumns().add(name);
        table.getColumns().add(value);
        table.getColumns().add(changed);
        table.setFixedCellSize(28);
        table.prefHeightProperty().bind(javafx.beans.binding.Bindings.size(viewModel.attributes()).multiply(28)
                .add(48));
        table.setMaxHeight(Region.USE_PREF_SIZE);

        Label controlsTitle = new Label(messages.text("device.controls"));
        controlsTitle.getStyleClass().add("section-title");
        VBox controls = new VBox(10);
        controls.getStyleClass().add("controls");
        Runnable fill = () -> {
            controls.getChildren().clear();
            for (Attribute attribute : viewModel.writable()) {
                controls.getChildren().add(new AttributeControl(attribute, viewModel, messages));
            }
            if (controls.getChildren().isEmpty()) {
                Label none = new Label(messages.text("device.no-controls"));
                none.getStyleClass().add("detail-muted");
                none.setWrapText(true);
                controls.getChildren().add(none);
            }
        };
        viewModel.attributes().addListener((ListChangeListener<Attribute>) change -> fill.run());
        fill.run();
        VBox side = new VBox(10, valuesTitle, table, controlsTitle, controls);
        side.getStyleClass().add("detail-side");
        ScrollPane scroll = new ScrollPane(side);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("detail-side-scroll");
        scroll.setPrefWidth(370);
        scroll.setMinWidth(330);
        return scroll;
    }

    @Override
    public void close() {
        viewModel.close();
    }
}
