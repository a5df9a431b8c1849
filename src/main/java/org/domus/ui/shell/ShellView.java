package org.domus.ui.shell;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.IntegerBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.domus.model.DeviceAddress;
import org.domus.ui.fx.Icons;
import org.domus.ui.fx.Messages;
import org.domus.ui.fx.Theme;
import org.domus.ui.panel.PanelScope;
import org.domus.ui.panel.PanelView;
import org.domus.ui.panel.PanelViewModel;
import org.domus.ui.panel.TileModel;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's main window content: a side bar (search, houses → floors → rooms with device counts and alarm
 * badges, then the screens), the content area (a house, floor or room panel, a device, or a screen), the demo
 * banner and the status bar. Built in code; binds to {@link ShellViewModel}. Rebuilt as a whole when the
 * language changes (the window keeps its size and view).
 */
public final class ShellView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShellView.class);

    /** What the shell is given besides its view-model. */
    public record Options(Theme theme, boolean showDemoBanner, Consumer<Theme> onTheme, Consumer<Locale> onLanguage,
                          Runnable onDemoBannerDismissed, Consumer<String> onViewShown) {
        public Options {
            Objects.requireNonNull(theme, "theme");
            Objects.requireNonNull(onTheme, "onTheme");
            Objects.requireNonNull(onLanguage, "onLanguage");
            Objects.requireNonNull(onDemoBannerDismissed, "onDemoBannerDismissed");
            Objects.requireNonNull(onViewShown, "onViewShown");
        }
    }

    private final ShellViewModel viewModel;
    private final ConsoleScreens screens;
    private final ScreenContext context;
    private final Messages messages;
    private final Options options;
    private final Function<ScreenContext, Function<DeviceAddress, ConsoleScreens.Mounted>> deviceViews;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final TextField search = new TextField();
    private final TreeView<NavEntry> tree = new TreeView<>();
    private final ToggleGroup screenButtons = new ToggleGroup();
    private final Map<String, ToggleButton> screenButtonsById = new HashMap<>();
    private final VBox banner = new VBox();
    private final HBox tools = new HBox(8);
    private final Button themeButton = new Button();
    private final Timeline statusPoll;
    private Theme theme;
    private boolean bannerDismissed;
    private boolean selecting;
    private AutoCloseable shown = () -> { };
    private String previousView = "";
    /** Leaving installer mode leaves an installer-only screen too. */
    private final javafx.beans.value.ChangeListener<Boolean> leaveInstallerScreens =
            (o, was, installer) -> leftInstallerMode(installer);

    /**
     * @param context     what screens are given; its navigator must call {@link #show}
     * @param deviceViews makes a device's detail view (null: tiles open nothing)
     */
    public ShellView(ShellViewModel viewModel, ConsoleScreens screens, ScreenContext context, Options options,
                     Function<ScreenContext, Function<DeviceAddress, ConsoleScreens.Mounted>> deviceViews) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.screens = Objects.requireNonNull(screens, "screens");
        this.context = Objects.requireNonNull(context, "context");
        this.messages = context.messages();
        this.options = Objects.requireNonNull(options, "options");
        this.deviceViews = deviceViews;
        this.theme = options.theme();
        this.bannerDismissed = !options.showDemoBanner();
        root.getStyleClass().add("shell");
        root.getStylesheets().add(Objects.requireNonNull(ShellView.class.getResource("ShellView.css")).toExternalForm());
        root.setTop(header());
        for (Function<ScreenContext, Node> tool : screens.headerTools()) {
            tools.getChildren().add(tool.apply(context));
        }
        root.setLeft(sideBar());
        VBox center = new VBox(banner, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        content.getStyleClass().add("content");
        banner.getStyleClass().add("demo-banner");
        root.setCenter(center);
        root.setBottom(statusBar());
        statusPoll = new Timeline(new KeyFrame(Duration.seconds(1), event -> viewModel.refreshStatus()));
        statusPoll.setCycleCount(Timeline.INDEFINITE);
        statusPoll.play();
        viewModel.navigationProperty().addListener((o, old, now) -> showTree(now));
        showTree(viewModel.navigationProperty().get());
        viewModel.currentViewProperty().addListener((o, old, now) -> updateBanner());
        screens.installerModeProperty().addListener(leaveInstallerScreens);
    }

    private void leftInstallerMode(boolean installer) {
        if (!installer) {
            ViewId.parse(viewModel.currentViewProperty().get()).filter(this::lockedForInstallers)
                    .ifPresent(view -> show(viewModel.initialView("").orElse("")));
        }
    }

    private boolean lockedForInstallers(ViewId view) {
        return view instanceof ViewId.Screen screen && !screens.installerModeProperty().get()
                && screens.find(screen.id()).map(ConsoleScreens.Screen::installerOnly).orElse(false);
    }

    public Parent root() {
        return root;
    }

    /** Where other features add header controls (the role switch, for example). */
    public HBox tools() {
        return tools;
    }

    public ShellViewModel viewModel() {
        return viewModel;
    }

    /** Switches to the other theme as the header's button does, and says so on it (Ctrl+T). */
    public void toggleTheme() {
        themeButton.fire();
    }

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Shows the n-th screen of the side bar (0: the first house). */
    public void showShortcut(int index) {
        if (index == 0) {
            viewModel.initialView("").ifPresent(this::show);
            return;
        }
        List<ConsoleScreens.Screen> list = screens.screens();
        if (index - 1 < list.size()) {
            show(new ViewId.Screen(list.get(index - 1).id()).text());
        }
    }

    /** Goes back from a device to the view it was opened from. */
    public void back() {
        if (viewModel.currentViewProperty().get().startsWith("device:") && !previousView.isEmpty()) {
            show(previousView);
        }
    }

    /** Shows {@code viewId}; an unknown or vanished view shows the first house. FX thread. */
    public void show(String viewId) {
        Optional<ViewId> parsed = ViewId.parse(viewId);
        if (parsed.isEmpty() || !viewModel.exists(parsed.get()) || lockedForInstallers(parsed.get())) {
            Optional<String> fallback = viewModel.initialView("");
            if (fallback.isEmpty() || fallback.get().equals(viewId)) {
                showNode(empty(), () -> { });
                return;
            }
            show(fallback.get());
            return;
        }
        ViewId view = parsed.get();
        String current = viewModel.currentViewProperty().get();
        if (!(view instanceof ViewId.Device) && !current.startsWith("device:")) {
            previousView = current;
        } else if (view instanceof ViewId.Device && !current.startsWith("device:")) {
            previousView = current;
        }
        ConsoleScreens.Mounted mounted;
        try {
            mounted = mount(view);
        } catch (RuntimeException e) {
            LOG.error("Cannot show {}", viewId, e);
            Label problem = new Label(messages.format("shell.view-failed", e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
            problem.getStyleClass().add("view-problem");
            problem.setWrapText(true);
            mounted = new ConsoleScreens.Mounted(problem, null);
        }
        showNode(mounted.root(), mounted.onClose());
        viewModel.setCurrentView(viewId);
        select(viewId);
        options.onViewShown().accept(viewId);
    }

    private ConsoleScreens.Mounted mount(ViewId view) {
        return switch (view) {
            case ViewId.House house -> panel(PanelScope.house(house.house()));
            case ViewId.Floor floor -> panel(PanelScope.floor(floor.house(), floor.floorId()));
            case ViewId.Room room -> panel(PanelScope.room(room.house(), room.roomId()));
            case ViewId.Device device -> {
                if (deviceViews == null) {
                    throw new IllegalStateException("no device view");
                }
                yield deviceViews.apply(context).apply(device.address());
            }
            case ViewId.Screen screen -> screens.find(screen.id())
                    .orElseThrow(() -> new IllegalArgumentException("no screen " + screen.id()))
                    .factory().apply(context);
        };
    }

    private ConsoleScreens.Mounted panel(PanelScope scope) {
        PanelViewModel panel = new PanelViewModel(context.home(), context.commands(), scope);
        PanelView view = new PanelView(panel, messages, this::openDevice);
        return new ConsoleScreens.Mounted(view.root(), view);
    }

    private void openDevice(TileModel tile) {
        if (deviceViews != null) {
            show(new ViewId.Device(tile.device().address()).text());
        }
    }

    private void showNode(Node node, AutoCloseable onClose) {
        closeShown();
        shown = onClose;
        content.getChildren().setAll(node);
    }

    private void closeShown() {
        try {
            shown.close();
        } catch (Exception e) {
            LOG.warn("Closing a view failed: {}", e.getMessage());
        }
        shown = () -> { };
    }

    private Node empty() {
        Label label = new Label(messages.text("shell.no-houses"));
        label.getStyleClass().add("view-empty");
        label.setWrapText(true);
        return label;
    }

    // ---- header, side bar, status bar --------------------------------------------------------------------

    private Node header() {
        var logo = Icons.of(MaterialDesignH.HOME_AUTOMATION, 22);
        logo.getStyleClass().add("logo");
        Label title = new Label(messages.text("app.title"));
        title.getStyleClass().add("app-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        themeButton.getStyleClass().addAll("theme-button", "flat");
        Runnable showTheme = () -> {
            themeButton.setGraphic(Icons.of(theme == Theme.LIGHT ? MaterialDesignW.WEATHER_NIGHT
                    : MaterialDesignW.WHITE_BALANCE_SUNNY, 18));
            themeButton.setText(messages.text(theme == Theme.LIGHT ? "theme.dark" : "theme.light"));
        };
        showTheme.run();
        themeButton.setTooltip(new Tooltip(messages.text("theme.tooltip")));
        themeButton.setOnAction(event -> {
            theme = theme.other();
            showTheme.run();
            options.onTheme().accept(theme);
        });
        MenuButton language = new MenuButton(messages.text("language.current"),
                Icons.of(MaterialDesignT.TRANSLATE, 18));
        language.getStyleClass().addAll("language-button", "flat");
        language.setTooltip(new Tooltip(messages.text("language.tooltip")));
        for (Locale locale : ConsolePreferences.LANGUAGES) {
            MenuItem item = new MenuItem(Messages.console(locale).text("language.name"));
            item.getStyleClass().add("language-" + locale.getLanguage());
            item.setOnAction(event -> options.onLanguage().accept(locale));
            language.getItems().add(item);
        }
        tools.setAlignment(Pos.CENTER_RIGHT);
        HBox header = new HBox(10, logo, title, spacer, tools, themeButton, language);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("header");
        return header;
    }

    private Node sideBar() {
        search.setPromptText(messages.text("nav.search"));
        search.getStyleClass().add("nav-search");
        search.setTooltip(new Tooltip(messages.text("nav.search-tooltip")));
        search.textProperty().bindBidirectional(viewModel.searchProperty());
        tree.setShowRoot(false);
        tree.setRoot(new TreeItem<>());
        tree.getStyleClass().add("nav-tree");
        tree.setCellFactory(view -> new NavCell());
        tree.getSelectionModel().selectedItemProperty().addListener((o, old, item) -> {
            if (!selecting && item != null && item.getValue() != null) {
                screenButtons.selectToggle(null);
                show(item.getValue().viewId());
            }
        });
        Label placeholder = new Label(messages.text("nav.no-match"));
        placeholder.getStyleClass().add("nav-empty");
        placeholder.visibleProperty().bind(viewModel.navigationProperty().map(List::isEmpty));
        placeholder.managedProperty().bind(placeholder.visibleProperty());
        Label housesTitle = new Label(messages.text("nav.houses"));
        housesTitle.getStyleClass().add("nav-section");
        Label screensTitle = new Label(messages.text("nav.screens"));
        screensTitle.getStyleClass().add("nav-section");
        VBox screenBox = new VBox(2);
        int index = 2;
        for (ConsoleScreens.Screen screen : screens.screens()) {
            ToggleButton button = new ToggleButton(screen.title().apply(context.locale()),
                    Icons.of(screen.icon(), 18));
            button.getStyleClass().addAll("nav-screen", "screen-" + screen.id());
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.setToggleGroup(screenButtons);
            if (index <= 9) {
                button.setTooltip(new Tooltip(messages.format("nav.shortcut", "Ctrl+" + index)));
            }
            index++;
            button.setOnAction(event -> {
                button.setSelected(true);
                show(new ViewId.Screen(screen.id()).text());
            });
            if (screen.installerOnly()) {
                button.visibleProperty().bind(screens.installerModeProperty());
                button.managedProperty().bind(button.visibleProperty());
            }
            screenButtonsById.put(screen.id(), button);
            screenBox.getChildren().add(button);
        }
        VBox.setVgrow(tree, Priority.ALWAYS);
        VBox side = new VBox(8, search, housesTitle, placeholder, tree, new Separator(), screensTitle, screenBox);
        side.getStyleClass().add("side-bar");
        return side;
    }

    private Node statusBar() {
        var brokerIcon = Icons.of(MaterialDesignC.CHECK_NETWORK_OUTLINE, 14);
        Label broker = status(viewModel.brokerProperty(), "status.broker-tooltip");
        broker.setGraphic(brokerIcon);
        broker.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("down"), false);
        viewModel.brokerUpProperty().addListener((o, was, up) -> broker.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("down"), !up));
        Label clients = status(viewModel.clientsProperty(), "status.clients-tooltip");
        Label rate = status(viewModel.rateProperty(), "status.rate-tooltip");
        Label simulator = status(viewModel.simulatorProperty(), "status.simulator-tooltip");
        simulator.setGraphic(Icons.of(MaterialDesignM.MOTION_PLAY_OUTLINE, 14));
        Label notifications = new Label();
        notifications.getStyleClass().addAll("status-item", "notifications");
        notifications.setGraphic(Icons.of(MaterialDesignB.BELL_OUTLINE, 14));
        notifications.textProperty().bind(viewModel.notificationsProperty().map(n ->
                messages.format("status.notifications", n)));
        notifications.visibleProperty().bind(viewModel.notificationsKnownProperty());
        notifications.managedProperty().bind(notifications.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label data = new Label(messages.format("status.data", context.session().dataDir()));
        data.getStyleClass().addAll("status-item", "data-folder");
        data.setGraphic(Icons.of(MaterialDesignF.FOLDER_OUTLINE, 14));
        data.setTooltip(new Tooltip(context.session().dataDir().toString()));
        data.setMinWidth(0);
        HBox bar = new HBox(14, broker, clients, rate, simulator, notifications, spacer, data);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private Label status(javafx.beans.value.ObservableValue<String> text, String tooltipKey) {
        Label label = new Label();
        label.getStyleClass().add("status-item");
        label.textProperty().bind(text);
        label.setTooltip(new Tooltip(messages.text(tooltipKey)));
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    // ---- tree ----------------------------------------------------------------------------------------------

    private void showTree(List<NavEntry> entries) {
        boolean filtering = !viewModel.searchProperty().get().isBlank();
        TreeItem<NavEntry> rootItem = new TreeItem<>();
        for (NavEntry entry : entries) {
            rootItem.getChildren().add(item(entry, true, filtering));
        }
        selecting = true;
        try {
            tree.setRoot(rootItem);
        } finally {
            selecting = false;
        }
        select(viewModel.currentViewProperty().get());
    }

    private TreeItem<NavEntry> item(NavEntry entry, boolean expanded, boolean filtering) {
        TreeItem<NavEntry> item = new TreeItem<>(entry);
        item.setExpanded(expanded || filtering);
        for (NavEntry child : entry.children()) {
            item.getChildren().add(item(child, true, filtering));
        }
        return item;
    }

    private void select(String viewId) {
        selecting = true;
        try {
            TreeItem<NavEntry> found = find(tree.getRoot(), viewId);
            if (found != null) {
                tree.getSelectionModel().select(found);
                screenButtons.selectToggle(null);
            } else {
                tree.getSelectionModel().clearSelection();
                Optional<ViewId> parsed = ViewId.parse(viewId);
                if (parsed.isPresent() && parsed.get() instanceof ViewId.Screen screen) {
                    ToggleButton button = screenButtonsById.get(screen.id());
                    if (button != null) {
                        button.setSelected(true);
                    }
                }
            }
        } finally {
            selecting = false;
        }
    }

    private static TreeItem<NavEntry> find(TreeItem<NavEntry> item, String viewId) {
        for (TreeItem<NavEntry> child : item.getChildren()) {
            if (child.getValue().viewId().equals(viewId)) {
                return child;
            }
            TreeItem<NavEntry> found = find(child, viewId);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** A row of the houses tree: icon, name, device count, alarm badge (hidden at zero). */
    private final class NavCell extends TreeCell<NavEntry> {
        private final Label name = new Label();
        private final Label count = new Label();
        private final Label alarm = new Label();
        private final HBox box;
        private IntegerBinding alarmBinding;

        NavCell() {
            name.getStyleClass().add("nav-name");
            name.setMinWidth(0);
            count.getStyleClass().add("nav-count");
            count.setMinWidth(Region.USE_PREF_SIZE);
            alarm.getStyleClass().add("alarm-badge");
            alarm.setMinWidth(Region.USE_PREF_SIZE);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            box = new HBox(6, name, spacer, alarm, count);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(NavEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (alarmBinding != null) {
                alarm.textProperty().unbind();
                alarm.visibleProperty().unbind();
                alarmBinding.dispose();
                alarmBinding = null;
            }
            if (empty || entry == null) {
                setGraphic(null);
                setText(null);
                setTooltip(null);
                return;
            }
            name.setText(entry.name());
            name.setGraphic(Icons.of(switch (entry.level()) {
                case HOUSE -> MaterialDesignH.HOME_OUTLINE;
                case FLOOR -> MaterialDesignH.HOME_FLOOR_1;
                case ROOM -> MaterialDesignF.FLOOR_PLAN;
            }, 16));
            count.setText(Integer.toString(entry.deviceCount()));
            alarmBinding = viewModel.alarmCount(entry.devices());
            alarm.textProperty().bind(alarmBinding.asString());
            alarm.visibleProperty().bind(alarmBinding.greaterThan(0));
            alarm.managedProperty().bind(alarm.visibleProperty());
            setTooltip(new Tooltip(messages.format("nav.entry-tooltip", entry.name(), entry.deviceCount())));
            setText(null);
            setGraphic(box);
        }
    }

    // ---- demo banner ---------------------------------------------------------------------------------------

    private void updateBanner() {
        String view = viewModel.currentViewProperty().get();
        // On the demo house's panels; a device's detail needs the room.
        boolean demo = !bannerDismissed && (view.equals("house:demo") || view.startsWith("floor:demo:")
                || view.startsWith("room:demo:"));
        if (!demo) {
            banner.getChildren().clear();
            banner.setVisible(false);
            banner.setManaged(false);
            return;
        }
        if (banner.getChildren().isEmpty()) {
            Label title = new Label(messages.text("banner.demo.title"), Icons.of(MaterialDesignM.MAGIC_STAFF, 18));
            title.getStyleClass().add("banner-title");
            Label text = new Label(messages.format("banner.demo.text", Integer.toString(
                    context.session().broker().port())));
            text.getStyleClass().add("banner-text");
            text.setWrapText(true);
            text.setMinHeight(Region.USE_PREF_SIZE);
            text.setMaxWidth(Double.MAX_VALUE);
            Button simulators = new Button(messages.text("banner.demo.simulators"));
            simulators.getStyleClass().add("banner-simulators");
            simulators.setOnAction(event -> show(new ViewId.Screen("simulators").text()));
            simulators.setVisible(screens.find("simulators").isPresent());
            Button dismiss = new Button(messages.text("banner.demo.dismiss"));
            dismiss.getStyleClass().addAll("banner-dismiss", "flat");
            dismiss.setOnAction(event -> {
                bannerDismissed = true;
                options.onDemoBannerDismissed().run();
                updateBanner();
            });
            HBox buttons = new HBox(8, simulators, dismiss);
            banner.getChildren().setAll(title, text, buttons);
        }
        banner.setVisible(true);
        banner.setManaged(true);
    }

    @Override
    public void close() {
        screens.installerModeProperty().removeListener(leaveInstallerScreens);
        statusPoll.stop();
        closeShown();
        search.textProperty().unbindBidirectional(viewModel.searchProperty());
    }
}
