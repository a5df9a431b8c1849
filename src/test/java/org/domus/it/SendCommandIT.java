package org.domus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import org.domus.app.cli.DomusCommand;
import org.domus.model.CommandState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code domus send} and {@code domus events} against a running console, in-process, with a real device client. */
@Timeout(60)
class SendCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TRACE = Pattern.compile("trace_id=([0-9a-f-]{36})");
    private static final String LIGHT = "demo/living-room/ceiling-light/power";

    @TempDir
    Path data;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int domus(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine commandLine = DomusCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** A light that echoes every command it gets, with the trace id when {@code withTrace}. */
    private static Mqtt3AsyncClient echoingLight(TestCore core, boolean withTrace) {
        Mqtt3AsyncClient device = core.houseClient("light");
        device.subscribeWith().topicFilter("domus/demo/living-room/ceiling-light/+/set").qos(MqttQos.AT_LEAST_ONCE)
                .callback(message -> {
                    try {
                        JsonNode command = JSON.readTree(message.getPayloadAsBytes());
                        String answer = withTrace ? "{\"value\":" + command.get("value") + ",\"trace_id\":\""
                                + command.get("trace_id").asText() + "\"}" : command.get("value").asText();
                        device.publishWith().topic(message.getTopic().toString().replaceFirst("/set$", ""))
                                .qos(MqttQos.AT_LEAST_ONCE).payload(answer.getBytes(StandardCharsets.UTF_8)).send();
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).send().orTimeout(10, TimeUnit.SECONDS).join();
        return device;
    }

    private String traceIn(String output) {
        Matcher matcher = TRACE.matcher(output);
        assertTrue(matcher.find(), output);
        return matcher.group(1);
    }

    @Test
    void sendsThroughTheRunningConsoleAndPrintsTheTrail() {
        try (TestCore core = TestCore.start(data)) {
            echoingLight(core, true);

            assertEquals(0, domus("send", "--data", data.toString(), LIGHT, "on", "--wait"), err.toString());
            assertTrue(out.toString().startsWith("confirmed: " + LIGHT + " = ON (the device echoed the trace id"),
                    out.toString());
            String trace = traceIn(out.toString());

            await().atMost(Duration.ofSeconds(10)).until(() -> domus("events", "--data", data.toString(), "--trace",
                    trace) == 0 && out.toString().contains("command.confirmed"));
            List<String> types = new ArrayList<>();
            for (String line : out.toString().split("\\R")) {
                if (line.contains("command.")) {
                    types.add(line.replaceAll("^.*?(command\\.[a-z-]+).*$", "$1"));
                }
            }
            assertEquals(List.of("command.requested", "command.published", "command.confirmed"), types, out.toString());
            assertTrue(out.toString().startsWith("command confirmed: " + LIGHT), out.toString());
        }
    }

    @Test
    void refusesAnInvalidValueWithExitTwoBeforeSending() {
        try (TestCore core = TestCore.start(data)) {
            assertEquals(2, domus("send", "--data", data.toString(), LIGHT, "PURPLE"));
            assertTrue(err.toString().contains("takes one of ON, OFF, not PURPLE"), err.toString());
            assertEquals(2, domus("send", "--data", data.toString(), "demo/living-room/ceiling-light", "ON"));
            assertTrue(err.toString().contains("must be house/room/device/attribute"), err.toString());
            assertEquals(2, domus("send", "--data", data.toString(), LIGHT, "ON", "--queue-for", "soon"));
            assertTrue(core.core().store().commands().recent("demo", 10).isEmpty());
        }
    }

    @Test
    void failsClearlyWhenNoConsoleRunsOnTheDataFolder() {
        try (TestCore core = TestCore.start(data)) {
            core.core().broker(); // the store exists; then the console stops
        }
        assertEquals(1, domus("send", "--data", data.toString(), LIGHT, "ON"));
        assertTrue(err.toString().startsWith("domus: no console is running on "), err.toString());
    }

    @Test
    void sendsStraightToTheBrokerAndTheConsoleFollowsItToo() {
        try (TestCore core = TestCore.start(data)) {
            echoingLight(core, false);
            String port = Integer.toString(core.port());

            assertEquals(0, domus("send", "--data", data.toString(), "--mqtt-port", port, LIGHT, "OFF", "--wait"),
                    err.toString());
            assertTrue(out.toString().startsWith("confirmed: " + LIGHT + " = OFF (the device reported OFF (no trace id))"),
                    out.toString());
            String trace = traceIn(out.toString());
            await().atMost(Duration.ofSeconds(10)).until(() -> core.core().store().commands().byTrace(trace)
                    .map(c -> c.state() == CommandState.CONFIRMED && c.source().startsWith("mqtt:domus-send-"))
                    .orElse(false));
        }
    }

    @Test
    void aDirectSendWithNoAnswerTimesOutWithExitOne() {
        try (TestCore core = TestCore.start(data)) {
            String url = "mqtt://" + TestCore.HOUSE_USER + ":" + TestCore.HOUSE_PASSWORD.replace(" ", "%20")
                    + "@127.0.0.1:" + core.port();
            assertEquals(1, domus("send", "--data", data.toString(), "--broker", url, LIGHT, "ON", "--wait",
                    "--timeout", "200ms"), err.toString());
            assertTrue(out.toString().startsWith("timed-out: " + LIGHT + " = ON (no answer within 0.2 s after 2 attempts)"),
                    out.toString());
            assertEquals(1, domus("send", "--broker", "mqtt://" + TestCore.HOUSE_USER + ":wrong@127.0.0.1:"
                    + core.port(), "--data", data.toString(), LIGHT, "ON"));
            assertTrue(err.toString().contains("refused the login"), err.toString());
        }
    }
}
