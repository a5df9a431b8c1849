package org.domus.ui;

import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.domus.rules.RulesServices;
import org.domus.ui.alerts.AlertsView;
import org.domus.ui.alerts.AlertsViewModel;
import org.domus.ui.fx.ControllerFactory;
import org.domus.ui.fx.FrameBridge;
import org.domus.store.SettingRepository;
import org.domus.ui.notifications.NotificationsView;
import org.domus.ui.notifications.NotificationsViewModel;
import org.domus.ui.rules.RulesView;
import org.domus.ui.rules.RulesViewModel;

/** Mounts the rules' screens as tabs of the console window (until the navigation shell takes them). */
final class RulesTabs {

    private RulesTabs() {
    }

    static void mount(TabPane tabs, RulesServices rules, SettingRepository settings, Executor background,
                      FrameBridge bridge, Locale locale) {
        ResourceBundle rulesText = ResourceBundle.getBundle("org.domus.ui.rules.messages", locale);
        RulesViewModel rulesModel = new RulesViewModel(rules.engine(), background, bridge, rulesText);
        ControllerFactory controllers = new ControllerFactory()
                .register(RulesView.class, () -> new RulesView(rulesModel, rulesText));
        tabs.getTabs().add(new Tab(rulesText.getString("tab.title"), controllers.load(RulesView.class, rulesText).root()));

        ResourceBundle alertText = ResourceBundle.getBundle("org.domus.ui.alerts.messages", locale);
        AlertsViewModel alertModel = new AlertsViewModel(rules.alerts(), rules.reminders(), background, bridge,
                alertText, java.time.Clock.systemDefaultZone());
        controllers.register(AlertsView.class, () -> new AlertsView(alertModel, alertText,
                java.time.Clock.systemDefaultZone()));
        tabs.getTabs().add(new Tab(alertText.getString("tab.title"), controllers.load(AlertsView.class, alertText).root()));

        ResourceBundle noticeText = ResourceBundle.getBundle("org.domus.ui.notifications.messages", locale);
        NotificationsViewModel notices = new NotificationsViewModel(rules.notifications(), settings, background, bridge,
                noticeText);
        controllers.register(NotificationsView.class, () -> new NotificationsView(notices, noticeText));
        ControllerFactory.Loaded<NotificationsView> centre = controllers.load(NotificationsView.class, noticeText);
        Tab centreTab = new Tab(noticeText.getString("tab.title"), centre.root());
        centreTab.textProperty().bind(centre.controller().title());
        tabs.getTabs().add(centreTab);
    }
}
