package org.domus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Interop with Debian's mosquitto clients (installed by .ci/run), MQTT 3.1.1. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MosquittoClientsIT {

    @TempDir
    Path dataDir;

    private TestCore core;

    @BeforeEach
    void start() {
        core = TestCore.start(dataDir);
    }

    @AfterEach
    void stop() {
        core.close();
    }

    private List<String> auth(String... rest) {
        List<String> command = new ArrayList<>(List.of("-h", "127.0.0.1", "-p", Integer.toString(core.port()),
                "-V", "mqttv311", "-u", TestCore.HOUSE_USER, "-P", TestCore.HOUSE_PASSWORD));
        command.addAll(List.of(rest));
        return command;
    }

    @Test
    void storesWhatMosquittoPubSendsAtQos1() throws Exception {
        Result result = run("mosquitto_pub", auth("-q", "1", "-t", "domus/demo/kitchen/fridge/temperature", "-m", "4.5"));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(List.of("4.5"), core.storedValues("demo/kitchen/fridge/temperature"));
    }

    @Test
    void deliversToMosquittoSub() throws Exception {
        Path output = dataDir.resolve("sub.out");
        List<String> command = new ArrayList<>(List.of("mosquitto_sub"));
        command.addAll(auth("-q", "1", "-t", "domus/demo/#", "-C", "1", "-W", "20", "-v"));
        Process subscriber = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        var publisher = core.houseClient("interop-sender");
        // Publish until the subscriber (which starts asynchronously) has received one message and exited.
        for (int i = 0; i < 200 && subscriber.isAlive(); i++) {
            publisher.publishWith().topic("domus/demo/hall/door/contact").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("open".getBytes(StandardCharsets.UTF_8)).send().orTimeout(5, TimeUnit.SECONDS).join();
            subscriber.waitFor(100, TimeUnit.MILLISECONDS);
        }
        assertTrue(subscriber.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, subscriber.exitValue(), Files.readString(output));
        assertEquals("domus/demo/hall/door/contact open", Files.readString(output).strip());
    }

    @Test
    void refusesMosquittoPubWithAWrongPassword() throws Exception {
        Result result = run("mosquitto_pub", List.of("-h", "127.0.0.1", "-p", Integer.toString(core.port()),
                "-V", "mqttv311", "-u", TestCore.HOUSE_USER, "-P", "nope", "-q", "1",
                "-t", "domus/demo/kitchen/fridge/temperature", "-m", "99"));
        assertNotEquals(0, result.exitCode());
        assertEquals(List.of(), core.storedValues("demo/kitchen/fridge/temperature"));
        assertEquals(1, core.core().broker().metrics().refusedConnects());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String program, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), program + " did not finish");
        return new Result(process.exitValue(), output);
    }
}
