package org.domus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.domus.model.Alert;
import org.domus.model.AlertState;
import org.domus.model.Command;
import org.domus.model.CommandState;
import org.domus.model.Event;
import org.domus.model.SeriesPath;
import org.domus.model.Severity;
import org.domus.rules.Rule;
import org.domus.rules.RuleAction;
import org.domus.rules.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Rules in the real core: a published reading crosses a threshold, the rule fires, its alert and command follow. */
@Timeout(60)
class RulesIT {

    private static final String FREEZER = "demo/kitchen/freezer/temperature";
    private static final SeriesPath LIGHT = SeriesPath.parse("demo/living-room/ceiling-light/power");

    @TempDir
    Path data;

    private static void publish(Mqtt3AsyncClient client, String topic, String payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8))
                .send().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static List<String> eventTypes(TestCore core, String traceId) {
        return core.core().store().events().byTrace(traceId).stream().map(Event::type).toList();
    }

    @Test
    void aReadingAboveTheThresholdRaisesAnAlertSendsAConfirmedCommandAndClearsWhenBack() {
        try (TestCore core = TestCore.start(data)) {
            Mqtt3AsyncClient device = core.houseClient("freezer-and-light");
            device.subscribeWith().topicFilter("domus/demo/living-room/ceiling-light/power/set")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .callback(message -> {
                        String command = new String(message.getPayloadAsBytes(), StandardCharsets.UTF_8);
                        String trace = command.replaceAll(".*\"trace_id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                        device.publishWith().topic("domus/demo/living-room/ceiling-light/power")
                                .qos(MqttQos.AT_LEAST_ONCE)
                                .payload(("{\"value\":\"ON\",\"trace_id\":\"" + trace + "\"}").getBytes(StandardCharsets.UTF_8))
                                .send();
                    })
                    .send().orTimeout(10, TimeUnit.SECONDS).join();
            Rule saved = core.core().rules().engine().save(new Rule(0, "Freezer too warm", "demo", true,
                    new Trigger.Threshold(SeriesPath.parse(FREEZER), Trigger.Direction.ABOVE, -15, 2, null), List.of(),
                    List.of(new RuleAction.RaiseAlert(Severity.CRITICAL, "Freezer at {cause}"),
                            new RuleAction.SendCommand(LIGHT, "ON"))));
            core.core().rules().engine().reload().join();

            publish(device, "domus/" + FREEZER, "{\"value\": -18, \"trace_id\": \"t-cold\"}");
            publish(device, "domus/" + FREEZER, "{\"value\": -12.5, \"trace_id\": \"t-warm\"}");

            await().atMost(Duration.ofSeconds(15)).until(() -> eventTypes(core, "t-warm").containsAll(
                    List.of("alert.raised", "rule.fired")));
            assertEquals(List.of(), eventTypes(core, "t-cold"), "below the limit: nothing fired");
            Event fired = core.core().store().events().byTrace("t-warm").stream()
                    .filter(e -> e.type().equals("rule.fired")).findFirst().orElseThrow();
            assertEquals("Freezer too warm", fired.subject());
            assertTrue(fired.detail().startsWith("demo/kitchen/freezer/temperature is -12.5, above -15"), fired.detail());
            Alert alert = core.core().rules().alerts().active().getFirst();
            assertEquals(Severity.CRITICAL, alert.severity());
            assertEquals("t-warm", alert.traceId());

            await().atMost(Duration.ofSeconds(20)).until(() -> core.core().store().commands().recent("demo", 5).stream()
                    .anyMatch(c -> c.source().equals("rule:" + saved.id()) && c.state() == CommandState.CONFIRMED));

            publish(device, "domus/" + FREEZER, "{\"value\": -16, \"trace_id\": \"t-still\"}");
            publish(device, "domus/" + FREEZER, "{\"value\": -11}");
            publish(device, "domus/" + FREEZER, "{\"value\": -17.5}");
            await().atMost(Duration.ofSeconds(15)).until(() -> core.core().rules().alerts().active().isEmpty());
            assertEquals(AlertState.CLEARED, core.core().rules().alerts().recent(1).getFirst().state());
            assertEquals(1, core.core().rules().alerts().recent(10).size(), "raised once for the whole episode");
            List<Command> ruleCommands = core.core().store().commands().recent("demo", 10).stream()
                    .filter(c -> c.source().equals("rule:" + saved.id())).toList();
            assertEquals(1, ruleCommands.size());
        }
    }
}
