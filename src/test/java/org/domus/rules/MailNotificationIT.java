package org.domus.rules;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.domus.model.Notification;
import org.domus.model.NotificationChannel;
import org.domus.model.NotificationState;
import org.domus.model.Recipient;
import org.domus.model.SeriesPath;
import org.domus.model.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** E-mail notifications against a real SMTP server (GreenMail) on a free loopback port. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MailNotificationIT {

    private static final String FRIDGE = "demo/kitchen/fridge/temperature";

    @TempDir
    Path dir;

    private GreenMail smtp;

    @AfterEach
    void stopServer() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    private GreenMail startSmtp(int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("domus@example.org", "domus", "pa55-word"));
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void setUp(RulesFixture rules, int port) {
        new MailSettings("127.0.0.1", port, MailSettings.Security.NONE, "domus", "pa55-word", "domus@example.org")
                .save(rules.db.settings());
        rules.notifications.saveRecipient(new Recipient(0, "Ana", "ana@example.org", "",
                Set.of(NotificationChannel.EMAIL, NotificationChannel.DESKTOP), true));
        rules.engine.save(new Rule(0, "Fridge too warm", "demo", true,
                new Trigger.Threshold(SeriesPath.parse(FRIDGE), Trigger.Direction.ABOVE, 8, 0.5, null), List.of(),
                List.of(new RuleAction.RaiseAlert(Severity.WARNING, ""),
                        new RuleAction.Notify("Fridge too warm in {house}", "{cause}"))));
        rules.engine.reload().join();
    }

    private static List<Notification> mails(RulesFixture rules) {
        return rules.notifications.recent(NotificationChannel.EMAIL, 10);
    }

    @Test
    void aFiredRuleSendsExactlyOneMailWithItsSubjectAndBody() throws Exception {
        smtp = startSmtp(freePort());
        try (RulesFixture rules = new RulesFixture(dir, CommandPort.NONE)) {
            setUp(rules, smtp.getSmtp().getPort());
            rules.read(FRIDGE, 6);
            rules.read(FRIDGE, 9.5);
            rules.read(FRIDGE, 10); // still above: the same episode, no second mail
            await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length >= 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> mails(rules).getFirst().state() == NotificationState.SENT);
            MimeMessage[] received = smtp.getReceivedMessages();
            assertEquals(1, received.length);
            assertEquals("Fridge too warm in demo", received[0].getSubject());
            assertEquals("demo/kitchen/fridge/temperature is 9.5, above 8", GreenMailUtil.getBody(received[0]).strip());
            assertEquals("ana@example.org", received[0].getAllRecipients()[0].toString());
            assertEquals(1, mails(rules).size());
            assertEquals(1, rules.alerts.active().size());
        }
    }

    @Test
    void theOutboxRetriesWhileTheServerIsDownAndDeliversOnceWhenItIsBackEvenAfterARestart() throws Exception {
        int port = freePort();
        try (RulesFixture rules = new RulesFixture(dir, CommandPort.NONE)) {
            setUp(rules, port);
            rules.read(FRIDGE, 12);
            await().atMost(Duration.ofSeconds(20)).until(() -> !mails(rules).isEmpty() && mails(rules).getFirst().attempts() >= 2);
            Notification waiting = mails(rules).getFirst();
            assertEquals(NotificationState.PENDING, waiting.state());
            assertTrue(waiting.lastError().contains("127.0.0.1:" + port), waiting.lastError());
            assertFalse(waiting.lastError().contains("pa55-word"), "no password in the reason");
        }
        // Domus restarts; the server comes back meanwhile.
        smtp = startSmtp(port);
        try (RulesFixture rules = new RulesFixture(dir, CommandPort.NONE)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> mails(rules).getFirst().state() == NotificationState.SENT);
            assertEquals(1, smtp.getReceivedMessages().length);
            assertEquals("Fridge too warm in demo", smtp.getReceivedMessages()[0].getSubject());
            assertEquals(1, mails(rules).size());
        }
    }

    @Test
    void aTestMailToAServerThatIsDownFailsWithOneClearLine() throws Exception {
        int port = freePort();
        MailSettings settings = new MailSettings("127.0.0.1", port, MailSettings.Security.NONE, "", "", "domus@example.org");
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> MailSender.send(settings, "ana@example.org", "Test", "Hello", null));
        assertTrue(e.getMessage().startsWith("The mail server 127.0.0.1:" + port + " did not take the mail:"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        smtp = startSmtp(port);
        MailSender.send(settings, "ana@example.org", "Test", "Hello", null);
        assertEquals(1, smtp.getReceivedMessages().length);
    }
}
