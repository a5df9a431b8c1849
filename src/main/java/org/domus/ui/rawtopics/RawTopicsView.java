package org.domus.ui.rawtopics;

import java.util.Objects;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.util.Duration;
import org.domus.ui.editing.ThemeTokens;
import org.domus.ui.rawtopics.RawTopicsViewModel.Row;

/**
 * The installer's raw topics (controller of {@code RawTopicsView.fxml}): a read-only table of vendor and hub topics
 * with their newest payload, refreshed every second while shown. Binds to {@link RawTopicsViewModel}.
 */
public final class RawTopicsView implements AutoCloseable {

    private final RawTopicsViewModel viewModel;
    private final Timeline poll;

    @FXML
    private BorderPane rootPane;
    @FXML
    private Label titleLabel;
    @FXML
    private Label hintLabel;
    @FXML
    private Label summaryLabel;
    @FXML
    private TextField filterField;
    @FXML
    private TableView<Row> table;
    @FXML
    private TableColumn<Row, String> topicColumn;
    @FXML
    private TableColumn<Row, String> payloadColumn;
    @FXML
    private TableColumn<Row, Long> countColumn;
    @FXML
    private TableColumn<Row, String> lastSeenColumn;
    @FXML
    private TableColumn<Row, String> clientColumn;

    public RawTopicsView(RawTopicsViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.poll = new Timeline(new KeyFrame(Duration.seconds(1), event -> viewModel.refresh()));
        this.poll.setCycleCount(Timeline.INDEFINITE);
    }

    @FXML
    private void initialize() {
        ThemeTokens.apply(rootPane);
        titleLabel.setText(viewModel.text("title"));
        hintLabel.setText(viewModel.text("hint"));
        filterField.setPromptText(viewModel.text("filter"));
        filterField.textProperty().bindBidirectional(viewModel.filterProperty());
        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        topicColumn.setText(viewModel.text("column.topic"));
        payloadColumn.setText(viewModel.text("column.payload"));
        countColumn.setText(viewModel.text("column.count"));
        lastSeenColumn.setText(viewModel.text("column.lastSeen"));
        clientColumn.setText(viewModel.text("column.client"));
        topicColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().topic()));
        payloadColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().payload()));
        countColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().count()));
        lastSeenColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().lastSeen()));
        clientColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().client()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setItems(viewModel.rows());
        table.setRowFactory(view -> {
            javafx.scene.control.TableRow<Row> row = new javafx.scene.control.TableRow<>();
            Tooltip tooltip = new Tooltip();
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(600);
            row.itemProperty().addListener((observable, old, item) -> {
                if (item == null) {
                    row.setTooltip(null);
                } else {
                    tooltip.setText(item.topic() + "\n" + item.payload());
                    row.setTooltip(tooltip);
                }
            });
            return row;
        });
        Label empty = new Label(viewModel.text("empty"));
        empty.getStyleClass().add("placeholder");
        table.setPlaceholder(empty);
        // Poll only while the screen is in a window that shows.
        rootPane.sceneProperty().addListener((observable, old, scene) -> update());
        rootPane.visibleProperty().addListener((observable, old, visible) -> update());
        update();
    }

    private void update() {
        if (rootPane.getScene() != null && rootPane.isVisible()) {
            viewModel.refresh();
            poll.play();
        } else {
            poll.stop();
        }
    }

    @Override
    public void close() {
        poll.stop();
    }
}
