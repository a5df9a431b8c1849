package org.domus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import org.domus.app.DomusCore;
import org.domus.model.SeriesPath;
import org.domus.store.Database;
import org.domus.store.MqttCredential;
import org.domus.store.PasswordHasher;
import org.domus.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost: {@code domus serve} runs as a child process, QoS 1 messages stream in, the child
 * is killed with SIGKILL mid-stream and restarted, and every message whose PUBACK a publisher received must be
 * stored exactly once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrashDurabilityIT {

    private static final int PUBLISHERS = 4;
    private static final int DEVICES_PER_PUBLISHER = 25;
    private static final int WINDOW = 200;

    @TempDir
    Path dataDir;

    @TempDir
    Path logDir;

    @Test
    void keepsEveryAcknowledgedMessageThroughAKillNine() throws Exception {
        try (Database store = Database.open(dataDir.resolve(DomusCore.DATABASE_FILE), StoreOptions.defaults())) {
            store.credentials().put(new MqttCredential(TestCore.HOUSE_USER, DomusCore.DEMO_HOUSE,
                    PasswordHasher.standard().hash(TestCore.HOUSE_PASSWORD.toCharArray()), MqttCredential.ROLE_HOUSE));
        }
        Process first = startServe("first");
        int port = awaitPort(first);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean streaming = new AtomicBoolean(true);
        List<Thread> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            int publisher = p;
            publishers.add(Thread.ofPlatform().name("publisher-" + p)
                    .start(() -> stream(port, publisher, streaming, acknowledged)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 4_000);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no goodbye
        first.waitFor(10, TimeUnit.SECONDS);
        streaming.set(false);
        for (Thread publisher : publishers) {
            publisher.join(30_000);
        }
        Set<String> acknowledgedBeforeKill = Set.copyOf(acknowledged);

        Process second = startServe("second");
        awaitPort(second);
        second.destroy(); // SIGTERM: a normal stop
        assertTrue(second.waitFor(30, TimeUnit.SECONDS), "serve did not stop on SIGTERM");

        Map<String, Integer> storedCounts = new HashMap<>();
        try (Database store = Database.open(dataDir.resolve(DomusCore.DATABASE_FILE), StoreOptions.defaults())) {
            for (int p = 0; p < PUBLISHERS; p++) {
                for (int d = 0; d < DEVICES_PER_PUBLISHER; d++) {
                    store.history().streamReadings(series(p, d), null, null,
                            (Instant ts, String value) -> storedCounts.merge(value, 1, Integer::sum));
                }
            }
        }
        List<String> missing = acknowledgedBeforeKill.stream().filter(v -> !storedCounts.containsKey(v)).toList();
        List<String> duplicated = storedCounts.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey).toList();
        assertEquals(List.of(), missing.stream().limit(20).toList(),
                missing.size() + " acknowledged messages are missing after the crash");
        assertEquals(List.of(), duplicated.stream().limit(20).toList(), "messages stored twice");
        assertTrue(acknowledgedBeforeKill.size() >= 4_000);
    }

    private static SeriesPath series(int publisher, int device) {
        return new SeriesPath("demo", "crash", "dev-" + publisher + "-" + device, "counter");
    }

    private static void stream(int port, int publisher, AtomicBoolean streaming, Set<String> acknowledged) {
        Mqtt3AsyncClient client = MqttClient.builder().useMqttVersion3().identifier("crash-publisher-" + publisher)
                .serverHost("127.0.0.1").serverPort(port)
                .simpleAuth().username(TestCore.HOUSE_USER)
                .password(TestCore.HOUSE_PASSWORD.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .buildAsync();
        client.connectWith().cleanSession(true).send().orTimeout(10, TimeUnit.SECONDS).join();
        Semaphore window = new Semaphore(WINDOW);
        long sequence = 0;
        while (streaming.get()) {
            try {
                if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            String value = Long.toString(publisher * 1_000_000_000L + sequence);
            SeriesPath target = series(publisher, (int) (sequence % DEVICES_PER_PUBLISHER));
            sequence++;
            client.publishWith().topic(target.topic()).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(value.getBytes(StandardCharsets.UTF_8)).send()
                    .whenComplete((ack, error) -> {
                        if (error == null) {
                            acknowledged.add(value);
                        }
                        window.release();
                    });
        }
    }

    private Process startServe(String name) throws IOException {
        Files.deleteIfExists(dataDir.resolve(DomusCore.PORT_FILE)); // a killed run leaves its own behind
        Path buildDir = Path.of(System.getProperty("domus.build.dir", "target"));
        String classPath = buildDir.resolve("classes") + java.io.File.pathSeparator
                + Files.readString(buildDir.resolve("runtime.classpath")).strip();
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", classPath,
                "org.domus.app.Launcher", "serve", "--data", dataDir.toString(), "--mqtt-port", "0")
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve(name + ".log").toFile())
                .start();
    }

    private int awaitPort(Process process) {
        Path portFile = dataDir.resolve(DomusCore.PORT_FILE);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("serve exited with " + process.exitValue() + ": " + logs());
            }
            return Files.exists(portFile);
        });
        try {
            return Integer.parseInt(Files.readString(portFile).strip());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String logs() {
        try (var files = Files.list(logDir)) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.toList()) {
                text.append(Files.readString(file));
            }
            return text.toString();
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
