package org.domus.sim;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a simulation runs.
 *
 * @param rate               total messages per second, spread evenly over every device's attributes in turn;
 *                           0 to publish each attribute at its type's own interval
 * @param qos                0 or 1, for state messages (status, answers and commands are always QoS 1)
 * @param connectConcurrency connections in progress at once during the connect storm
 * @param caFile             for {@code mqtts://}: the CA certificate (PEM) to trust; null for the JVM's trust store
 * @param ioThreads          Netty threads shared by every device's client
 * @param schedulerThreads   threads running the devices (ticks, publishes, commands)
 * @param maxInFlight        publishes awaiting their acknowledgement beyond which new ones are skipped
 * @param seed               seed of the devices' random generators (runs are repeatable in their values)
 * @param clock              the simulated devices' clock
 * @param dialects           the vendor dialects devices may speak
 * @param connections        one MQTT connection per device, or one per house shared by its devices (a hub)
 */
public record SimulatorOptions(double rate, int qos, int connectConcurrency, Path caFile, int ioThreads,
                               int schedulerThreads, int maxInFlight, long seed, Clock clock, Duration keepAlive,
                               DialectRegistry dialects, Connections connections) {

    /** How simulated devices reach the broker. */
    public enum Connections {
        /** Each device is its own MQTT client, with its own last will on {@code …/status}. */
        PER_DEVICE,
        /**
         * One client per house, as a house hub bridging its devices (a Mosquitto bridge, a Zigbee2MQTT or Tasmota
         * gateway): client id {@code hub-{house}}, the bridge's {@code hub/bridge} notifications ({@code 1}, and
         * {@code 0} as its will), every device's topics published and its commands received over that one
         * connection; a device's {@code offline} is published for it (as the hub bridges its device's will).
         */
        PER_HOUSE
    }

    public SimulatorOptions {
        if (rate < 0 || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("the rate must be 0 or more messages per second");
        }
        if (qos < 0 || qos > 1) {
            throw new IllegalArgumentException("QoS must be 0 or 1");
        }
        if (connectConcurrency < 1 || ioThreads < 1 || schedulerThreads < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("concurrency, threads and in-flight limits must be at least 1");
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(dialects, "dialects");
        Objects.requireNonNull(connections, "connections");
    }

    /** Each attribute at its own interval, QoS 1, 200 connects at once, 2 I/O threads, 1 scheduler thread. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(0, 1, 200, null, 2, 1, 20_000, System.nanoTime(), Clock.systemUTC(),
                Duration.ofSeconds(60), DialectRegistry.standard(), Connections.PER_DEVICE);
    }

    public SimulatorOptions withRate(double messagesPerSecond) {
        return new SimulatorOptions(messagesPerSecond, qos, connectConcurrency, caFile, ioThreads, schedulerThreads,
                maxInFlight, seed, clock, keepAlive, dialects, connections);
    }

    public SimulatorOptions withQos(int newQos) {
        return new SimulatorOptions(rate, newQos, connectConcurrency, caFile, ioThreads, schedulerThreads,
                maxInFlight, seed, clock, keepAlive, dialects, connections);
    }

    public SimulatorOptions withCaFile(Path file) {
        return new SimulatorOptions(rate, qos, connectConcurrency, file, ioThreads, schedulerThreads,
                maxInFlight, seed, clock, keepAlive, dialects, connections);
    }

    public SimulatorOptions withConnectConcurrency(int connects) {
        return new SimulatorOptions(rate, qos, connects, caFile, ioThreads, schedulerThreads, maxInFlight, seed,
                clock, keepAlive, dialects, connections);
    }

    public SimulatorOptions withSeed(long newSeed) {
        return new SimulatorOptions(rate, qos, connectConcurrency, caFile, ioThreads, schedulerThreads, maxInFlight,
                newSeed, clock, keepAlive, dialects, connections);
    }

    public SimulatorOptions withDialects(DialectRegistry registry) {
        return new SimulatorOptions(rate, qos, connectConcurrency, caFile, ioThreads, schedulerThreads, maxInFlight,
                seed, clock, keepAlive, registry, connections);
    }

    public SimulatorOptions withConnections(Connections newConnections) {
        return new SimulatorOptions(rate, qos, connectConcurrency, caFile, ioThreads, schedulerThreads, maxInFlight,
                seed, clock, keepAlive, dialects, newConnections);
    }
}
