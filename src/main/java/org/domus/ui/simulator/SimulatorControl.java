package org.domus.ui.simulator;

import java.util.List;
import java.util.Optional;
import org.domus.model.DeviceAddress;
import org.domus.sim.Fault;
import org.domus.sim.SimulatorStatus;

/**
 * What the simulator panel may do with the console's simulators. Implemented by the application's wiring.
 * {@link #start}, {@link #stop}, {@link #inject} and {@link #reconnectStorm} may block (connecting, stopping
 * clients): call them off the FX thread. The others return at once.
 */
public interface SimulatorControl {

    /** The bundled houses that can be simulated, the default one first. */
    List<String> houses();

    /**
     * Starts simulating {@code house} against the console's own broker, replacing any running simulation.
     * {@code scale} 0 runs the house as defined; more adds that many generated devices in generated rooms.
     *
     * @throws IllegalArgumentException with one line when it cannot start
     */
    void start(String house, int scale, double ratePerSecond);

    void stop();

    /** The running simulation's figures, or empty when none runs. */
    Optional<SimulatorStatus> status();

    /** The simulated devices (empty when none runs). */
    List<DeviceAddress> devices();

    void inject(DeviceAddress device, Fault fault);

    /** Drops and reconnects up to {@code count} devices at once; returns how many. */
    int reconnectStorm(int count);
}
