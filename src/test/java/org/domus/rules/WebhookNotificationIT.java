package org.domus.rules;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.domus.model.Notification;
import org.domus.model.NotificationChannel;
import org.domus.model.NotificationState;
import org.domus.model.Recipient;
import org.domus.model.SeriesPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Webhook notifications against a real local HTTP server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookNotificationIT {

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger refuseFirst = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/secret-token", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = refuseFirst.getAndDecrement() > 0 ? 503 : 204;
            if (status == 204) {
                bodies.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aDoorLeftOpenIsPostedAsJsonOnceAfterTheServerRecovers() throws Exception {
        refuseFirst.set(2);
        try (RulesFixture rules = new RulesFixture(dir, CommandPort.NONE)) {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/secret-token";
            rules.notifications.saveRecipient(new Recipient(0, "House chat", "", url,
                    Set.of(NotificationChannel.WEBHOOK), true));
            rules.engine.save(new Rule(0, "Front door open", "demo", true,
                    new Trigger.StateChange(SeriesPath.parse("demo/hall/front-door/contact"), "open", null, null),
                    List.of(), List.of(new RuleAction.Notify("", ""))));
            rules.engine.reload().join();
            rules.engine.onReadings(List.of(new org.domus.model.Reading(
                    SeriesPath.parse("demo/hall/front-door/contact"), java.time.Instant.now(), "open", null,
                    org.domus.model.AttributeKind.ENUM, "trace-door-1", false)));

            await().atMost(Duration.ofSeconds(20)).until(() -> rules.notifications.recent(NotificationChannel.WEBHOOK, 1)
                    .stream().anyMatch(n -> n.state() == NotificationState.SENT));
            Notification sent = rules.notifications.recent(NotificationChannel.WEBHOOK, 1).getFirst();
            assertEquals(3, sent.attempts(), "two refusals, then delivered");
            assertEquals(1, bodies.size());
            JsonNode json = new ObjectMapper().readTree(bodies.getFirst());
            assertEquals("[Domus] Front door open", json.path("subject").asText());
            assertEquals("rule.fired", json.path("event").asText());
            assertEquals("trace-door-1", json.path("trace_id").asText());
            assertTrue(json.path("text").asText().contains("demo/hall/front-door/contact is open"), json.toString());
        }
    }
}
