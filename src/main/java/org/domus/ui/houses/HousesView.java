package org.domus.ui.houses;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import org.domus.ui.houses.HouseTreeNode.AttributeNode;
import org.domus.ui.houses.HouseTreeNode.DeviceNode;
import org.domus.ui.houses.HouseTreeNode.GroupNode;
import org.domus.ui.houses.HouseTreeNode.HouseNode;

/**
 * The houses screen (controller of {@code HousesView.fxml}): a tree of houses, rooms, devices and attributes
 * with their live values, and a status bar. Binds to {@link HousesViewModel}; holds no logic of its own.
 */
public final class HousesView implements AutoCloseable {

    private static final PseudoClass HOUSE = PseudoClass.getPseudoClass("house");
    private static final PseudoClass ROOM = PseudoClass.getPseudoClass("room");
    private static final PseudoClass INBOX = PseudoClass.getPseudoClass("inbox");
    private static final PseudoClass DEVICE = PseudoClass.getPseudoClass("device");
    private static final PseudoClass ATTRIBUTE = PseudoClass.getPseudoClass("attribute");
    /** Shown for an attribute that has not reported a value since the console started. */
    static final String NO_VALUE = "—";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final HousesViewModel viewModel;
    private final org.domus.ui.fx.Messages messages;
    private boolean firstTree = true;

    @FXML
    private TreeTableView<HouseTreeNode> tree;
    @FXML
    private TreeTableColumn<HouseTreeNode, String> nameColumn;
    @FXML
    private TreeTableColumn<HouseTreeNode, String> valueColumn;
    @FXML
    private TreeTableColumn<HouseTreeNode, String> unitColumn;
    @FXML
    private TreeTableColumn<HouseTreeNode, String> lastSeenColumn;
    @FXML
    private Label summaryLabel;
    @FXML
    private Label problemLabel;

    public HousesView(HousesViewModel viewModel, org.domus.ui.fx.Messages messages) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @FXML
    private void initialize() {
        tree.setRoot(new TreeItem<>());
        tree.setShowRoot(false);
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tree.setRowFactory(view -> new NodeRow());
        nameColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().getValue().title()));
        valueColumn.setCellValueFactory(cell -> value(cell.getValue().getValue(), messages));
        unitColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(unit(cell.getValue().getValue())));
        lastSeenColumn.setCellValueFactory(cell -> lastSeen(cell.getValue().getValue()));

        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        problemLabel.textProperty().bind(viewModel.problemProperty());
        problemLabel.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        problemLabel.managedProperty().bind(problemLabel.visibleProperty());

        viewModel.treeProperty().addListener((observable, old, houses) -> show(houses));
        show(viewModel.treeProperty().get());
    }

    /** Stops following the live state. */
    @Override
    public void close() {
        viewModel.close();
    }

    /**
     * Rebuilds the rows, keeping what was expanded and selected. The first time, the initial house is opened
     * all the way down; later, a row that was not there before opens if its parent is open (a new room,
     * device or the "New devices" inbox shows up rather than hiding behind a closed arrow).
     */
    private void show(List<HouseNode> houses) {
        if (houses.isEmpty() && tree.getRoot().getChildren().isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>();
        Set<String> expanded = new HashSet<>();
        collectKeys(tree.getRoot(), known, expanded);
        TreeItem<HouseTreeNode> selected = tree.getSelectionModel().getSelectedItem();
        String selectedKey = selected == null || selected.getValue() == null ? null : selected.getValue().key();

        String initial = viewModel.initialHouse();
        TreeItem<HouseTreeNode> root = new TreeItem<>();
        TreeItem<HouseTreeNode> toSelect = null;
        for (HouseNode house : houses) {
            boolean openAll = firstTree && (house.house().slug().equals(initial) || houses.size() == 1);
            TreeItem<HouseTreeNode> houseItem = item(house, openAll || expanded.contains(house.key()));
            for (GroupNode group : house.groups()) {
                TreeItem<HouseTreeNode> groupItem = item(group, openAll || opens(group, houseItem, known, expanded));
                for (DeviceNode device : group.devices()) {
                    TreeItem<HouseTreeNode> deviceItem = item(device, openAll || opens(device, groupItem, known, expanded));
                    for (AttributeNode attribute : device.attributes()) {
                        deviceItem.getChildren().add(item(attribute, false));
                    }
                    groupItem.getChildren().add(deviceItem);
                }
                houseItem.getChildren().add(groupItem);
            }
            root.getChildren().add(houseItem);
            if (openAll && selectedKey == null) {
                toSelect = houseItem;
            }
        }
        tree.setRoot(root);
        if (selectedKey != null) {
            toSelect = find(root, selectedKey);
        }
        if (toSelect != null) {
            tree.getSelectionModel().select(toSelect);
        }
        firstTree = houses.isEmpty();
    }

    private static boolean opens(HouseTreeNode node, TreeItem<HouseTreeNode> parent, Set<String> known,
                                 Set<String> expanded) {
        return expanded.contains(node.key()) || (!known.contains(node.key()) && parent.isExpanded());
    }

    private static TreeItem<HouseTreeNode> item(HouseTreeNode node, boolean expanded) {
        TreeItem<HouseTreeNode> item = new TreeItem<>(node);
        item.setExpanded(expanded);
        return item;
    }

    private static void collectKeys(TreeItem<HouseTreeNode> item, Set<String> known, Set<String> expanded) {
        for (TreeItem<HouseTreeNode> child : item.getChildren()) {
            if (child.getValue() != null) {
                known.add(child.getValue().key());
                if (child.isExpanded()) {
                    expanded.add(child.getValue().key());
                }
            }
            collectKeys(child, known, expanded);
        }
    }

    private static TreeItem<HouseTreeNode> find(TreeItem<HouseTreeNode> item, String key) {
        for (TreeItem<HouseTreeNode> child : item.getChildren()) {
            if (child.getValue() != null && child.getValue().key().equals(key)) {
                return child;
            }
            TreeItem<HouseTreeNode> found = find(child, key);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static ObservableValue<String> value(HouseTreeNode node, org.domus.ui.fx.Messages messages) {
        return switch (node) {
            case AttributeNode attribute -> attribute.live().valueProperty().map(text -> text.isEmpty() ? NO_VALUE : text);
            case GroupNode group -> new ReadOnlyStringWrapper(
                    messages.format("houses.device-count", group.devices().size()));
            case DeviceNode device -> new ReadOnlyStringWrapper("");
            case HouseNode house -> new ReadOnlyStringWrapper("");
        };
    }

    private static String unit(HouseTreeNode node) {
        return node instanceof AttributeNode attribute ? attribute.attribute().unit() : "";
    }

    private static ObservableValue<String> lastSeen(HouseTreeNode node) {
        return switch (node) {
            case AttributeNode attribute -> attribute.live().lastSeenProperty().map(HousesView::formatTime);
            case DeviceNode device -> device.live().lastSeenProperty().map(HousesView::formatTime);
            default -> new ReadOnlyStringWrapper("");
        };
    }

    static String formatTime(Instant instant) {
        ZonedDateTime local = instant.atZone(ZoneId.systemDefault());
        return local.toLocalDate().equals(LocalDate.now()) ? TIME.format(local) : DATE_TIME.format(local);
    }

    /** A row styled by what it shows, through pseudo-classes. */
    private static final class NodeRow extends TreeTableRow<HouseTreeNode> {
        @Override
        protected void updateItem(HouseTreeNode node, boolean empty) {
            super.updateItem(node, empty);
            HouseTreeNode shown = empty ? null : node;
            pseudoClassStateChanged(HOUSE, shown instanceof HouseNode);
            pseudoClassStateChanged(ROOM, shown instanceof GroupNode group && !group.inbox());
            pseudoClassStateChanged(INBOX, shown instanceof GroupNode group && group.inbox());
            pseudoClassStateChanged(DEVICE, shown instanceof DeviceNode);
            pseudoClassStateChanged(ATTRIBUTE, shown instanceof AttributeNode);
        }
    }
}
