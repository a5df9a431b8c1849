package org.domus.ui.editing;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;
import org.domus.house.HouseOutline;
import org.domus.model.Attribute;
import org.domus.model.Device;
import org.domus.model.Floor;
import org.domus.model.Room;
import org.domus.ui.editing.EditDialogs.Destination;
import org.domus.ui.editing.ModelNode.AttributeNode;
import org.domus.ui.editing.ModelNode.DeviceNode;
import org.domus.ui.editing.ModelNode.FloorNode;
import org.domus.ui.editing.ModelNode.HouseNode;
import org.domus.ui.editing.ModelNode.InboxNode;
import org.domus.ui.editing.ModelNode.RoomNode;

/**
 * The model editor (controller of {@code ModelEditorView.fxml}): a tree of houses, floors, rooms, devices and
 * attributes, and the actions on the selected one, each through a dialog. Binds to {@link ModelEditorViewModel}.
 */
public final class ModelEditorView implements AutoCloseable {

    private static final PseudoClass HOUSE = PseudoClass.getPseudoClass("house");
    private static final PseudoClass FLOOR = PseudoClass.getPseudoClass("floor");
    private static final PseudoClass ROOM = PseudoClass.getPseudoClass("room");
    private static final PseudoClass INBOX = PseudoClass.getPseudoClass("inbox");
    private static final PseudoClass DEVICE = PseudoClass.getPseudoClass("device");
    private static final PseudoClass ATTRIBUTE = PseudoClass.getPseudoClass("attribute");
    /** Kinds offered for a device added by hand (any other may be typed). */
    static final List<String> KINDS = List.of("light", "dimmer", "switch", "plug", "thermostat", "sensor",
            "contact", "motion", "blind", "meter");

    private final ModelEditorViewModel viewModel;
    private final ModelText text;
    private EditDialogs dialogs;

    @FXML
    private BorderPane rootPane;
    @FXML
    private Label titleLabel;
    @FXML
    private Label hintLabel;
    @FXML
    private Button newHouseButton;
    @FXML
    private Button newFloorButton;
    @FXML
    private Button newRoomButton;
    @FXML
    private Button newDeviceButton;
    @FXML
    private Button renameButton;
    @FXML
    private Button moveButton;
    @FXML
    private Button attributeButton;
    @FXML
    private Button deleteButton;
    @FXML
    private TreeView<ModelNode> tree;
    @FXML
    private Label detailsLabel;
    @FXML
    private Label messageLabel;
    @FXML
    private Label problemLabel;

    public ModelEditorView(ModelEditorViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.text = viewModel.text();
    }

    @FXML
    private void initialize() {
        dialogs = new EditDialogs(text, this::window);
        titleLabel.setText(text.get("title"));
        hintLabel.setText(text.get("hint"));
        label(newHouseButton, "newHouse");
        label(newFloorButton, "newFloor");
        label(newRoomButton, "newRoom");
        label(newDeviceButton, "newDevice");
        label(renameButton, "rename");
        label(moveButton, "move");
        label(attributeButton, "attribute");
        label(deleteButton, "delete");

        tree.setRoot(new TreeItem<>());
        tree.setCellFactory(view -> new NodeCell());
        tree.getSelectionModel().selectedItemProperty().addListener((observable, old, item) -> selected());
        // Keys on the selection: Delete deletes (after asking), F2 renames, Enter moves, Insert adds a room.
        tree.setOnKeyPressed(event -> {
            Runnable action = switch (event.getCode()) {
                case DELETE -> deleteButton.isDisabled() ? null : this::delete;
                case F2 -> renameButton.isDisabled() ? null : this::rename;
                case ENTER -> moveButton.isDisabled() ? null : this::move;
                case INSERT -> newRoomButton.isDisabled() ? null : this::newRoom;
                default -> null;
            };
            if (action != null) {
                event.consume();
                action.run();
            }
        });

        messageLabel.textProperty().bind(viewModel.messageProperty());
        problemLabel.textProperty().bind(viewModel.problemProperty());
        for (Label label : List.of(messageLabel, problemLabel)) {
            label.visibleProperty().bind(label.textProperty().isNotEmpty());
            label.managedProperty().bind(label.visibleProperty());
        }
        viewModel.housesProperty().addListener((observable, old, houses) -> show(houses));
        show(viewModel.housesProperty().get());
        selected();
        ThemeTokens.apply(rootPane);
    }

    @Override
    public void close() {
        viewModel.close();
    }

    private void label(Button button, String action) {
        button.setText(text.get("action." + action));
        button.setTooltip(new Tooltip(text.get("tooltip." + action)));
        button.setId(action + "-button");
    }

    private Window window() {
        return tree.getScene() == null ? null : tree.getScene().getWindow();
    }

    private ModelNode selection() {
        TreeItem<ModelNode> item = tree.getSelectionModel().getSelectedItem();
        return item == null ? null : item.getValue();
    }

    /** Enables what applies to the selection and describes it. */
    private void selected() {
        ModelNode node = selection();
        detailsLabel.setText(viewModel.details(node));
        boolean inHouse = node != null;
        newFloorButton.setDisable(!inHouse);
        newRoomButton.setDisable(!inHouse);
        newDeviceButton.setDisable(!(node instanceof RoomNode || node instanceof DeviceNode d && !d.device().inInbox()));
        renameButton.setDisable(!(node instanceof HouseNode || node instanceof RoomNode || node instanceof DeviceNode
                || node instanceof FloorNode f && f.floor() != null));
        moveButton.setDisable(!(node instanceof RoomNode || node instanceof DeviceNode));
        attributeButton.setDisable(!(node instanceof AttributeNode));
        deleteButton.setDisable(!ModelEditorViewModel.deletable(node));
    }

    // ------------------------------------------------------------------ the tree

    private void show(List<HouseOutline> houses) {
        Set<String> expanded = new HashSet<>();
        Set<String> known = new HashSet<>();
        collect(tree.getRoot(), known, expanded);
        ModelNode selected = selection();
        String selectedKey = selected == null ? null : selected.key();
        boolean first = known.isEmpty();

        TreeItem<ModelNode> root = new TreeItem<>();
        for (HouseOutline house : houses) {
            TreeItem<ModelNode> houseItem = item(new HouseNode(house), first || expanded.contains("house:" + house.house().id()));
            if (house.floors().isEmpty()) {
                addRooms(houseItem, house, house.rooms(), expanded);
            } else {
                for (Floor floor : house.floors()) {
                    TreeItem<ModelNode> floorItem = item(new FloorNode(house, floor), true);
                    addRooms(floorItem, house, house.roomsOn(floor.id()), expanded);
                    houseItem.getChildren().add(floorItem);
                }
                List<Room> loose = house.roomsOn(null);
                if (!loose.isEmpty()) {
                    TreeItem<ModelNode> noFloor = item(new FloorNode(house, null), true);
                    addRooms(noFloor, house, loose, expanded);
                    houseItem.getChildren().add(noFloor);
                }
            }
            if (!house.inbox().isEmpty()) {
                TreeItem<ModelNode> inbox = item(new InboxNode(house), true);
                for (Device device : house.inbox()) {
                    inbox.getChildren().add(deviceItem(house, device, expanded));
                }
                houseItem.getChildren().add(inbox);
            }
            root.getChildren().add(houseItem);
        }
        tree.setRoot(root);
        TreeItem<ModelNode> reselect = selectedKey == null ? null : find(root, selectedKey);
        if (reselect == null && first && !root.getChildren().isEmpty()) {
            reselect = root.getChildren().getFirst();
        }
        if (reselect != null) {
            tree.getSelectionModel().select(reselect);
        }
        selected();
    }

    private void addRooms(TreeItem<ModelNode> parent, HouseOutline house, List<Room> rooms, Set<String> expanded) {
        boolean opening = expanded.isEmpty();
        List<Room> byName = new ArrayList<>(rooms);
        byName.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        for (Room room : byName) {
            String key = "room:" + room.id();
            TreeItem<ModelNode> roomItem = item(new RoomNode(house, room), expanded.contains(key) || opening);
            for (Device device : house.devicesIn(room.id())) {
                roomItem.getChildren().add(deviceItem(house, device, expanded));
            }
            parent.getChildren().add(roomItem);
        }
    }

    private static TreeItem<ModelNode> deviceItem(HouseOutline house, Device device, Set<String> expanded) {
        TreeItem<ModelNode> item = item(new DeviceNode(house, device), expanded.contains("device:" + device.id()));
        for (Attribute attribute : house.attributesOf(device.id())) {
            item.getChildren().add(item(new AttributeNode(house, attribute), false));
        }
        return item;
    }

    private static TreeItem<ModelNode> item(ModelNode node, boolean expanded) {
        TreeItem<ModelNode> item = new TreeItem<>(node);
        item.setExpanded(expanded);
        return item;
    }

    private static void collect(TreeItem<ModelNode> item, Set<String> known, Set<String> expanded) {
        for (TreeItem<ModelNode> child : item.getChildren()) {
            known.add(child.getValue().key());
            if (child.isExpanded()) {
                expanded.add(child.getValue().key());
            }
            collect(child, known, expanded);
        }
    }

    private static TreeItem<ModelNode> find(TreeItem<ModelNode> item, String key) {
        for (TreeItem<ModelNode> child : item.getChildren()) {
            if (child.getValue().key().equals(key)) {
                return child;
            }
            TreeItem<ModelNode> found = find(child, key);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The text of a row. */
    String title(ModelNode node) {
        return switch (node) {
            case HouseNode h -> h.outline().house().name() + "  ·  " + h.outline().house().slug();
            case FloorNode f -> f.floor() == null ? text.get("tree.noFloor") : f.floor().name();
            case RoomNode r -> r.room().name() + "  ·  " + r.room().slug();
            case InboxNode i -> text.get("tree.inbox", i.outline().inbox().size());
            case DeviceNode d -> d.device().name() + "  ·  " + d.device().address();
            case AttributeNode a -> a.attribute().displayName()
                    + (a.attribute().unit().isEmpty() ? "" : " [" + a.attribute().unit() + "]");
        };
    }

    private final class NodeCell extends TreeCell<ModelNode> {
        @Override
        protected void updateItem(ModelNode node, boolean empty) {
            super.updateItem(node, empty);
            ModelNode shown = empty ? null : node;
            setText(shown == null ? null : title(shown));
            pseudoClassStateChanged(HOUSE, shown instanceof HouseNode);
            pseudoClassStateChanged(FLOOR, shown instanceof FloorNode);
            pseudoClassStateChanged(ROOM, shown instanceof RoomNode);
            pseudoClassStateChanged(INBOX, shown instanceof InboxNode);
            pseudoClassStateChanged(DEVICE, shown instanceof DeviceNode);
            pseudoClassStateChanged(ATTRIBUTE, shown instanceof AttributeNode);
        }
    }

    // ------------------------------------------------------------------ actions

    @FXML
    private void newHouse() {
        NameForm form = new NameForm(text, "house", NameForm.SlugRule.HOUSE, "");
        ComboBox<String> zone = zoneBox(ZoneId.systemDefault().getId());
        dialogs.askName(text.get("dialog.newHouse.title"), form, "dialog.create",
                        List.of(new EditDialogs.Row(text.get("dialog.zone"), zone)))
                .ifPresent(f -> viewModel.createHouse(f.name(), f.slug(), zone.getEditor().getText()));
    }

    @FXML
    private void newFloor() {
        ModelNode node = selection();
        if (node == null) {
            return;
        }
        HouseOutline house = node.outline();
        NameForm form = new NameForm(text, "floor", NameForm.SlugRule.NONE, "");
        int next = house.floors().stream().mapToInt(Floor::level).max().orElse(-1) + 1;
        Spinner<Integer> level = new Spinner<>(-10, 200, next);
        level.setEditable(true);
        dialogs.askName(text.get("dialog.newFloor.title", house.house().name()), form, "dialog.create",
                        List.of(new EditDialogs.Row(text.get("dialog.level"), level)))
                .ifPresent(f -> viewModel.createFloor(house.house().id(), f.name(), level.getValue()));
    }

    @FXML
    private void newRoom() {
        ModelNode node = selection();
        if (node == null) {
            return;
        }
        HouseOutline house = node.outline();
        Long floorId = switch (node) {
            case FloorNode f -> f.floor() == null ? null : f.floor().id();
            case RoomNode r -> r.room().floorId();
            default -> null;
        };
        NameForm form = new NameForm(text, "room", NameForm.SlugRule.ROOM, "");
        dialogs.askName(text.get("dialog.newRoom.title", house.house().name()), form, "dialog.create", List.of())
                .ifPresent(f -> viewModel.createRoom(house.house().id(), floorId, f.name(), f.slug()));
    }

    @FXML
    private void newDevice() {
        Room room = switch (selection()) {
            case RoomNode r -> r.room();
            case DeviceNode d when !d.device().inInbox() -> d.outline().room(d.device().roomId()).orElse(null);
            case null, default -> null;
        };
        if (room == null) {
            return;
        }
        NameForm form = new NameForm(text, "device", NameForm.SlugRule.DEVICE, "");
        ComboBox<String> kind = kindBox("light");
        dialogs.askName(text.get("dialog.newDevice.title", room.name()), form, "dialog.create",
                        List.of(new EditDialogs.Row(text.get("dialog.kind"), kind)))
                .ifPresent(f -> viewModel.createDevice(room.id(), f.name(), f.slug(), kind.getEditor().getText()));
    }

    @FXML
    private void rename() {
        ModelNode node = selection();
        if (node == null) {
            return;
        }
        switch (node) {
            case HouseNode h -> {
                NameForm form = new NameForm(text, "house", NameForm.SlugRule.NONE, h.outline().house().name());
                ComboBox<String> zone = zoneBox(h.outline().house().zone().getId());
                dialogs.askName(text.get("dialog.rename.title", h.outline().house().name()), form, "dialog.ok",
                                List.of(new EditDialogs.Row(text.get("dialog.zone"), zone)))
                        .ifPresent(f -> viewModel.updateHouse(h.outline().house().id(), f.name(),
                                zone.getEditor().getText()));
            }
            case FloorNode f when f.floor() != null -> {
                NameForm form = new NameForm(text, "floor", NameForm.SlugRule.NONE, f.floor().name());
                Spinner<Integer> level = new Spinner<>(-10, 200, f.floor().level());
                level.setEditable(true);
                dialogs.askName(text.get("dialog.rename.title", f.floor().name()), form, "dialog.ok",
                                List.of(new EditDialogs.Row(text.get("dialog.level"), level)))
                        .ifPresent(done -> viewModel.updateFloor(f.floor().id(), done.name(), level.getValue()));
            }
            case RoomNode r -> renameTo(node, "room", r.room().name());
            case DeviceNode d -> {
                NameForm form = new NameForm(text, "device", NameForm.SlugRule.NONE, d.device().name());
                ComboBox<String> kind = kindBox(d.device().kind());
                dialogs.askName(text.get("dialog.rename.title", d.device().name()), form, "dialog.ok",
                                List.of(new EditDialogs.Row(text.get("dialog.kind"), kind)))
                        .ifPresent(f -> viewModel.updateDevice(d.device().id(), f.name(), kind.getEditor().getText()));
            }
            default -> {
            }
        }
    }

    private void renameTo(ModelNode node, String what, String current) {
        NameForm form = new NameForm(text, what, NameForm.SlugRule.NONE, current);
        dialogs.askName(text.get("dialog.rename.title", current), form, "dialog.ok", List.of())
                .ifPresent(f -> viewModel.rename(node, f.name()));
    }

    @FXML
    private void move() {
        switch (selection()) {
            case DeviceNode d -> chooseRoom(dialogs, text, d.outline(), d.device())
                    .ifPresent(roomId -> viewModel.moveDevice(d.device().id(), roomId.orElse(null)));
            case RoomNode r -> {
                List<Optional<Floor>> floors = new ArrayList<>();
                floors.add(Optional.empty());
                r.outline().floors().forEach(f -> floors.add(Optional.of(f)));
                Optional<Floor> current = r.outline().floors().stream()
                        .filter(f -> r.room().floorId() != null && f.id() == r.room().floorId()).findFirst();
                dialogs.choose(text.get("dialog.move.title", r.room().name()), text.get("dialog.moveRoom.header"),
                                floors, f -> f.map(Floor::name).orElse(text.get("dialog.move.noFloor")), current)
                        .ifPresent(f -> viewModel.moveRoom(r.room().id(), f.map(Floor::id).orElse(null)));
            }
            case null, default -> {
            }
        }
    }

    /**
     * Asks which room of {@code house} to place {@code device} in (or the inbox: an empty inner optional);
     * empty when cancelled. Shared with the inbox.
     */
    public static Optional<Optional<Long>> chooseRoom(EditDialogs dialogs, ModelText text, HouseOutline house,
                                                      Device device) {
        List<Optional<Room>> rooms = new ArrayList<>();
        rooms.add(Optional.empty());
        List<Room> byName = new ArrayList<>(house.rooms());
        byName.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        byName.forEach(room -> rooms.add(Optional.of(room)));
        Optional<Room> current = device.roomId() == null ? Optional.empty() : house.room(device.roomId());
        Optional<Room> proposed = current.isPresent() || byName.isEmpty() ? current : Optional.of(byName.getFirst());
        return dialogs.choose(text.get("dialog.move.title", device.name()),
                        text.get("dialog.moveDevice.header", device.address().toString()), rooms,
                        room -> room.map(Room::name).orElse(text.get("dialog.move.inbox")), proposed)
                .map(room -> room.map(Room::id));
    }

    @FXML
    private void editAttribute() {
        if (!(selection() instanceof AttributeNode a)) {
            return;
        }
        Attribute attribute = a.attribute();
        viewModel.declaredUnit(attribute.id(), declared -> {
            NameForm form = new NameForm(text, "attribute", NameForm.SlugRule.NONE, attribute.displayName());
            TextField unit = new TextField(attribute.unit().equals(declared) ? "" : attribute.unit());
            unit.setPromptText(text.get("dialog.unitHint", declared));
            dialogs.askName(text.get("dialog.attribute.title", attribute.path().attribute()), form, "dialog.ok",
                            List.of(new EditDialogs.Row(text.get("dialog.unit"), unit)))
                    .ifPresent(f -> viewModel.updateAttribute(attribute.id(),
                            f.name().equals(attribute.path().attribute()) ? "" : f.name(),
                            unit.getText().isBlank() ? null : unit.getText()));
        });
    }

    @FXML
    private void delete() {
        ModelNode node = selection();
        if (node == null || !ModelEditorViewModel.deletable(node)) {
            return;
        }
        String title = text.get("dialog.delete.title", title(node));
        viewModel.impact(node, impact -> {
            if (node instanceof RoomNode r) {
                List<Destination> destinations = new ArrayList<>();
                destinations.add(new Destination(text.get("dialog.deleteRoom.inbox"), null));
                for (Room other : r.outline().rooms()) {
                    if (other.id() != r.room().id()) {
                        destinations.add(new Destination(text.get("dialog.deleteRoom.into", other.name()), other.id()));
                    }
                }
                dialogs.confirmRoomDelete(title, impact, destinations)
                        .ifPresent(where -> viewModel.delete(node, where.roomId()));
            } else if (dialogs.confirmDelete(title, impact)) {
                viewModel.delete(node, null);
            }
        });
    }

    /** An editable choice of device kinds, showing {@code current} ("unknown" shows as empty). Shared with the inbox. */
    public static ComboBox<String> kindBox(String current) {
        ComboBox<String> kind = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(KINDS));
        kind.setEditable(true);
        kind.setId("kind-field");
        kind.getEditor().setText("unknown".equals(current) ? "" : current);
        kind.setMaxWidth(Double.MAX_VALUE);
        return kind;
    }

    private static ComboBox<String> zoneBox(String current) {
        List<String> zones = new ArrayList<>(ZoneId.getAvailableZoneIds());
        zones.sort(String::compareTo);
        ComboBox<String> zone = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(zones));
        zone.setEditable(true);
        zone.getEditor().setText(current);
        zone.setMaxWidth(Double.MAX_VALUE);
        return zone;
    }
}
