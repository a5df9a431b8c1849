package org.domus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.domus.app.ConsoleSimulator;
import org.domus.command.SendOptions;
import org.domus.model.CommandState;
import org.domus.model.DeviceAddress;
import org.domus.model.SeriesPath;
import org.domus.sim.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The console's simulators against the real core: its own credentials, faults seen as the user would. */
@Timeout(90)
class ConsoleSimulatorIT {

    @TempDir
    Path data;

    @Test
    void theDemoHouseComesAliveObeysCommandsAndShowsItsFaults() {
        try (TestCore core = TestCore.start(data); ConsoleSimulator simulator = new ConsoleSimulator(core.core())) {
            assertTrue(core.core().firstRun());
            assertEquals("demo", simulator.houses().getFirst());
            simulator.start("demo", 0, 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> simulator.status().orElseThrow().connected()
                    == simulator.devices().size());
            SeriesPath power = SeriesPath.parse("demo/living-room/ceiling-light/power");
            await().atMost(Duration.ofSeconds(30)).until(() -> core.core().liveState().latest(power).isPresent());

            var confirmed = core.core().commands().send(power, "ON", SendOptions.from("test")).outcome().join();
            assertEquals(CommandState.CONFIRMED, confirmed.state(), confirmed.reason());

            DeviceAddress light = power.deviceAddress();
            simulator.inject(light, new Fault.Mute());
            var timedOut = core.core().commands().send(power, "OFF",
                    SendOptions.from("test").withTimeout(Duration.ofMillis(500))).outcome().join();
            assertEquals(CommandState.TIMED_OUT, timedOut.state());

            simulator.inject(light, new Fault.Offline(null));
            await().atMost(Duration.ofSeconds(30)).until(() -> core.core().liveState()
                    .latest(light.attribute("status")).map(r -> r.text().equals("offline")).orElse(false));
            var failed = core.core().commands().send(power, "ON", SendOptions.from("test")).outcome().join();
            assertEquals("device offline", failed.reason());

            simulator.inject(light, new Fault.Recover());
            await().atMost(Duration.ofSeconds(30)).until(() -> core.core().liveState()
                    .latest(light.attribute("status")).map(r -> r.text().equals("online")).orElse(false));
            simulator.stop();
            assertTrue(simulator.status().isEmpty());
        }
    }
}
