package org.domus.sim;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a running simulation's counters.
 *
 * @param sent           publishes the broker accepted (PUBACK at QoS 1, written at QoS 0), status and answers included
 * @param failed         publishes that failed
 * @param skipped        publishes not attempted because too many were in flight (the broker is not keeping up)
 * @param obeyed         commands obeyed (and answered)
 * @param refused        commands refused with an error answer
 * @param ignored        commands received and deliberately not answered (mute or stuck faults)
 * @param connectStorm   first CONNECT to the last device's first CONNACK, once every device has connected
 * @param connectFailures connection attempts that failed (refused, unreachable, timed out)
 */
public record SimulatorStatus(boolean running, int devices, int connected, long sent, long failed, long skipped,
                              long obeyed, long refused, long ignored, long connectFailures, Duration elapsed,
                              Duration connectStorm, String lastConnectProblem) {

    public Optional<Duration> connectStormTime() {
        return Optional.ofNullable(connectStorm);
    }

    public Optional<String> connectProblem() {
        return Optional.ofNullable(lastConnectProblem);
    }

    /** Messages per second accepted since the start. */
    public double rate() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : sent / seconds;
    }
}
