package org.domus.ui.notifications;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.domus.rules.CommandPort;
import org.domus.rules.RulesFixture;
import org.domus.ui.fx.ControllerFactory;
import org.domus.ui.fx.FrameBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The notification centre and the mail settings, against real services over SQLite and a real SMTP server. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotificationsViewTest {

    @TempDir
    static Path dir;

    private RulesFixture rules;
    private NotificationsView view;
    private GreenMail smtp;

    @Start
    void start(Stage stage) {
        rules = new RulesFixture(dir.resolve("n" + System.nanoTime()), CommandPort.NONE);
        ResourceBundle text = ResourceBundle.getBundle("org.domus.ui.notifications.messages", Locale.ENGLISH);
        NotificationsViewModel viewModel = new NotificationsViewModel(rules.notifications, rules.db.settings(),
                Runnable::run, FrameBridge.onFxThread(), text);
        ControllerFactory.Loaded<NotificationsView> loaded = new ControllerFactory()
                .register(NotificationsView.class, () -> new NotificationsView(viewModel, text))
                .load(NotificationsView.class, text);
        view = loaded.controller();
        stage.setScene(new Scene(loaded.root(), 1200, 800));
        stage.show();
    }

    @AfterEach
    void close() {
        view.close();
        rules.close();
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void showsNewNotificationsWithTheirUnreadCountAndMarksThemRead(FxRobot robot) {
        assertEquals("0 unread", label(robot, "#unreadLabel"));
        rules.notifications.notify("rule.fired", "demo", "[Domus] Freezer too warm", "freezer is -12", "t1");
        rules.notifications.notify("reminder.due", "demo", "Reminder: Replace the filter", "due today", "t2");
        await().atMost(Duration.ofSeconds(10)).until(() -> label(robot, "#unreadLabel").equals("2 unread"));
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> centre = robot.lookup("#centreList").queryListView();
        assertEquals(2, centre.getItems().size());
        assertTrue(view.title().get().equals("Notifications (2)"), view.title().get());
        assertTrue(robot.lookup("#toast").tryQuery().isPresent(), "a toast shows the newest");

        robot.clickOn(robot.from(centre).lookup("Reminder: Replace the filter").queryAs(Label.class));
        await().atMost(Duration.ofSeconds(10)).until(() -> label(robot, "#unreadLabel").equals("1 unread"));
        robot.clickOn("#markAllReadButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> label(robot, "#unreadLabel").equals("0 unread"));
        assertEquals(0, rules.notifications.unread());
    }

    @Test
    void aTestMailFailsWithAClearLineWhileTheServerIsDownAndArrivesWhenItIsUp(FxRobot robot) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        robot.clickOn("#hostField").write("127.0.0.1");
        robot.clickOn("#portField").write(Integer.toString(port));
        robot.interact(() -> robot.lookup("#securityChoice").queryComboBox().getSelectionModel()
                .select(org.domus.rules.MailSettings.Security.NONE));
        robot.clickOn("#fromField").write("domus@example.org");
        robot.clickOn("#testAddressField").write("ana@example.org");
        robot.clickOn("#testMailButton");
        await().atMost(Duration.ofSeconds(20)).until(() -> label(robot, "#messageLabel").startsWith("The test mail was not sent."));
        String failure = label(robot, "#messageLabel");
        assertTrue(failure.contains("The mail server 127.0.0.1:" + port + " did not take the mail"), failure);

        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        robot.clickOn("#testMailButton");
        await().atMost(Duration.ofSeconds(20)).until(() -> label(robot, "#messageLabel").equals("Test mail sent to ana@example.org."));
        assertEquals(1, smtp.getReceivedMessages().length);
        assertEquals("Domus test mail", smtp.getReceivedMessages()[0].getSubject());

        robot.clickOn("#saveSettingsButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> label(robot, "#messageLabel").equals("Mail settings saved."));
        assertEquals("127.0.0.1", org.domus.rules.MailSettings.load(rules.db.settings()).host());
    }
}
