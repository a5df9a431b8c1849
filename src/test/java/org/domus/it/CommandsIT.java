package org.domus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import org.domus.command.CommandService;
import org.domus.command.InvalidCommandException;
import org.domus.command.SendOptions;
import org.domus.command.SentCommand;
import org.domus.model.AttributeKind;
import org.domus.model.Command;
import org.domus.model.CommandState;
import org.domus.model.Event;
import org.domus.model.SeriesPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Commands against the real embedded broker, with a real MQTT client playing the device. */
@Timeout(60)
class CommandsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SeriesPath LIGHT = SeriesPath.parse("demo/living-room/ceiling-light/power");
    private static final SeriesPath SETPOINT = SeriesPath.parse("demo/living-room/thermostat/setpoint");
    private static final SeriesPath BRIGHTNESS = SeriesPath.parse("demo/living-room/ceiling-light/brightness");
    private static final String STATUS_SERIES = "demo/living-room/ceiling-light/status";
    private static final String LIGHT_STATUS = "domus/" + STATUS_SERIES;

    @TempDir
    Path data;

    /** What the device does with a command: the payload to answer with on the state topic, or null for silence. */
    private interface Behaviour extends BiFunction<String, JsonNode, String> {
    }

    /** A device of the demo house subscribed to its commands; records what it received. */
    private static final class Device {
        final Mqtt3AsyncClient client;
        final List<JsonNode> received = new CopyOnWriteArrayList<>();

        Device(TestCore core, String id, Behaviour behaviour) {
            client = core.houseClient(id);
            client.subscribeWith().topicFilter("domus/demo/+/+/+/set").qos(MqttQos.AT_LEAST_ONCE)
                    .callback(message -> {
                        try {
                            JsonNode command = JSON.readTree(message.getPayloadAsBytes());
                            received.add(command);
                            String answer = behaviour.apply(message.getTopic().toString(), command);
                            if (answer != null) {
                                // Not waiting here: a callback that blocks holds up the client's other callbacks.
                                String state = message.getTopic().toString().replaceFirst("/set$", "");
                                client.publishWith().topic(state).qos(MqttQos.AT_LEAST_ONCE)
                                        .payload(answer.getBytes(StandardCharsets.UTF_8)).send();
                            }
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .send().orTimeout(10, TimeUnit.SECONDS).join();
        }

        void publish(String topic, String payload) {
            client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private static String echo(JsonNode command) {
        return "{\"value\":" + command.get("value") + ",\"trace_id\":\"" + command.get("trace_id").asText() + "\"}";
    }

    private static Command outcome(SentCommand sent) {
        return sent.outcome().orTimeout(30, TimeUnit.SECONDS).join();
    }

    private static void assertRefused(String reason, org.junit.jupiter.api.function.Executable send) {
        assertEquals(reason, assertThrows(InvalidCommandException.class, send).getMessage());
    }

    private static List<String> eventTypes(TestCore core, String traceId) {
        return core.core().store().events().byTrace(traceId).stream().map(Event::type).toList();
    }

    private static void awaitEvents(TestCore core, String traceId, String lastType) {
        await().atMost(Duration.ofSeconds(10)).until(() -> eventTypes(core, traceId).contains(lastType));
    }

    @Test
    void aDeviceThatEchoesTheTraceIdConfirmsExactly() {
        try (TestCore core = TestCore.start(data)) {
            Device device = new Device(core, "light", (topic, command) -> echo(command));
            SentCommand sent = core.core().commands().send(LIGHT, "on", SendOptions.from("test"));

            Command done = outcome(sent);

            assertEquals(CommandState.CONFIRMED, done.state());
            assertEquals("ON", done.value());
            assertTrue(done.reason().contains("echoed the trace id"), done.reason());
            assertEquals(1, device.received.size());
            assertEquals("ON", device.received.getFirst().get("value").asText());
            assertEquals(sent.traceId(), device.received.getFirst().get("trace_id").asText());
            awaitEvents(core, sent.traceId(), "command.confirmed");
            assertEquals(List.of("command.requested", "command.published", "command.confirmed"),
                    eventTypes(core, sent.traceId()));
            await().atMost(Duration.ofSeconds(10)).until(() -> core.core().store().commands().byTrace(sent.traceId())
                    .map(c -> c.state() == CommandState.CONFIRMED).orElse(false));
            assertEquals(List.of("ON"), core.storedValues(LIGHT.toString()));
        }
    }

    @Test
    void aDeviceThatReportsTheValueWithoutTraceIdConfirmsByValue() {
        try (TestCore core = TestCore.start(data)) {
            new Device(core, "thermostat", (topic, command) -> command.get("value").toString());
            Command done = outcome(core.core().commands().send(SETPOINT, "21.50", SendOptions.from("test")));

            assertEquals(CommandState.CONFIRMED, done.state());
            assertEquals("21.5", done.value());
            assertTrue(done.reason().contains("no trace id"), done.reason());
        }
    }

    @Test
    void aSilentDeviceTimesOutAfterItsRetriesWhichReuseTheTraceId() {
        try (TestCore core = TestCore.start(data)) {
            Device device = new Device(core, "light", (topic, command) -> null);
            SentCommand sent = core.core().commands().send(LIGHT, "ON",
                    SendOptions.from("test").withTimeout(Duration.ofMillis(300)));

            Command done = outcome(sent);

            assertEquals(CommandState.TIMED_OUT, done.state());
            assertEquals(2, done.attempts());
            assertTrue(done.reason().contains("no answer") && done.reason().contains("2 attempts"), done.reason());
            await().atMost(Duration.ofSeconds(10)).until(() -> device.received.size() == 2);
            assertTrue(device.received.stream().allMatch(c -> c.get("trace_id").asText().equals(sent.traceId())));
            awaitEvents(core, sent.traceId(), "command.timed-out");
            assertEquals(List.of("command.requested", "command.published", "command.retrying", "command.published",
                    "command.timed-out"), eventTypes(core, sent.traceId()));
        }
    }

    @Test
    void anErrorAnswerRejectsTheCommandWithTheDevicesReason() {
        try (TestCore core = TestCore.start(data)) {
            new Device(core, "thermostat", (topic, command) -> "{\"error\":\"heating is switched off\",\"trace_id\":\""
                    + command.get("trace_id").asText() + "\",\"value\":19}");
            SentCommand sent = core.core().commands().send(SETPOINT, "23", SendOptions.from("test"));

            Command done = outcome(sent);

            assertEquals(CommandState.REJECTED, done.state());
            assertEquals("the device refused: heating is switched off", done.reason());
            // The unchanged value beside the error is stored, but does not confirm anything.
            await().atMost(Duration.ofSeconds(10)).until(() -> core.storedValues(SETPOINT.toString()).contains("19"));
        }
    }

    @Test
    void anOfflineDeviceFailsFastOrGetsItsQueuedCommandsInOrderWhenBackOnline() {
        try (TestCore core = TestCore.start(data)) {
            core.core().store().houses().ensureAttribute(BRIGHTNESS, AttributeKind.NUMERIC, "%", true, 0.0, 100.0,
                    null);
            Device device = new Device(core, "light", (topic, command) -> echo(command));
            device.publish(LIGHT_STATUS, "offline");
            await().atMost(Duration.ofSeconds(10)).until(() -> core.storedValues(STATUS_SERIES).contains("offline"));
            CommandService commands = core.core().commands();

            Command failed = outcome(commands.send(LIGHT, "ON", SendOptions.from("test")));
            assertEquals(CommandState.FAILED, failed.state());
            assertEquals("device offline", failed.reason());

            SentCommand expiring = commands.send(LIGHT, "ON",
                    SendOptions.from("test").queueingFor(Duration.ofMillis(200)));
            assertEquals(CommandState.EXPIRED, outcome(expiring).state());

            SentCommand power = commands.send(LIGHT, "OFF", SendOptions.from("test").queueingFor(Duration.ofMinutes(5)));
            SentCommand brightness = commands.send(BRIGHTNESS, "40",
                    SendOptions.from("test").queueingFor(Duration.ofMinutes(5)));
            await().atMost(Duration.ofSeconds(10)).until(() -> core.core().store().commands().byTrace(brightness.traceId())
                    .map(c -> c.state() == CommandState.QUEUED).orElse(false));
            assertTrue(device.received.isEmpty());

            device.publish(LIGHT_STATUS, "online");

            assertEquals(CommandState.CONFIRMED, outcome(power).state());
            assertEquals(CommandState.CONFIRMED, outcome(brightness).state());
            assertEquals(List.of(power.traceId(), brightness.traceId()),
                    device.received.stream().map(c -> c.get("trace_id").asText()).toList());
        }
    }

    @Test
    void commandsSurviveAConsoleRestart() {
        String queued;
        String pending;
        try (TestCore core = TestCore.start(data)) {
            Device device = new Device(core, "light", (topic, command) -> null);
            device.publish(LIGHT_STATUS, "offline");
            await().atMost(Duration.ofSeconds(10)).until(() -> core.storedValues(STATUS_SERIES).contains("offline"));
            queued = core.core().commands().send(LIGHT, "ON",
                    SendOptions.from("test").queueingFor(Duration.ofHours(1))).traceId();
            pending = core.core().commands().send(SETPOINT, "22",
                    SendOptions.from("test").withTimeout(Duration.ofMinutes(5))).traceId();
            await().atMost(Duration.ofSeconds(10)).until(() -> core.core().store().commands().open().size() == 2
                    && device.received.size() == 1);
        }
        try (TestCore core = TestCore.start(data)) {
            assertEquals(java.util.Set.of(queued, pending), core.core().store().commands().open().stream()
                    .map(Command::traceId).collect(java.util.stream.Collectors.toSet()));
            Device device = new Device(core, "light-again", (topic, command) -> echo(command));
            // The pending command was published again on start, before this device subscribed: it answers the
            // retry below; the queued one waits for the light to come online.
            device.publish(LIGHT_STATUS, "online");
            await().atMost(Duration.ofSeconds(20)).until(() -> core.core().store().commands().byTrace(queued)
                    .map(c -> c.state() == CommandState.CONFIRMED).orElse(false));
            assertTrue(eventTypes(core, queued).containsAll(List.of("command.queued", "command.published",
                    "command.confirmed")), () -> eventTypes(core, queued).toString());
            device.publish("domus/demo/living-room/thermostat/setpoint", "{\"value\":22,\"trace_id\":\"" + pending + "\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> core.core().store().commands().byTrace(pending)
                    .map(c -> c.state() == CommandState.CONFIRMED).orElse(false));
        }
    }

    @Test
    void aNewerCommandSupersedesTheOneStillPending() {
        try (TestCore core = TestCore.start(data)) {
            new Device(core, "light", (topic, command) -> command.get("value").asText().equals("OFF") ? echo(command) : null);
            SentCommand on = core.core().commands().send(LIGHT, "ON", SendOptions.from("test"));
            SentCommand off = core.core().commands().send(LIGHT, "OFF", SendOptions.from("test"));

            Command superseded = outcome(on);
            assertEquals(CommandState.SUPERSEDED, superseded.state());
            assertTrue(superseded.reason().contains(off.traceId()), superseded.reason());
            assertEquals(CommandState.CONFIRMED, outcome(off).state());
        }
    }

    @Test
    void aShortTimeoutSentAfterALongOneStillTimesOutInTime() {
        try (TestCore core = TestCore.start(data)) {
            new Device(core, "silent", (topic, command) -> null);
            SentCommand slow = core.core().commands().send(SETPOINT, "20",
                    SendOptions.from("test").withTimeout(Duration.ofSeconds(60)));
            SentCommand quick = core.core().commands().send(LIGHT, "ON",
                    SendOptions.from("test").withTimeout(Duration.ofMillis(200)));

            Command done = quick.outcome().orTimeout(20, TimeUnit.SECONDS).join();

            assertEquals(CommandState.TIMED_OUT, done.state());
            assertFalse(slow.outcome().isDone(), "the 60 s command is still waiting");
            assertEquals(List.of(slow.traceId()),
                    core.core().commands().openCommands().stream().map(Command::traceId).toList());
        }
    }

    @Test
    void listenersAndOutcomesAreToldOnTheWritersThreadOnceTheAnswerIsStored() {
        try (TestCore core = TestCore.start(data)) {
            new Device(core, "light", (topic, command) -> echo(command));
            List<String> threads = new CopyOnWriteArrayList<>();
            List<CommandState> states = new CopyOnWriteArrayList<>();
            core.core().commands().addListener(command -> {
                threads.add(Thread.currentThread().getName());
                states.add(command.state());
            });
            SentCommand sent = core.core().commands().send(LIGHT, "ON", SendOptions.from("test"));
            // Read from the store at the moment the outcome completes (from another connection):
            List<String> storedWhenConfirmed = sent.outcome()
                    .thenApply(command -> core.storedValues(LIGHT.toString()) + " "
                            + core.core().store().commands().byTrace(sent.traceId()).orElseThrow().state().label()
                            + " " + eventTypes(core, sent.traceId()).getLast())
                    .orTimeout(30, TimeUnit.SECONDS).thenApply(List::of).join();

            assertEquals(List.of("[ON] confirmed command.confirmed"), storedWhenConfirmed,
                    "confirmed only once its answer, its outbox row and its event are committed");
            assertEquals(List.of(CommandState.PENDING, CommandState.CONFIRMED), states);
            assertEquals(List.of("domus-store-writer", "domus-store-writer"), threads);
        }
    }

    @Test
    void anInvalidValueIsRefusedBeforeAnythingIsPublished() {
        try (TestCore core = TestCore.start(data)) {
            Device device = new Device(core, "any", (topic, command) -> echo(command));
            CommandService commands = core.core().commands();

            assertRefused("demo/living-room/thermostat/setpoint: 42 °C is above the maximum 30 °C",
                    () -> commands.send(SETPOINT, "42", SendOptions.from("test")));
            assertRefused("demo/living-room/thermostat/setpoint takes a number, not warm",
                    () -> commands.send(SETPOINT, "warm", SendOptions.from("test")));
            assertRefused("demo/living-room/ceiling-light/power takes one of ON, OFF, not BLUE",
                    () -> commands.send(LIGHT, "BLUE", SendOptions.from("test")));
            assertRefused("demo/living-room/thermostat/temperature is read-only: it cannot be commanded",
                    () -> commands.send(SeriesPath.parse("demo/living-room/thermostat/temperature"), "20",
                            SendOptions.from("test")));
            assertRefused("unknown attribute demo/kitchen/oven/power: no such house, device or attribute",
                    () -> commands.send(SeriesPath.parse("demo/kitchen/oven/power"), "ON", SendOptions.from("test")));

            // A valid command afterwards is the first thing the device sees.
            assertEquals(CommandState.CONFIRMED, outcome(commands.send(LIGHT, "OFF", SendOptions.from("test"))).state());
            assertEquals(1, device.received.size());
            assertEquals(1, core.core().store().commands().recent("demo", 10).size());
        }
    }

    @Test
    void badAnswersAreCountedAndNothingStops() {
        try (TestCore core = TestCore.start(data)) {
            Device device = new Device(core, "light", (topic, command) -> "{\"value\": ON, trace");
            CommandService commands = core.core().commands();
            long refusedBefore = core.core().ingest().metrics().refusedPayloads();

            Command done = outcome(commands.send(LIGHT, "ON",
                    SendOptions.from("test").withTimeout(Duration.ofMillis(300))));
            assertEquals(CommandState.TIMED_OUT, done.state());
            assertTrue(core.core().ingest().metrics().refusedPayloads() >= refusedBefore + 2);

            // Answers whose trace ids match nothing, in a flood.
            int flood = 2_000;
            for (int i = 0; i < flood; i++) {
                device.client.publishWith().topic(LIGHT.topic()).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(("{\"value\":\"ON\",\"trace_id\":\"" + UUID.randomUUID() + "\"}")
                                .getBytes(StandardCharsets.UTF_8)).send();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> commands.metrics().unmatchedAnswers() == flood);

            // A late answer for the finished command is recognised as late, not as a stray.
            device.publish(LIGHT.topic(), "{\"value\":\"ON\",\"trace_id\":\"" + done.traceId() + "\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> commands.metrics().lateAnswers() == 1);

            // The service still works.
            Device good = new Device(core, "thermostat", (topic, command) -> echo(command));
            Command goodOne = outcome(commands.send(SETPOINT, "19", SendOptions.from("test")));
            assertEquals(CommandState.CONFIRMED, goodOne.state());
            assertFalse(good.received.isEmpty());
        }
    }

    @Test
    void aCommandAnotherClientPublishesIsFollowedToo() {
        try (TestCore core = TestCore.start(data)) {
            new Device(core, "light", (topic, command) -> echo(command));
            Mqtt3AsyncClient other = core.houseClient("another-console");
            String trace = "cli-" + UUID.randomUUID();
            other.publishWith().topic(LIGHT.topic() + "/set").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"value\":\"ON\",\"trace_id\":\"" + trace + "\"}").getBytes(StandardCharsets.UTF_8))
                    .send().orTimeout(10, TimeUnit.SECONDS).join();

            await().atMost(Duration.ofSeconds(10)).until(() -> core.core().store().commands().byTrace(trace)
                    .map(c -> c.state() == CommandState.CONFIRMED).orElse(false));
            Command followed = core.core().store().commands().byTrace(trace).orElseThrow();
            assertEquals("mqtt:another-console", followed.source());
            assertEquals(List.of("command.observed", "command.confirmed"), eventTypes(core, trace));
        }
    }
}
