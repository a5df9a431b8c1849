package org.domus.ui.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import org.domus.model.Alert;
import org.domus.model.AlertState;
import org.domus.model.Severity;
import org.domus.rules.AlertService;
import org.domus.rules.NotificationService;
import org.domus.rules.ReminderService;
import org.domus.store.Database;
import org.domus.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerts and reminders view-model without a toolkit, over a real SQLite file. */
class AlertsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void acknowledgesAndClearsAlertsAndAddsAndFinishesReminders() {
        try (Database db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults())) {
            Clock clock = Clock.systemUTC();
            AlertService alerts = new AlertService(db.alerts(), db.events(), clock);
            ReminderService reminders = new ReminderService(db.reminders(), db.events(),
                    new NotificationService(db.notifications(), Set.of(), clock), house -> ZoneId.of("UTC"), clock);
            ResourceBundle text = ResourceBundle.getBundle("org.domus.ui.alerts.messages", Locale.ENGLISH);
            AlertsViewModel model = new AlertsViewModel(alerts, reminders, Runnable::run, Runnable::run, text, clock);
            alerts.raise(new Alert(0, "k1", null, "demo", "freezer", Severity.CRITICAL, AlertState.RAISED,
                    "Freezer too warm", null, Instant.now(), null, null));
            model.refresh();
            assertEquals(1, model.alerts().size());
            model.acknowledge(model.alerts().getFirst());
            assertEquals(AlertState.ACKNOWLEDGED, model.alerts().getFirst().state());
            assertEquals("Alert acknowledged.", model.messageProperty().get());
            model.clear(model.alerts().getFirst());
            assertEquals(AlertState.CLEARED, model.alerts().getFirst().state());

            model.title.set("Replace the filter");
            model.everyUnit.set(AlertsViewModel.Every.DAYS);
            model.everyCount.set("ninety");
            model.addReminder();
            assertEquals("Cannot add: \"ninety\" is not a whole number.", model.messageProperty().get());
            assertTrue(model.problemProperty().get());
            model.everyCount.set("90");
            model.addReminder();
            assertEquals("Added \"Replace the filter\".", model.messageProperty().get());
            assertEquals(1, model.reminders().size());
            assertEquals(java.time.Period.ofDays(90), model.reminders().getFirst().every());
            model.snooze(model.reminders().getFirst(), Duration.ofDays(7));
            assertTrue(model.reminders().getFirst().nextDue().isAfter(Instant.now().plus(Duration.ofDays(6))));
            model.done(model.reminders().getFirst());
            assertTrue(model.reminders().getFirst().dueAt().isAfter(Instant.now().plus(Duration.ofDays(89))));
        }
    }
}
