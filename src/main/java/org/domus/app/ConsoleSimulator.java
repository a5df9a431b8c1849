package org.domus.app;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.domus.model.BrokerUrl;
import org.domus.model.DeviceAddress;
import org.domus.sim.Fault;
import org.domus.sim.SimulationPlan;
import org.domus.sim.SimulatorOptions;
import org.domus.sim.SimulatorRuntime;
import org.domus.sim.SimulatorStatus;
import org.domus.sim.definition.HouseDefinition;
import org.domus.sim.definition.SampleDevices;
import org.domus.store.MqttCredential;
import org.domus.store.PasswordHasher;
import org.domus.ui.simulator.SimulatorControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's simulators: a bundled house (and, on request, generated devices) simulated against the core's
 * own broker, each house connecting with a credential of its own (a fresh random secret per start, stored
 * hashed; the clear secret lives only in this object). Thread-safe: one simulation at a time.
 */
public final class ConsoleSimulator implements SimulatorControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSimulator.class);
    /** Devices per generated room when the user scales a house up. */
    private static final int GENERATED_PER_ROOM = 20;

    private final DomusCore core;
    private final SampleDevices samples;
    /** Written under the lock by start/stop; read without it, so the panel's polling never waits on a stop. */
    private volatile SimulatorRuntime runtime;

    public ConsoleSimulator(DomusCore core) {
        this.core = core;
        this.samples = SampleDevices.bundled();
    }

    @Override
    public List<String> houses() {
        List<String> names = new ArrayList<>(samples.houses().keySet());
        names.sort(String::compareTo);
        if (names.remove(SampleDevices.DEFAULT_HOUSE)) {
            names.addFirst(SampleDevices.DEFAULT_HOUSE);
        }
        return names;
    }

    @Override
    public synchronized void start(String house, int scale, double ratePerSecond) {
        HouseDefinition definition = samples.house(house).orElseThrow(() ->
                new IllegalArgumentException("there is no bundled house named " + house));
        if (scale < 0 || ratePerSecond < 0) {
            throw new IllegalArgumentException("the number of devices and the rate cannot be negative");
        }
        stop();
        DemoHouse.seed(core.store().houses(), definition, samples);
        SimulationPlan plan = SimulationPlan.of(definition, samples);
        if (scale > 0) {
            core.store().houses().ensureHouse(definition.slug(), definition.name(), ZoneId.systemDefault());
            List<SimulationPlan.PlannedDevice> devices = new ArrayList<>(plan.devices());
            devices.addAll(SimulationPlan.scale(scale, 1, definition.slug(), GENERATED_PER_ROOM, samples).devices());
            plan = new SimulationPlan(devices);
        }
        BrokerUrl broker = brokerFor(definition.slug());
        SimulatorOptions options = SimulatorOptions.defaults();
        if (ratePerSecond > 0) {
            options = options.withRate(ratePerSecond);
        }
        runtime = SimulatorRuntime.start(plan, broker, options);
        LOG.info("Console simulators started: house {}, {} devices", house, plan.devices().size());
    }

    /** The console's broker, logged in as the house's simulator identity (created or re-keyed now). */
    private BrokerUrl brokerFor(String house) {
        String user = "simulator-" + house;
        String secret = PasswordHasher.randomSecret();
        core.store().credentials().put(new MqttCredential(user, house,
                PasswordHasher.standard().hash(secret.toCharArray()), MqttCredential.ROLE_HOUSE));
        core.credentialChanged(user);
        String host = core.broker().host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        return new BrokerUrl(false, host, core.broker().port(), user, secret);
    }

    @Override
    public synchronized void stop() {
        SimulatorRuntime current = runtime;
        runtime = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public Optional<SimulatorStatus> status() {
        SimulatorRuntime current = runtime;
        return current == null ? Optional.empty() : Optional.of(current.status());
    }

    @Override
    public List<DeviceAddress> devices() {
        SimulatorRuntime current = runtime;
        return current == null ? List.of() : current.devices();
    }

    @Override
    public synchronized void inject(DeviceAddress device, Fault fault) {
        if (runtime == null) {
            throw new IllegalStateException("no simulation is running");
        }
        runtime.injectFault(device, fault);
    }

    @Override
    public synchronized int reconnectStorm(int count) {
        if (runtime == null) {
            throw new IllegalStateException("no simulation is running");
        }
        return runtime.reconnectStorm(count);
    }

    @Override
    public void close() {
        stop();
    }
}
