package org.domus.ui;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.scene.Node;
import org.domus.access.InstallerAccess;
import org.domus.house.HouseModelService;
import org.domus.house.ModelListener;
import org.domus.store.PasswordHasher;
import org.domus.rules.RulesServices;
import org.domus.ui.alerts.AlertsView;
import org.domus.ui.alerts.AlertsViewModel;
import org.domus.ui.notifications.NotificationsView;
import org.domus.ui.notifications.NotificationsViewModel;
import org.domus.ui.provision.HubProvisioning;
import org.domus.ui.provision.ProvisionView;
import org.domus.ui.provision.ProvisionViewModel;
import org.domus.ui.rules.RulesView;
import org.domus.ui.rules.RulesViewModel;
import org.domus.ui.about.AboutDialog;
import org.domus.ui.editing.ModelEditorView;
import org.domus.ui.editing.ModelEditorViewModel;
import org.domus.ui.editing.ModelText;
import org.domus.ui.inbox.InboxView;
import org.domus.ui.inbox.InboxViewModel;
import org.domus.ui.rawtopics.RawTopicsView;
import org.domus.ui.rawtopics.RawTopicsViewModel;
import org.domus.ui.role.RoleSwitch;
import org.domus.ui.role.RoleViewModel;
import org.domus.model.DeviceAddress;
import org.domus.ui.fx.ControllerFactory;
import org.domus.ui.fx.Messages;
import org.domus.ui.houses.HousesView;
import org.domus.ui.houses.HousesViewModel;
import org.domus.ui.shell.ConsoleScreens;
import org.domus.ui.shell.ScreenContext;
import org.domus.ui.simulator.SimulatorView;
import org.domus.ui.simulator.SimulatorViewModel;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/**
 * The screens of the console's side bar, in order (Ctrl+2, Ctrl+3, … show them). A feature adds its screen
 * here with one line.
 */
public final class ConsoleViews {

    private ConsoleViews() {
    }

    public static ConsoleScreens screens(ConsoleSession session) {
        HouseModelService model = HouseModelService.of(session.store(), Clock.systemUTC());
        InstallerAccess access = new InstallerAccess(session.store().settings(), PasswordHasher.standard(),
                Clock.systemUTC());
        ConsoleScreens screens = new ConsoleScreens();
        return screens
                .add(new ConsoleScreens.Screen("inbox", bundleTitle("org.domus.ui.inbox.messages"),
                        MaterialDesignI.INBOX_ARROW_DOWN_OUTLINE, context -> inbox(context, model)))
                .add(new ConsoleScreens.Screen("model", locale -> new ModelText(locale).get("title"),
                        MaterialDesignH.HOME_EDIT_OUTLINE, context -> modelEditor(context, model)))
                .add(new ConsoleScreens.Screen("devices", title("screen.devices"), MaterialDesignF.FILE_TREE_OUTLINE,
                        ConsoleViews::devicesTable))
                .add(new ConsoleScreens.Screen("alerts", tabTitle("org.domus.ui.alerts.messages"),
                        MaterialDesignB.BELL_ALERT_OUTLINE, ConsoleViews::alerts))
                .add(new ConsoleScreens.Screen("notifications", tabTitle("org.domus.ui.notifications.messages"),
                        MaterialDesignM.MESSAGE_BADGE_OUTLINE, ConsoleViews::notifications))
                .add(new ConsoleScreens.Screen("rules", tabTitle("org.domus.ui.rules.messages"),
                        MaterialDesignR.ROBOT_OUTLINE, ConsoleViews::rules))
                .add(new ConsoleScreens.Screen("simulators", title("screen.simulators"),
                        MaterialDesignM.MOTION_PLAY_OUTLINE, context -> simulators(context, screens)))
                .add(new ConsoleScreens.Screen("hubs", bundleTitle("org.domus.ui.provision.messages"),
                        MaterialDesignR.ROUTER_WIRELESS, context -> hubs(context, screens)))
                .add(new ConsoleScreens.Screen("raw-topics", bundleTitle("org.domus.ui.rawtopics.messages"),
                        MaterialDesignC.CODE_BRACES, ConsoleViews::rawTopics).forInstallers())
                .addHeaderTool(context -> roleSwitch(context, access, screens))
                .addHeaderTool(ConsoleViews::aboutButton);
    }

    /** Opens the About dialog (F1 does too). */
    private static Node aboutButton(ScreenContext context) {
        ResourceBundle text = ResourceBundle.getBundle("org.domus.ui.about.messages", context.locale());
        javafx.scene.control.Button about = new javafx.scene.control.Button(null,
                org.domus.ui.fx.Icons.of(MaterialDesignI.INFORMATION_OUTLINE, 18));
        about.getStyleClass().addAll("about-button", "flat");
        about.setTooltip(new javafx.scene.control.Tooltip(text.getString("about.title") + " (F1)"));
        about.setOnAction(event -> AboutDialog.show(about.getScene().getWindow(), context.locale(),
                context.background(), context.bridge()));
        return about;
    }

    /** The homeowner / installer switch; the side bar lists installer-only screens while it is on. */
    private static Node roleSwitch(ScreenContext context, InstallerAccess access, ConsoleScreens screens) {
        RoleViewModel roles = new RoleViewModel(access, context.locale(), context.background(), context.bridge());
        if (screens.installerModeProperty().get()) {
            roles.continueInstallerMode(); // the shell is being rebuilt (another language): the installer stays
        }
        screens.installerModeProperty().unbind();
        screens.installerModeProperty().bind(roles.installerModeProperty());
        return new RoleSwitch(roles);
    }

    private static ConsoleScreens.Mounted inbox(ScreenContext context, HouseModelService model) {
        InboxViewModel viewModel = new InboxViewModel(model, context.session().liveState(), context.locale(),
                context.background(), context.bridge());
        ControllerFactory.Loaded<InboxView> loaded = new ControllerFactory()
                .register(InboxView.class, () -> new InboxView(viewModel)).load(InboxView.class);
        ModelListener reload = houseId -> context.home().requestReload();
        model.addListener(reload);
        viewModel.start();
        return ConsoleScreens.mounted(loaded.root(), () -> {
            model.removeListener(reload);
            loaded.controller().close();
        });
    }

    private static ConsoleScreens.Mounted modelEditor(ScreenContext context, HouseModelService model) {
        ModelEditorViewModel viewModel = new ModelEditorViewModel(model, new ModelText(context.locale()),
                context.background(), context.bridge());
        ControllerFactory.Loaded<ModelEditorView> loaded = new ControllerFactory()
                .register(ModelEditorView.class, () -> new ModelEditorView(viewModel)).load(ModelEditorView.class);
        ModelListener reload = houseId -> context.home().requestReload();
        model.addListener(reload);
        viewModel.start();
        return ConsoleScreens.mounted(loaded.root(), () -> {
            model.removeListener(reload);
            loaded.controller().close();
        });
    }

    private static Function<Locale, String> tabTitle(String bundle) {
        return locale -> ResourceBundle.getBundle(bundle, locale).getString("tab.title");
    }

    private static ConsoleScreens.Mounted rules(ScreenContext context) {
        ResourceBundle text = ResourceBundle.getBundle("org.domus.ui.rules.messages", context.locale());
        RulesViewModel viewModel = new RulesViewModel(context.session().rules().engine(), context.background(),
                context.bridge(), text);
        ControllerFactory.Loaded<RulesView> loaded = new ControllerFactory()
                .register(RulesView.class, () -> new RulesView(viewModel, text)).load(RulesView.class, text);
        return ConsoleScreens.mounted(loaded.root(), null);
    }

    private static ConsoleScreens.Mounted alerts(ScreenContext context) {
        ResourceBundle text = ResourceBundle.getBundle("org.domus.ui.alerts.messages", context.locale());
        RulesServices rules = context.session().rules();
        AlertsViewModel viewModel = new AlertsViewModel(rules.alerts(), rules.reminders(), context.background(),
                context.bridge(), text, Clock.systemDefaultZone());
        ControllerFactory.Loaded<AlertsView> loaded = new ControllerFactory()
                .register(AlertsView.class, () -> new AlertsView(viewModel, text, Clock.systemDefaultZone()))
                .load(AlertsView.class, text);
        return ConsoleScreens.mounted(loaded.root(), loaded.controller());
    }

    private static ConsoleScreens.Mounted notifications(ScreenContext context) {
        ResourceBundle text = ResourceBundle.getBundle("org.domus.ui.notifications.messages", context.locale());
        NotificationsViewModel viewModel = new NotificationsViewModel(context.session().rules().notifications(),
                context.session().store().settings(), context.background(), context.bridge(), text);
        ControllerFactory.Loaded<NotificationsView> loaded = new ControllerFactory()
                .register(NotificationsView.class, () -> new NotificationsView(viewModel, text))
                .load(NotificationsView.class, text);
        return ConsoleScreens.mounted(loaded.root(), loaded.controller());
    }

    /** Every house's hub status; provisioning a hub only in installer mode. */
    private static ConsoleScreens.Mounted hubs(ScreenContext context, ConsoleScreens screens) {
        ResourceBundle text = ResourceBundle.getBundle("org.domus.ui.provision.messages", context.locale());
        Optional<HubProvisioning> provisioning = context.session().provisioning();
        if (provisioning.isEmpty()) {
            javafx.scene.control.Label none = new javafx.scene.control.Label(text.getString("title"));
            return ConsoleScreens.mounted(none, null);
        }
        ProvisionViewModel viewModel = new ProvisionViewModel(provisioning.get(), context.background(),
                context.bridge(), text, java.time.ZoneId.systemDefault());
        ControllerFactory.Loaded<ProvisionView> loaded = new ControllerFactory()
                .register(ProvisionView.class, () -> new ProvisionView(viewModel)).load(ProvisionView.class, text);
        loaded.controller().showProvisioningWhen(screens.installerModeProperty());
        return ConsoleScreens.mounted(loaded.root(), loaded.controller());
    }

    /** A feature's screen title: the {@code title} of its own bundle. */
    private static Function<Locale, String> bundleTitle(String bundle) {
        return locale -> ResourceBundle.getBundle(bundle, locale).getString("title");
    }

    private static ConsoleScreens.Mounted rawTopics(ScreenContext context) {
        RawTopicsViewModel viewModel = new RawTopicsViewModel(context.session().rawTopics(), context.locale(),
                context.background(), context.bridge());
        ControllerFactory.Loaded<RawTopicsView> loaded = new ControllerFactory()
                .register(RawTopicsView.class, () -> new RawTopicsView(viewModel)).load(RawTopicsView.class);
        return ConsoleScreens.mounted(loaded.root(), loaded.controller());
    }

    /** A device's detail view. */
    public static Function<DeviceAddress, ConsoleScreens.Mounted> devices(ScreenContext context) {
        return address -> org.domus.ui.device.DeviceDetailView.mount(context, address);
    }

    private static Function<java.util.Locale, String> title(String key) {
        return locale -> Messages.console(locale).text(key);
    }

    private static ConsoleScreens.Mounted devicesTable(ScreenContext context) {
        HousesViewModel viewModel = new HousesViewModel(context.session().store().houses(),
                context.session().liveState(), context.background(), context.bridge(), context.messages());
        ControllerFactory.Loaded<HousesView> loaded = new ControllerFactory()
                .register(HousesView.class, () -> new HousesView(viewModel, context.messages()))
                .load(HousesView.class, context.messages().bundle());
        viewModel.start();
        return ConsoleScreens.mounted(loaded.root(), loaded.controller());
    }

    /** The simulators; their faults are for installers (issue 6's roles). */
    private static ConsoleScreens.Mounted simulators(ScreenContext context, ConsoleScreens screens) {
        SimulatorViewModel viewModel = new SimulatorViewModel(context.session().simulator(), context.background(),
                context.bridge()::execute, context.messages());
        ControllerFactory.Loaded<SimulatorView> loaded = new ControllerFactory()
                .register(SimulatorView.class, () -> new SimulatorView(viewModel))
                .load(SimulatorView.class, context.messages().bundle());
        Node faults = loaded.root().lookup(".faults");
        if (faults != null) {
            faults.visibleProperty().bind(screens.installerModeProperty());
            faults.managedProperty().bind(faults.visibleProperty());
        }
        return ConsoleScreens.mounted(loaded.root(), loaded.controller());
    }
}
