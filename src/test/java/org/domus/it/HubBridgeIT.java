package org.domus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import org.domus.app.DomusConfig;
import org.domus.broker.ConsoleCertificates;
import org.domus.command.SendOptions;
import org.domus.ingest.HubStatus;
import org.domus.model.AttributeKind;
import org.domus.model.DeviceAddress;
import org.domus.model.House;
import org.domus.model.Room;
import org.domus.model.SeriesPath;
import org.domus.provision.BootFormat;
import org.domus.provision.ProvisionProgress;
import org.domus.provision.ProvisionRequest;
import org.domus.provision.ProvisionResult;
import org.domus.provision.ProvisionService;
import org.domus.store.PasswordHasher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provisioned hub, for real: the embedded broker with TLS, Debian's Mosquitto running the generated bridge
 * configuration (paths rewritten into a temporary folder, loopback ports), devices publishing on the hub and
 * the console's store receiving, a command reaching the hub, and 1,000 messages held by the hub while the
 * console is down and all stored once it is back.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class HubBridgeIT {

    private static final String HOUSE = "house42";
    private static final SeriesPath TEMPERATURE = SeriesPath.parse(HOUSE + "/kitchen/thermostat/temperature");
    private static final SeriesPath SETPOINT = SeriesPath.parse(HOUSE + "/kitchen/thermostat/setpoint");
    private static final SeriesPath METER = SeriesPath.parse(HOUSE + "/kitchen/meter/count");

    @TempDir
    Path dataDir;

    @TempDir
    Path hubDir;

    private TestCore core;
    private DomusConfig config;
    private ProvisionResult hub;
    private Process mosquitto;
    private int localPort;
    private final List<Mqtt3AsyncClient> clients = new ArrayList<>();

    @BeforeEach
    void provisionAndStartTheHub() throws Exception {
        config = TestCore.config(dataDir, false, 0).withListeners(0, 0, true);
        core = TestCore.start(config);
        // Keep the ports: the console comes back on the same ones after its outage.
        config = config.withListeners(core.port(), core.core().broker().tlsPort(), true);
        var houses = core.core().store().houses();
        House house = houses.ensureHouse(HOUSE, "House 42", ZoneOffset.UTC);
        Room kitchen = houses.ensureRoom(house.id(), null, "kitchen", "Kitchen");
        houses.ensureDevice(new DeviceAddress(HOUSE, "kitchen", "thermostat"), kitchen.id(), "Thermostat", "thermostat");
        houses.ensureAttribute(TEMPERATURE, AttributeKind.NUMERIC, "°C", false, null, null, null);
        houses.ensureAttribute(SETPOINT, AttributeKind.NUMERIC, "°C", true, 5.0, 30.0, null);

        ConsoleCertificates certificates = ConsoleCertificates.loadOrCreate(dataDir,
                ConsoleCertificates.machineNames(), Clock.systemUTC());
        ProvisionService service = new ProvisionService(houses, core.core().store().hubs(), PasswordHasher.standard(),
                Clock.systemUTC(), core.core()::credentialChanged);
        Path boot = hubDir.resolve("boot");
        hub = service.provision(new ProvisionRequest(HOUSE, BootFormat.FIRSTRUN, boot, null, "installer", "pw", null,
                        null, null, null, "UTC", "gb", List.of("127.0.0.1"), core.core().broker().tlsPort()),
                certificates.caPem(), certificates.caFingerprint(), ProvisionProgress.NONE);

        localPort = freePort();
        hubConfiguration(boot.resolve("domus-hub"));
        startMosquitto();
    }

    private void startMosquitto() throws IOException {
        mosquitto = new ProcessBuilder("mosquitto", "-c", hubDir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(hubDir.resolve("mosquitto.log").toFile())).start();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), localPort)) {
                return socket.isConnected();
            }
        });
    }

    /** The generated files as the hub would hold them, with its paths in the temporary folder and loopback ports. */
    private Path hubConfiguration(Path generated) throws IOException {
        Path data = Files.createDirectories(hubDir.resolve("data"));
        String global = Files.readString(generated.resolve("mosquitto/00-hub.conf"))
                .replace("listener 1883", "listener " + localPort + " 127.0.0.1")
                .replace("/etc/mosquitto/passwd", generated.resolve("mosquitto/passwd").toString());
        String bridge = Files.readString(generated.resolve("mosquitto/20-bridge-console.conf"))
                .replace("/etc/mosquitto/certs/console-ca.crt", generated.resolve("console-ca.crt").toString());
        // What Debian's own /etc/mosquitto/mosquitto.conf sets, and a user that can read the temporary folder.
        String debian = "persistence true\npersistence_location " + data + "/\nuser " + System.getProperty("user.name")
                + "\nlog_dest stdout\nlog_type all\n";
        Path conf = hubDir.resolve("mosquitto.conf");
        Files.writeString(conf, debian + global + bridge);
        return conf;
    }

    @AfterEach
    void stop() throws Exception {
        for (Mqtt3AsyncClient client : clients) {
            if (client.getState().isConnected()) {
                client.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
            }
        }
        if (mosquitto != null) {
            mosquitto.destroy();
            if (!mosquitto.waitFor(10, TimeUnit.SECONDS)) {
                mosquitto.destroyForcibly();
            }
            // The hub's own log, for a failure's diagnosis.
            Path reports = Files.createDirectories(Path.of("target", "failsafe-reports"));
            Files.copy(hubDir.resolve("mosquitto.log"), reports.resolve("HubBridgeIT-mosquitto.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (core != null) {
            core.close();
        }
    }

    @Test
    void devicesOnTheHubReachTheConsoleAndCommandsReachTheHub() {
        Mqtt3AsyncClient device = localClient("thermostat");
        publish(device, TEMPERATURE.toString().replaceFirst("^", "domus/"), "21.5");
        await().atMost(Duration.ofSeconds(30)).until(() -> core.storedValues(TEMPERATURE.toString()), List.of("21.5")::equals);

        publish(device, "stat/tasmota_switch/POWER", "ON");
        await().atMost(Duration.ofSeconds(30)).until(
                () -> core.storedValues(HOUSE + "/raw/tasmota-switch/power"), List.of("ON")::equals);

        ConcurrentLinkedQueue<String> commands = new ConcurrentLinkedQueue<>();
        device.subscribeWith().topicFilter("domus/" + HOUSE + "/+/+/+/set").qos(MqttQos.AT_LEAST_ONCE)
                .callback(message -> commands.add(message.getTopic() + " "
                        + new String(message.getPayloadAsBytes(), StandardCharsets.UTF_8)))
                .send().orTimeout(10, TimeUnit.SECONDS).join();
        core.core().commands().send(SETPOINT, "19.5", SendOptions.from("test").queueingFor(Duration.ofMinutes(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> commands.stream()
                .anyMatch(c -> c.startsWith("domus/" + HOUSE + "/kitchen/thermostat/setpoint/set ") && c.contains("19.5")));
    }

    @Test
    void aCommandWaitsInTheConsoleForAHubThatIsAway() throws Exception {
        var hubs = core.core().ingest().hubs();
        await().atMost(Duration.ofSeconds(30)).until(() -> hubs.status(HOUSE).map(HubStatus::online).orElse(false));
        ConcurrentLinkedQueue<String> commands = new ConcurrentLinkedQueue<>();
        Mqtt3AsyncClient device = localDevice("thermostat-persistent", false, commands);
        device.disconnect().orTimeout(5, TimeUnit.SECONDS).join();

        mosquitto.destroy(); // a clean stop: Mosquitto saves its sessions
        assertTrue(mosquitto.waitFor(20, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(30)).until(() -> !hubs.status(HOUSE).orElseThrow().online());
        core.core().commands().send(SETPOINT, "18", SendOptions.from("test").queueingFor(Duration.ofMinutes(2)));

        startMosquitto();
        localDevice("thermostat-persistent", false, commands);
        await().atMost(Duration.ofSeconds(60)).until(() -> commands.stream()
                .anyMatch(c -> c.startsWith("domus/" + HOUSE + "/kitchen/thermostat/setpoint/set ") && c.contains("18")));
    }

    /** A device on the hub taking commands; {@code clean} false keeps its session on the hub while it is away. */
    private Mqtt3AsyncClient localDevice(String id, boolean clean, ConcurrentLinkedQueue<String> commands) {
        Mqtt3AsyncClient client = MqttClient.builder().useMqttVersion3().identifier(id)
                .serverHost("127.0.0.1").serverPort(localPort)
                .simpleAuth().username(hub.deviceUser()).password(hub.devicePassword().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().buildAsync();
        client.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL, message -> commands.add(message.getTopic()
                + " " + new String(message.getPayloadAsBytes(), StandardCharsets.UTF_8)));
        client.connectWith().cleanSession(clean).send().orTimeout(10, TimeUnit.SECONDS).join();
        client.subscribeWith().topicFilter("domus/" + HOUSE + "/+/+/+/set").qos(MqttQos.AT_LEAST_ONCE)
                .send().orTimeout(10, TimeUnit.SECONDS).join();
        clients.add(client);
        return client;
    }

    @Test
    void theHubKeepsAThousandMessagesWhileTheConsoleIsAway() throws Exception {
        Mqtt3AsyncClient device = localClient("meter");
        publish(device, "domus/" + METER, "0");
        await().atMost(Duration.ofSeconds(30)).until(() -> core.storedValues(METER.toString()).size() == 1);

        core.close();
        core = null;
        Instant base = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 1; i <= 1000; i++) {
            String payload = "{\"value\":" + i + ",\"ts\":\"" + base.plusSeconds(i) + "\"}";
            publish(device, "domus/" + METER, payload);
        }
        core = TestCore.start(config);
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                .until(() -> core.storedValues(METER.toString()).size() == 1001);
        List<String> values = core.storedValues(METER.toString());
        for (int i = 1; i <= 1000; i++) {
            assertEquals(Integer.toString(i), values.get(i - 1), "value " + i);
        }
    }

    @Test
    void theConsoleSeesTheHubOnlineOfflineAndItsReconnects() throws Exception {
        var hubs = core.core().ingest().hubs();
        await().atMost(Duration.ofSeconds(30)).until(() -> hubs.status(HOUSE).map(HubStatus::online).orElse(false));
        assertTrue(hubs.status(HOUSE).orElseThrow().lastSeen() != null);
        assertEquals(0, hubs.status(HOUSE).orElseThrow().reconnects());

        mosquitto.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // the hub loses power: its bridge's will says 0
        await().atMost(Duration.ofSeconds(90)).until(
                () -> hubs.status(HOUSE).orElseThrow().state() == HubStatus.State.OFFLINE);
        startMosquitto();
        await().atMost(Duration.ofSeconds(60)).until(() -> hubs.status(HOUSE).orElseThrow().online());
        assertEquals(1, hubs.status(HOUSE).orElseThrow().reconnects());
    }

    @Test
    void refusesAWrongPasswordAndAnotherHousesPrefix() throws Exception {
        Path ca = dataDir.resolve("tls/ca.crt");
        int tls = core.core().broker().tlsPort();
        long refusedBefore = core.core().broker().metrics().refusedConnects();
        Process wrong = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(tls),
                "--cafile", ca.toString(), "-V", "mqttv311", "-i", "intruder", "-u", hub.hub().username(),
                "-P", "not-the-password", "-q", "1", "-t", "domus/" + TEMPERATURE, "-m", "99")
                .redirectErrorStream(true).start();
        assertTrue(wrong.waitFor(20, TimeUnit.SECONDS));
        assertNotEquals(0, wrong.exitValue());
        assertTrue(core.core().broker().metrics().refusedConnects() > refusedBefore);

        long refusedPublishes = core.core().broker().metrics().refusedPublishes();
        Process other = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(tls),
                "--cafile", ca.toString(), "-V", "mqttv311", "-i", "hub-impostor", "-u", hub.hub().username(),
                "-P", hub.hubPassword(), "-q", "1", "-t", "domus/demo/kitchen/fridge/temperature", "-m", "99")
                .redirectErrorStream(true).start();
        assertTrue(other.waitFor(20, TimeUnit.SECONDS));
        assertEquals(core.core().broker().metrics().refusedPublishes(), refusedPublishes + 1);
        assertEquals(List.of(), core.storedValues("demo/kitchen/fridge/temperature"));
        assertEquals(List.of(), core.storedValues(TEMPERATURE.toString()));
    }

    private Mqtt3AsyncClient localClient(String name) {
        Mqtt3AsyncClient client = MqttClient.builder().useMqttVersion3().identifier("local-" + name)
                .serverHost("127.0.0.1").serverPort(localPort)
                .simpleAuth().username(hub.deviceUser()).password(hub.devicePassword().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().buildAsync();
        client.connectWith().cleanSession(true).send().orTimeout(10, TimeUnit.SECONDS).join();
        clients.add(client);
        return client;
    }

    private static void publish(Mqtt3AsyncClient client, String topic, String payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8))
                .send().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
