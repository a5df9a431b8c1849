package org.domus.ui.inbox;

import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.domus.model.Device;
import org.domus.model.House;
import org.domus.ui.editing.EditDialogs;
import org.domus.ui.editing.ModelEditorView;
import org.domus.ui.editing.NameForm;
import org.domus.ui.editing.ThemeTokens;
import org.domus.ui.inbox.InboxViewModel.Entry;
import org.domus.ui.inbox.InboxViewModel.RoomEntry;

/**
 * The "new devices" inbox (controller of {@code InboxView.fxml}): the devices waiting in the chosen house, and its
 * rooms as drop targets. Drag a device onto a room, or select it and press Enter ("Place in room…"). Binds to
 * {@link InboxViewModel}.
 */
public final class InboxView implements AutoCloseable {

    /** What a dragged device carries: its id. */
    static final DataFormat DEVICE_ID = new DataFormat("application/x-domus-device-id");
    private static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");
    private static final PseudoClass NONE = PseudoClass.getPseudoClass("none");

    private final InboxViewModel viewModel;
    private EditDialogs dialogs;

    @FXML
    private BorderPane rootPane;
    @FXML
    private Label titleLabel;
    @FXML
    private Label badgeLabel;
    @FXML
    private Label houseLabel;
    @FXML
    private ComboBox<House> houseBox;
    @FXML
    private Label hintLabel;
    @FXML
    private SplitPane split;
    @FXML
    private Label waitingLabel;
    @FXML
    private ListView<Entry> deviceList;
    @FXML
    private Button placeButton;
    @FXML
    private Button renameButton;
    @FXML
    private Button deleteButton;
    @FXML
    private Label roomsLabel;
    @FXML
    private ListView<RoomEntry> roomList;
    @FXML
    private Label messageLabel;
    @FXML
    private Label problemLabel;

    public InboxView(InboxViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @FXML
    private void initialize() {
        ThemeTokens.apply(rootPane);
        dialogs = new EditDialogs(viewModel.modelText(), this::window);
        titleLabel.setText(viewModel.text("title"));
        hintLabel.setText(viewModel.text("hint"));
        houseLabel.setText(viewModel.text("house"));
        waitingLabel.setText(viewModel.text("waiting"));
        roomsLabel.setText(viewModel.text("rooms"));
        action(placeButton, "place");
        action(renameButton, "rename");
        action(deleteButton, "delete");

        badgeLabel.textProperty().bind(viewModel.waitingProperty().asString());
        viewModel.waitingProperty().addListener((observable, old, n) -> badgeLabel.pseudoClassStateChanged(NONE,
                n.intValue() == 0));
        badgeLabel.pseudoClassStateChanged(NONE, viewModel.waitingProperty().get() == 0);
        badgeLabel.setTooltip(new Tooltip());
        badgeLabel.getTooltip().textProperty().bind(viewModel.summaryProperty());

        houseBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(House house) {
                return house == null ? "" : house.name();
            }

            @Override
            public House fromString(String text) {
                return null;
            }
        });
        viewModel.housesProperty().addListener((observable, old, houses) -> showHouses(houses));
        showHouses(viewModel.housesProperty().get());
        houseBox.valueProperty().addListener((observable, old, chosen) -> {
            if (chosen != null && !chosen.equals(viewModel.houseProperty().get())) {
                viewModel.houseProperty().set(chosen);
            }
        });
        viewModel.houseProperty().addListener((observable, old, house) -> houseBox.setValue(house));

        deviceList.setItems(viewModel.devices());
        deviceList.setCellFactory(list -> new DeviceCell());
        Label placeholder = new Label();
        placeholder.getStyleClass().add("placeholder");
        placeholder.textProperty().bind(viewModel.emptyTextProperty());
        deviceList.setPlaceholder(placeholder);
        deviceList.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                place();
                event.consume();
            } else if (event.getCode() == KeyCode.DELETE) {
                delete();
                event.consume();
            } else if (event.getCode() == KeyCode.F2) {
                rename();
                event.consume();
            }
        });
        roomList.setItems(viewModel.rooms());
        roomList.setCellFactory(list -> new RoomCell());
        Label noRooms = new Label(viewModel.text("noRooms"));
        noRooms.getStyleClass().add("placeholder");
        roomList.setPlaceholder(noRooms);

        var nothingSelected = deviceList.getSelectionModel().selectedItemProperty().isNull();
        placeButton.disableProperty().bind(nothingSelected.or(Bindings.isEmpty(viewModel.rooms())));
        renameButton.disableProperty().bind(nothingSelected);
        deleteButton.disableProperty().bind(nothingSelected);

        messageLabel.textProperty().bind(viewModel.messageProperty());
        problemLabel.textProperty().bind(viewModel.problemProperty());
        for (Label label : List.of(messageLabel, problemLabel)) {
            label.visibleProperty().bind(label.textProperty().isNotEmpty());
            label.managedProperty().bind(label.visibleProperty());
        }
    }

    @Override
    public void close() {
        viewModel.close();
    }

    private void action(Button button, String name) {
        button.setText(viewModel.text("action." + name));
        button.setTooltip(new Tooltip(viewModel.text("tooltip." + name)));
        button.setId(name + "-button");
    }

    private void showHouses(List<House> houses) {
        if (!houseBox.getItems().equals(houses)) {
            houseBox.getItems().setAll(houses);
        }
        houseBox.setValue(viewModel.houseProperty().get());
    }

    private Window window() {
        return rootPane.getScene() == null ? null : rootPane.getScene().getWindow();
    }

    private Device selected() {
        Entry entry = deviceList.getSelectionModel().getSelectedItem();
        return entry == null ? null : entry.device();
    }

    @FXML
    private void place() {
        Device device = selected();
        if (device == null || viewModel.rooms().isEmpty()) {
            return;
        }
        viewModel.outline().flatMap(outline -> ModelEditorView.chooseRoom(dialogs, viewModel.modelText(), outline,
                device)).ifPresent(room -> viewModel.place(device.id(), room.orElse(null)));
    }

    @FXML
    private void rename() {
        Device device = selected();
        if (device == null) {
            return;
        }
        NameForm form = new NameForm(viewModel.modelText(), "device", NameForm.SlugRule.NONE, device.name());
        javafx.scene.control.ComboBox<String> kind = ModelEditorView.kindBox(device.kind());
        dialogs.askName(viewModel.modelText().get("dialog.rename.title", device.name()), form, "dialog.ok",
                        List.of(new EditDialogs.Row(viewModel.modelText().get("dialog.kind"), kind)))
                .ifPresent(f -> viewModel.describe(device.id(), f.name(), kind.getEditor().getText()));
    }

    @FXML
    private void delete() {
        Device device = selected();
        if (device == null) {
            return;
        }
        viewModel.impact(device.id(), impact -> {
            if (dialogs.confirmDelete(viewModel.modelText().get("dialog.delete.title", device.name()), impact)) {
                viewModel.delete(device.id());
            }
        });
    }

    /** A waiting device: its name, address and what it reports; drag it onto a room. */
    private final class DeviceCell extends ListCell<Entry> {
        private final Label name = new Label();
        private final Label line = new Label();
        private final Label attributes = new Label();
        private final VBox box = new VBox(2, name, line, attributes);

        DeviceCell() {
            getStyleClass().add("device-cell");
            name.getStyleClass().add("device-name");
            line.getStyleClass().add("device-line");
            attributes.getStyleClass().add("device-attributes");
            setOnDragDetected(event -> {
                if (getItem() == null) {
                    return;
                }
                Dragboard board = startDragAndDrop(TransferMode.MOVE);
                ClipboardContent content = new ClipboardContent();
                content.put(DEVICE_ID, getItem().device().id());
                content.putString(getItem().device().name());
                board.setContent(content);
                event.consume();
            });
        }

        @Override
        protected void updateItem(Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            name.setText(entry.device().name());
            line.setText(entry.line());
            attributes.setText(entry.attributes());
            setText(null);
            setGraphic(box);
        }
    }

    /** A room: drop a device on it to place it there. */
    private final class RoomCell extends ListCell<RoomEntry> {
        private final Label name = new Label();
        private final Label count = new Label();
        private final VBox box = new VBox(2, name, count);

        RoomCell() {
            getStyleClass().add("room-cell");
            name.getStyleClass().add("room-name");
            count.getStyleClass().add("room-count");
            setOnDragOver(event -> {
                if (getItem() != null && event.getDragboard().hasContent(DEVICE_ID)) {
                    event.acceptTransferModes(TransferMode.MOVE);
                }
                event.consume();
            });
            setOnDragEntered(event -> {
                if (getItem() != null && event.getDragboard().hasContent(DEVICE_ID)) {
                    pseudoClassStateChanged(DROP_TARGET, true);
                }
            });
            setOnDragExited(event -> pseudoClassStateChanged(DROP_TARGET, false));
            setOnDragDropped(event -> {
                boolean placed = false;
                if (getItem() != null && event.getDragboard().getContent(DEVICE_ID) instanceof Long deviceId) {
                    viewModel.place(deviceId, getItem().room().id());
                    placed = true;
                }
                event.setDropCompleted(placed);
                event.consume();
            });
        }

        @Override
        protected void updateItem(RoomEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            name.setText(entry.room().name());
            count.setText(entry.count());
            setText(null);
            setGraphic(box);
        }
    }
}
