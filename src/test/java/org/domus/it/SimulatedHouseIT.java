package org.domus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.domus.model.BrokerUrl;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.House;
import org.domus.model.SeriesPath;
import org.domus.sim.Fault;
import org.domus.sim.SimulationPlan;
import org.domus.sim.SimulatorOptions;
import org.domus.sim.SimulatorRuntime;
import org.domus.sim.definition.SampleDevices;
import org.domus.store.MqttCredential;
import org.domus.store.PasswordHasher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo house, simulated by real MQTT clients against a real core and its embedded broker. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SimulatedHouseIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeviceAddress LIGHT = new DeviceAddress("demo", "living-room", "ceiling-light");
    private static final DeviceAddress THERMOSTAT = new DeviceAddress("demo", "living-room", "thermostat");

    @TempDir
    Path dataDir;

    TestCore core;
    SimulatorRuntime simulator;
    private final Map<String, List<String>> received = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws InterruptedException {
        core = TestCore.start(dataDir);
        SampleDevices samples = SampleDevices.bundled();
        SimulationPlan plan = SimulationPlan.of(samples.house("demo").orElseThrow(), samples);
        BrokerUrl broker = BrokerUrl.plain("127.0.0.1", core.port()).withCredentials(TestCore.HOUSE_USER, TestCore.HOUSE_PASSWORD);
        simulator = SimulatorRuntime.start(plan, broker, options().withSeed(7));
        assertTrue(simulator.awaitConnected(Duration.ofSeconds(30)), "every device connects: " + simulator.status());
    }

    /** The simulators' options: one connection per device here; per house in {@link SimulatedHubIT}. */
    SimulatorOptions options() {
        return SimulatorOptions.defaults();
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.stop();
        }
        if (core != null) {
            core.close();
        }
    }

    private Mqtt3AsyncClient watch(String filter) {
        Mqtt3AsyncClient watcher = core.houseClient(null);
        watcher.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.computeIfAbsent(p.getTopic().toString(), t -> new CopyOnWriteArrayList<>())
                        .add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)))
                .send().orTimeout(10, TimeUnit.SECONDS).join();
        return watcher;
    }

    private static void command(Mqtt3AsyncClient client, SeriesPath series, String payload) {
        client.publishWith().topic(series.topic() + "/set").qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private JsonNode answer(SeriesPath series, String traceId) {
        return received.getOrDefault(series.topic(), List.of()).stream().filter(p -> p.startsWith("{"))
                .map(SimulatedHouseIT::json).filter(n -> traceId.equals(n.path("trace_id").asText(null)))
                .findFirst().orElse(null);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    @Test
    void everyDeviceIsDiscoveredAndLive() {
        House demo = core.core().store().houses().findHouse("demo").orElseThrow();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<DeviceAddress> stored = core.core().store().houses().listDevices(demo.id()).stream()
                    .map(Device::address).toList();
            assertTrue(stored.containsAll(simulator.devices()), "stored: " + stored);
            for (DeviceAddress device : simulator.devices()) {
                assertTrue(core.core().liveState().latest(device.attribute("status")).isPresent(), device + " status");
            }
        });
        assertEquals(12, simulator.devices().size());
        assertEquals("online", core.core().liveState().latest(LIGHT.attribute("status")).orElseThrow().text());
        assertTrue(core.core().liveState().latest(THERMOSTAT.attribute("temperature")).isPresent());
    }

    @Test
    void obeysACommandAndEchoesItsTraceId() {
        Mqtt3AsyncClient console = watch("domus/demo/living-room/#");
        SeriesPath power = LIGHT.attribute("power");
        command(console, power, "{\"value\": \"ON\", \"trace_id\": \"trace-on-1\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> answer(power, "trace-on-1") != null);
        assertEquals("ON", answer(power, "trace-on-1").path("value").asText());
        assertEquals("ON", simulator.values(LIGHT).orElseThrow().get("power"));
    }

    @Test
    void refusesAnImpossibleValueWithAnErrorAnswer() {
        Mqtt3AsyncClient console = watch("domus/demo/living-room/#");
        SeriesPath setpoint = THERMOSTAT.attribute("setpoint");
        command(console, setpoint, "{\"value\": 45, \"trace_id\": \"trace-hot\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> answer(setpoint, "trace-hot") != null);
        JsonNode error = answer(setpoint, "trace-hot");
        assertEquals("setpoint 45 is above the maximum 30°C", error.path("error").asText());
        assertEquals(21.0, error.path("value").asDouble());
        assertEquals(1, simulator.status().refused());
    }

    @Test
    void aDeviceKilledAbruptlyIsReportedOfflineByItsWill() {
        watch("domus/demo/living-room/ceiling-light/status");
        String status = LIGHT.attribute("status").topic();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.getOrDefault(status, List.of()).contains("online"));
        simulator.injectFault(LIGHT, new Fault.Offline(null));
        await().atMost(Duration.ofSeconds(15)).until(() -> received.get(status).getLast().equals("offline"));
        simulator.injectFault(LIGHT, new Fault.Recover());
        await().atMost(Duration.ofSeconds(15)).until(() -> received.get(status).getLast().equals("online"));
    }

    @Test
    void theTwoFloorHousesVendorDevicesSpeakTheirDialectsUnderRaw() throws InterruptedException {
        core.core().store().credentials().put(new MqttCredential("family", "family-house",
                PasswordHasher.standard().hash("family secret".toCharArray()), MqttCredential.ROLE_HOUSE));
        Mqtt3AsyncClient watcher = core.connect(null, "family", "family secret", true);
        watcher.subscribeWith().topicFilter("domus/family-house/raw/#").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.computeIfAbsent(p.getTopic().toString(), t -> new CopyOnWriteArrayList<>())
                        .add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)))
                .send().orTimeout(10, TimeUnit.SECONDS).join();
        SampleDevices samples = SampleDevices.bundled();
        BrokerUrl broker = BrokerUrl.plain("127.0.0.1", core.port()).withCredentials("family", "family secret");
        try (SimulatorRuntime family = SimulatorRuntime.start(
                SimulationPlan.of(samples.house("family-house").orElseThrow(), samples), broker,
                options().withSeed(3))) {
            assertTrue(family.awaitConnected(Duration.ofSeconds(30)), "connected: " + family.status());
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                for (String vendorId : List.of("tasmota_3D5E26", "0x00158d00040862ed", "shellyplus1pm-a8032ab636ec",
                        "office_desk_lamp")) {
                    assertTrue(received.keySet().stream().anyMatch(t -> t.contains(vendorId)),
                            vendorId + " in " + received.keySet());
                }
            });
        }
    }

    @Test
    void aMalformedPayloadFaultIsCountedByIngest() {
        long before = core.core().ingest().metrics().refusedPayloads();
        simulator.injectFault(THERMOSTAT, new Fault.Malformed());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> core.core().ingest().metrics().refusedPayloads() > before);
    }

    @Test
    void aMuteDeviceLeavesCommandsUnansweredUntilItRecovers() {
        Mqtt3AsyncClient console = watch("domus/demo/living-room/#");
        SeriesPath power = LIGHT.attribute("power");
        simulator.injectFault(LIGHT, new Fault.Mute());
        command(console, power, "{\"value\": \"ON\", \"trace_id\": \"trace-muted\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.status().ignored() == 1);
        simulator.injectFault(LIGHT, new Fault.Recover());
        command(console, power, "{\"value\": \"ON\", \"trace_id\": \"trace-heard\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> answer(power, "trace-heard") != null);
        assertEquals(null, answer(power, "trace-muted"));
    }
}
