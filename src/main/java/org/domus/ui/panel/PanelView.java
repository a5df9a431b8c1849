package org.domus.ui.panel;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.domus.ui.fx.Messages;

/**
 * A house, floor or room as tiles, grouped by room. Binds to {@link PanelViewModel}: a structure change rebuilds
 * the sections around the same tile nodes; live values never touch the layout.
 */
public final class PanelView implements AutoCloseable {

    private final PanelViewModel viewModel;
    private final Messages messages;
    private final Consumer<TileModel> open;
    private final VBox sectionsBox = new VBox();
    private final ScrollPane root;
    private final Map<TileModel, DeviceTile> tiles = new IdentityHashMap<>();

    public PanelView(PanelViewModel viewModel, Messages messages, Consumer<TileModel> open) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.open = Objects.requireNonNull(open, "open");
        Label title = new Label();
        title.getStyleClass().add("panel-title");
        title.textProperty().bind(viewModel.titleProperty());
        Label subtitle = new Label();
        subtitle.getStyleClass().add("panel-subtitle");
        subtitle.textProperty().bind(viewModel.subtitleProperty());
        HBox heading = new HBox(12, title, subtitle);
        heading.getStyleClass().add("panel-heading");
        sectionsBox.getStyleClass().add("panel-sections");
        VBox content = new VBox(heading, sectionsBox);
        content.getStyleClass().add("panel-view");
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        root.getStyleClass().add("panel-scroll");
        root.getStylesheets().add(Objects.requireNonNull(PanelView.class.getResource("PanelView.css")).toExternalForm());
        viewModel.sectionsProperty().addListener((o, old, now) -> show(now));
        show(viewModel.sectionsProperty().get());
    }

    public Parent root() {
        return root;
    }

    private void show(List<PanelViewModel.Section> sections) {
        Map<TileModel, DeviceTile> kept = new HashMap<>();
        sectionsBox.getChildren().clear();
        if (sections.isEmpty()) {
            Label empty = new Label(messages.text(viewModel.scope().roomId() != null ? "panel.empty-room"
                    : "panel.empty-house"));
            empty.getStyleClass().add("panel-empty");
            empty.setWrapText(true);
            sectionsBox.getChildren().add(empty);
        }
        boolean single = sections.size() == 1 && viewModel.scope().roomId() != null;
        for (PanelViewModel.Section section : sections) {
            VBox box = new VBox();
            box.getStyleClass().add("panel-section");
            if (!single) {
                Label name = new Label(section.title());
                name.getStyleClass().add("section-title");
                Label count = new Label(messages.format("panel.device-count", section.tiles().size()));
                count.getStyleClass().add("section-count");
                HBox header = new HBox(10, name, count);
                header.getStyleClass().add("section-header");
                box.getChildren().add(header);
            }
            FlowPane grid = new FlowPane();
            grid.getStyleClass().add("tile-grid");
            for (TileModel model : section.tiles()) {
                DeviceTile tile = tiles.get(model);
                if (tile == null) {
                    tile = new DeviceTile(model, messages, open);
                }
                kept.put(model, tile);
                grid.getChildren().add(tile);
            }
            if (section.tiles().isEmpty()) {
                Label none = new Label(messages.text("panel.empty-room"));
                none.getStyleClass().add("panel-empty");
                grid.getChildren().add(none);
            }
            box.getChildren().add(grid);
            sectionsBox.getChildren().add(box);
        }
        tiles.clear();
        tiles.putAll(kept);
    }

    @Override
    public void close() {
        viewModel.close();
    }
}
