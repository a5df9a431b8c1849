package org.domus.ui.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.domus.model.Notification;
import org.domus.rules.NotificationService;
import org.domus.store.Database;
import org.domus.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's watch on notifications, without a toolkit, on a real store: told of each new one, counts unread. */
class NotificationWatchTest {

    @TempDir
    Path dir;

    @Test
    void tellsOfEachNewNotificationAndCountsTheUnreadOnes() {
        try (Database db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults())) {
            NotificationService service = new NotificationService(db.notifications(), Set.of(), Clock.systemUTC());
            List<Notification> told = new ArrayList<>();
            try (NotificationWatch watch = new NotificationWatch(service, Runnable::run, Runnable::run, told::add)) {
                watch.recount();
                assertEquals(0, watch.unreadProperty().get());

                service.notify("rule.fired", "demo", "Freezer too warm", "It reads -12 °C.", null);
                service.notify("rule.fired", "demo", "Front door open", "For 10 minutes.", null);
                assertEquals(List.of("Freezer too warm", "Front door open"),
                        told.stream().map(Notification::subject).toList());
                assertEquals(2, watch.unreadProperty().get());

                service.markRead(null);
                watch.recount();
                assertEquals(0, watch.unreadProperty().get());
            }
            service.notify("rule.fired", "demo", "After closing", "", null);
            assertTrue(told.stream().noneMatch(n -> n.subject().equals("After closing")), "closed: told nothing more");
        }
    }
}
