package org.domus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.domus.broker.BrokerMetrics;
import org.domus.model.Device;
import org.domus.model.House;
import org.domus.store.MqttCredential;
import org.domus.store.PasswordHasher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker with the real store and ingest, driven by real MQTT clients on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedBrokerIT {

    private static final String TEMPERATURE = "domus/demo/living-room/thermostat/temperature";

    @TempDir
    Path dataDir;

    private TestCore core;

    @BeforeEach
    void start() {
        core = TestCore.start(dataDir);
    }

    @AfterEach
    void stop() {
        if (core != null) {
            core.close();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Mqtt3Publish publish(Mqtt3AsyncClient client, String topic, String payload) {
        return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8(payload)).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void storesEveryQos1MessageBeforeAcknowledgingIt() {
        Mqtt3AsyncClient device = core.houseClient("thermostat");
        for (int i = 0; i < 200; i++) {
            publish(device, TEMPERATURE, Integer.toString(i));
            // No waiting: the PUBACK itself says the reading is committed.
            assertEquals(i + 1, core.storedValues("demo/living-room/thermostat/temperature").size());
        }
        assertEquals("199", core.storedValues("demo/living-room/thermostat/temperature").get(199));
    }

    @Test
    void recordsAnUnknownDeviceOfAKnownHouseAsDiscovered() {
        Mqtt3AsyncClient device = core.houseClient("new-plug");
        publish(device, "domus/demo/garage/plug-7/power", "{\"value\": 12.5, \"ts\": \"2026-11-23T10:00:00Z\"}");
        House demo = core.core().store().houses().findHouse("demo").orElseThrow();
        Device discovered = core.core().store().houses().listDevices(demo.id()).stream()
                .filter(d -> d.address().device().equals("plug-7")).findFirst().orElseThrow();
        assertTrue(discovered.inInbox());
        assertEquals(List.of("12.5"), core.storedValues("demo/garage/plug-7/power"));
        assertEquals("12.5", core.core().liveState().latest(
                org.domus.model.SeriesPath.parse("demo/garage/plug-7/power")).orElseThrow().text());
    }

    @Test
    void refusesWrongPasswordAndCountsIt() {
        Mqtt3AsyncClient intruder = core.client("intruder", TestCore.HOUSE_USER, "wrong");
        CompletionException refused = assertThrows(CompletionException.class,
                () -> intruder.connect().orTimeout(10, TimeUnit.SECONDS).join());
        assertInstanceOf(Mqtt3ConnAckException.class, refused.getCause());
        assertEquals(1, core.core().broker().metrics().refusedConnects());
        // The broker keeps serving.
        publish(core.houseClient("after-intruder"), TEMPERATURE, "20");
    }

    @Test
    void acceptsAPasswordWithCharactersBeyondAscii() {
        String password = "ñandú-über-密码-\uD83D\uDD11";
        core.core().store().credentials().put(new MqttCredential("unicode", "demo",
                PasswordHasher.standard().hash(password.toCharArray()), MqttCredential.ROLE_HOUSE));
        publish(core.connect("unicode-client", "unicode", password, true), TEMPERATURE, "7");
        assertEquals(List.of("7"), core.storedValues("demo/living-room/thermostat/temperature"));
    }

    @Test
    void refusesAnonymousClientsOutsideDemoMode() {
        Mqtt3AsyncClient anonymous = core.client("anon", null, null);
        assertThrows(CompletionException.class, () -> anonymous.connect().orTimeout(10, TimeUnit.SECONDS).join());
    }

    @Test
    void refusesPublishOutsideTheHouseAndKeepsTheClientServed() {
        Mqtt3AsyncClient device = core.houseClient("nosy");
        publish(device, "domus/other-house/kitchen/plug/power", "1");
        publish(device, TEMPERATURE, "21");
        BrokerMetrics metrics = core.core().broker().metrics();
        assertEquals(1, metrics.refusedPublishes());
        assertEquals(List.of("21"), core.storedValues("demo/living-room/thermostat/temperature"));
        assertTrue(core.storedValues("demo/living-room/thermostat/temperature").size() == 1);
    }

    @Test
    void refusesSubscriptionOutsideTheHouse() {
        Mqtt3AsyncClient device = core.houseClient("snoop");
        var subAck = device.subscribeWith().topicFilter("domus/#").qos(MqttQos.AT_LEAST_ONCE).send()
                .orTimeout(10, TimeUnit.SECONDS).handle((ack, error) -> ack).join();
        if (subAck != null) {
            assertEquals(List.of(Mqtt3SubAckReturnCode.FAILURE), subAck.getReturnCodes());
        }
        var allowed = device.subscribeWith().topicFilter("domus/demo/#").qos(MqttQos.AT_LEAST_ONCE).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
        assertNotEquals(List.of(Mqtt3SubAckReturnCode.FAILURE), allowed.getReturnCodes());
    }

    @Test
    void routesMessagesToSubscribersOfTheHouse() {
        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt3AsyncClient watcher = core.houseClient("watcher");
        watcher.subscribeWith().topicFilter("domus/demo/#").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
        publish(core.houseClient("sender"), TEMPERATURE, "19.5");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("19.5"));
    }

    @Test
    void refusesOversizedPayloadWithoutDroppingTheConnection() {
        Mqtt3AsyncClient device = core.houseClient("big-mouth");
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        device.publishWith().topic(TEMPERATURE).qos(MqttQos.AT_LEAST_ONCE).payload(tenMegabytes).send()
                .orTimeout(20, TimeUnit.SECONDS).join();
        assertEquals(1, core.core().broker().metrics().refusedPayloads());
        publish(device, TEMPERATURE, "22");
        assertEquals(List.of("22"), core.storedValues("demo/living-room/thermostat/temperature"));
    }

    @Test
    void refusesMalformedPayloadsAndKeepsIngesting() {
        Mqtt3AsyncClient device = core.houseClient("sloppy");
        publish(device, TEMPERATURE, "{\"value\": 21.5");
        device.publishWith().topic(TEMPERATURE).qos(MqttQos.AT_LEAST_ONCE)
                .payload(new byte[] {(byte) 0xC3, (byte) 0x28}).send().orTimeout(10, TimeUnit.SECONDS).join();
        publish(device, "domus/demo/living-room/thermostat/temperature/status/extra", "1");
        publish(device, TEMPERATURE, "{\"value\": 21.5}");
        assertEquals(List.of("21.5"), core.storedValues("demo/living-room/thermostat/temperature"));
        var ingest = core.core().ingest().metrics();
        assertEquals(2, ingest.refusedPayloads());
        assertEquals(1, ingest.refusedTopics());
    }

    @Test
    void closesTheConnectionOfAClientPublishingToAWildcardTopic() throws Exception {
        try (RawMqttConnection raw = new RawMqttConnection(core.port())) {
            assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED,
                    raw.connect("raw-1", TestCore.HOUSE_USER, TestCore.HOUSE_PASSWORD, true));
            raw.publish("domus/demo/living-room/+/temperature", utf8("1"), 1, 11, false);
            assertTrue(raw.closedByBroker(), "MQTT 3.1.1 requires closing on a wildcard in a publish topic");
        }
        assertEquals(1, core.core().broker().metrics().malformedPackets());
        publish(core.houseClient("after-wildcard"), TEMPERATURE, "23");
        assertEquals(List.of("23"), core.storedValues("demo/living-room/thermostat/temperature"));
    }

    @Test
    void closesTheConnectionOfAClientPublishingToATopicWithNul() throws Exception {
        try (RawMqttConnection raw = new RawMqttConnection(core.port())) {
            raw.connect("raw-2", TestCore.HOUSE_USER, TestCore.HOUSE_PASSWORD, true);
            raw.publish("domus/demo/living-room/ther\u0000mostat/temperature", utf8("1"), 1, 12, false);
            assertTrue(raw.closedByBroker(), "MQTT 3.1.1 requires closing on U+0000 in a topic");
        }
        assertEquals(1, core.core().broker().metrics().malformedPackets());
        assertEquals(List.of(), core.storedValues("demo/living-room/thermostat/temperature"));
        publish(core.houseClient("after-nul"), TEMPERATURE, "23");
        assertEquals(List.of("23"), core.storedValues("demo/living-room/thermostat/temperature"));
    }

    @Test
    void closesConnectionOnGarbageBytesAndKeepsServingOthers() throws Exception {
        try (RawMqttConnection raw = new RawMqttConnection(core.port())) {
            raw.connect("raw-garbage", TestCore.HOUSE_USER, TestCore.HOUSE_PASSWORD, true);
            raw.sendBytes(new byte[] {(byte) 0xF0, 0x7F, 1, 2, 3, 4, 5});
            assertTrue(raw.closedByBroker());
        }
        publish(core.houseClient("after-garbage"), TEMPERATURE, "24");
        assertEquals(List.of("24"), core.storedValues("demo/living-room/thermostat/temperature"));
    }

    @Test
    void storesARedeliveredDuplicateOnce() throws Exception {
        try (RawMqttConnection first = new RawMqttConnection(core.port())) {
            first.connect("flaky-device", TestCore.HOUSE_USER, TestCore.HOUSE_PASSWORD, false);
            first.publish(TEMPERATURE, utf8("30.5"), 1, 7, false);
            assertPubAck(first.receive(), 7);
        }
        // The device did not see that PUBACK (say), reconnects and sends the message again with DUP set.
        try (RawMqttConnection again = new RawMqttConnection(core.port())) {
            again.connect("flaky-device", TestCore.HOUSE_USER, TestCore.HOUSE_PASSWORD, false);
            again.publish(TEMPERATURE, utf8("30.5"), 1, 7, true);
            assertPubAck(again.receive(), 7);
            // A new message that reuses the packet id is not a duplicate.
            again.publish(TEMPERATURE, utf8("30.6"), 1, 7, false);
            assertPubAck(again.receive(), 7);
        }
        assertEquals(List.of("30.5", "30.6"), core.storedValues("demo/living-room/thermostat/temperature"));
        assertEquals(1, core.core().ingest().metrics().duplicates());
    }

    @Test
    void redeliversUnacknowledgedMessagesToAPersistentSessionThatReconnects() {
        List<String> firstSession = new CopyOnWriteArrayList<>();
        Mqtt3AsyncClient subscriber = core.client("persistent-watcher", TestCore.HOUSE_USER, TestCore.HOUSE_PASSWORD);
        // Receives but never acknowledges, as a subscriber that crashes mid-way would.
        subscriber.publishes(MqttGlobalPublishFilter.ALL,
                p -> firstSession.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)), true);
        subscriber.connectWith().cleanSession(false).send().orTimeout(10, TimeUnit.SECONDS).join();
        subscriber.subscribeWith().topicFilter("domus/demo/#").qos(MqttQos.AT_LEAST_ONCE).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
        Mqtt3AsyncClient sender = core.houseClient("sender-2");
        for (int i = 0; i < 5; i++) {
            publish(sender, TEMPERATURE, "m" + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> firstSession.size() == 5);
        subscriber.disconnect().orTimeout(10, TimeUnit.SECONDS).join();

        List<String> secondSession = new CopyOnWriteArrayList<>();
        Mqtt3AsyncClient again = core.client("persistent-watcher", TestCore.HOUSE_USER, TestCore.HOUSE_PASSWORD);
        again.publishes(MqttGlobalPublishFilter.ALL,
                p -> secondSession.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
        again.connectWith().cleanSession(false).send().orTimeout(10, TimeUnit.SECONDS).join();
        await().atMost(Duration.ofSeconds(15)).until(() -> secondSession.containsAll(List.of("m0", "m1", "m2", "m3", "m4")));
    }

    @Test
    void keepsARetainedDeviceStatusAcrossARestart() {
        Mqtt3AsyncClient device = core.houseClient("lamp");
        device.publishWith().topic("domus/demo/living-room/ceiling-light/status").qos(MqttQos.AT_LEAST_ONCE)
                .retain(true).payload(utf8("online")).send().orTimeout(10, TimeUnit.SECONDS).join();
        core.close();
        core = TestCore.start(dataDir);
        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt3AsyncClient watcher = core.houseClient("status-watcher");
        watcher.subscribeWith().topicFilter("domus/demo/+/+/status").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("online"));
    }

    @Test
    void aRetainedMessageClearedByAnEmptyPayloadStaysClearedAcrossARestart() {
        Mqtt3AsyncClient device = core.houseClient("lamp");
        for (String topic : List.of("domus/demo/hall/lamp/status", "domus/demo/hall/fan/status")) {
            device.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("online")).send()
                    .orTimeout(10, TimeUnit.SECONDS).join();
        }
        List<String> first = new CopyOnWriteArrayList<>();
        core.houseClient("first-watcher").subscribeWith().topicFilter("domus/demo/hall/+/status")
                .qos(MqttQos.AT_LEAST_ONCE).callback(p -> first.add(p.getTopic().toString())).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.size() == 2);
        device.publishWith().topic("domus/demo/hall/fan/status").qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .payload(new byte[0]).send().orTimeout(10, TimeUnit.SECONDS).join();
        core.close();
        core = TestCore.start(dataDir);
        List<String> again = new CopyOnWriteArrayList<>();
        core.houseClient("second-watcher").subscribeWith().topicFilter("domus/demo/hall/+/status")
                .qos(MqttQos.AT_LEAST_ONCE).callback(p -> again.add(p.getTopic().toString())).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> again.contains("domus/demo/hall/lamp/status"));
        assertEquals(List.of("domus/demo/hall/lamp/status"), again);
    }

    @Test
    void recordsTheWillOfADeviceThatVanishes() throws Exception {
        try (RawMqttConnection raw = new RawMqttConnection(core.port())) {
            var connect = io.netty.handler.codec.mqtt.MqttMessageBuilders.connect().clientId("mortal")
                    .protocolVersion(io.netty.handler.codec.mqtt.MqttVersion.MQTT_3_1_1).cleanSession(true)
                    .keepAlive(30).hasUser(true).username(TestCore.HOUSE_USER).hasPassword(true)
                    .password(utf8(TestCore.HOUSE_PASSWORD)).willFlag(true).willRetain(true)
                    .willTopic("domus/demo/kitchen/mortal/status").willMessage(utf8("offline"))
                    .willQoS(io.netty.handler.codec.mqtt.MqttQoS.AT_LEAST_ONCE).build();
            raw.send(connect);
            raw.receive();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> core.storedValues("demo/kitchen/mortal/status").contains("offline"));
    }

    @Test
    void refusesWritesWhenTheStoreIsFullWithoutAcknowledgingAndKeepsServing(@TempDir Path smallDir) {
        core.close();
        core = TestCore.start(TestCore.config(smallDir, false, 0));
        core.close();
        // Reopen the same store capped at its current size plus a little: writes soon fail as on a full disk.
        long size = smallDir.resolve("domus.db").toFile().length();
        core = TestCore.start(TestCore.config(smallDir, false, size + 64 * 1024));
        Mqtt3AsyncClient device = core.houseClient("filler");
        byte[] chunk = utf8("x".repeat(60_000));
        boolean refused = false;
        for (int i = 0; i < 200 && !refused; i++) {
            try {
                device.publishWith().topic("domus/demo/kitchen/filler/blob-" + i).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(chunk).send().orTimeout(5, TimeUnit.SECONDS).join();
            } catch (CompletionException e) {
                refused = true;
            }
        }
        assertTrue(refused, "a full store must withhold the acknowledgement");
        assertTrue(core.core().broker().metrics().ingestFailures() >= 1);
        // The broker still serves: a subscriber connects and gets what is routed.
        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt3AsyncClient watcher = core.houseClient("still-here");
        watcher.subscribeWith().topicFilter("domus/demo/#").qos(MqttQos.AT_MOST_ONCE)
                .callback(p -> received.add(p.getTopic().toString())).send().orTimeout(10, TimeUnit.SECONDS).join();
        core.houseClient("qos0-sender").publishWith().topic(TEMPERATURE).qos(MqttQos.AT_MOST_ONCE)
                .payload(utf8("1")).send().orTimeout(10, TimeUnit.SECONDS).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains(TEMPERATURE));
    }

    @Test
    void acceptsAnonymousClientsOnlyInDemoModeAndPutsThemInTheDemoHouse(@TempDir Path demoDir) {
        core.close();
        core = TestCore.start(TestCore.config(demoDir, true, 0));
        Mqtt3AsyncClient anonymous = core.client("anon-demo", null, null);
        anonymous.connect().orTimeout(10, TimeUnit.SECONDS).join();
        publish(anonymous, TEMPERATURE, "18");
        publish(anonymous, "domus/other/kitchen/plug/power", "1");
        assertEquals(List.of("18"), core.storedValues("demo/living-room/thermostat/temperature"));
        assertEquals(1, core.core().broker().metrics().refusedPublishes());
    }

    @Test
    void letsTheConsoleIdentityUseEveryHouse() throws Exception {
        String secret = java.nio.file.Files.readString(dataDir.resolve("console.secret")).strip();
        core.core().store().houses().ensureHouse("other", "Other", java.time.ZoneId.of("UTC"));
        Mqtt3AsyncClient console = core.connect("console-test", "domus-console", secret, true);
        publish(console, "domus/other/kitchen/plug/power", "3.5");
        assertEquals(List.of("3.5"), core.storedValues("other/kitchen/plug/power"));
    }

    @Test
    void countsConnectedClientsAndMessageRates() {
        Mqtt3AsyncClient device = core.houseClient("counted");
        for (int i = 0; i < 10; i++) {
            publish(device, TEMPERATURE, Integer.toString(i));
        }
        BrokerMetrics metrics = core.core().broker().metrics();
        assertEquals(1, metrics.connectedClients());
        assertEquals(10, metrics.messagesIn());
        await().atMost(Duration.ofSeconds(10)).until(() -> core.core().broker().metrics().messagesInPerSecond() > 0);
    }

    @Test
    void acceptsACredentialAddedWhileRunning() {
        core.core().store().credentials().put(new MqttCredential("second", "demo",
                PasswordHasher.standard().hash("pw-2".toCharArray()), MqttCredential.ROLE_HOUSE));
        publish(core.connect("second-client", "second", "pw-2", true), TEMPERATURE, "5");
        assertEquals(List.of("5"), core.storedValues("demo/living-room/thermostat/temperature"));
    }

    private static void assertPubAck(MqttMessage message, int packetId) {
        assertEquals(MqttMessageType.PUBACK, message.fixedHeader().messageType());
        assertEquals(packetId, ((MqttMessageIdVariableHeader) message.variableHeader()).messageId());
    }
}
