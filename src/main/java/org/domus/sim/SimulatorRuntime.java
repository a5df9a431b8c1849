package org.domus.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.domus.model.BrokerUrl;
import org.domus.model.DeviceAddress;
import org.domus.model.ProblemLog;
import org.domus.sim.definition.AttributeDefinition;
import org.domus.sim.definition.AttributeValues;
import org.domus.sim.model.CommandCheck;
import org.domus.sim.model.DeviceModel;
import org.domus.sim.vendor.VendorAttribute;
import org.domus.sim.vendor.VendorDevice;
import org.domus.sim.vendor.VendorDialect;
import org.domus.sim.vendor.VendorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs simulated devices against an MQTT broker: one HiveMQ MQTT 3.1.1 client per device (its last will
 * {@code offline} retained on {@code …/status}, {@code online} retained after connecting), or one per house
 * shared by its devices as a house hub does ({@link SimulatorOptions.Connections#PER_HOUSE}); each attribute
 * published at its interval or, with a rate, in an even round-robin; commands on {@code …/set} obeyed after the
 * type's delay and answered as {@code docs/protocol.md} says; faults injected on demand.
 *
 * <p>Threads: a few scheduler threads ({@link SimulatorOptions#schedulerThreads()}) run every device (no thread
 * per device); the MQTT clients share {@link SimulatorOptions#ioThreads()} Netty threads. Every public method may
 * be called from any thread.
 */
public final class SimulatorRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorRuntime.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PACER_PERIOD_MILLIS = 10;
    private static final long MOVING_TICK_MILLIS = 1_000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final SimulatorOptions options;
    private final MqttClients clients;
    private final ScheduledThreadPoolExecutor scheduler;
    private final List<SimDevice> devices = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final Map<DeviceAddress, SimDevice> byAddress = new HashMap<>();
    private final ProblemLog problems = new ProblemLog(LOG, 60_000);
    private final MqttQos stateQos;

    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder obeyed = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger connected = new AtomicInteger();
    private final CountDownLatch allConnected;
    private final ConcurrentLinkedQueue<Link> toConnect = new ConcurrentLinkedQueue<>();
    private int connectsInProgress;

    private final long startNanos = System.nanoTime();
    private final AtomicLong firstConnectNanos = new AtomicLong();
    private volatile long stormEndNanos;
    private volatile long stoppedNanos;
    private volatile String lastConnectProblem;
    private volatile boolean running = true;

    // Round-robin pacing (rate > 0): touched by the pacer task only, except the debt of immediate publishes.
    private final AtomicLong pacedDebt = new AtomicLong();
    private int[][] paceSlots = new int[0][];
    private int paceCursor;
    private double paceBudget;
    private long paceLastNanos;

    private SimulatorRuntime(SimulationPlan plan, BrokerUrl broker, SimulatorOptions options) {
        this.options = options;
        this.clients = new MqttClients(broker, options.caFile(), options.ioThreads());
        this.stateQos = options.qos() == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE;
        AtomicInteger threadNumber = new AtomicInteger();
        this.scheduler = new ScheduledThreadPoolExecutor(options.schedulerThreads(), task -> Thread.ofPlatform()
                .daemon().name("sim-scheduler-" + threadNumber.incrementAndGet()).unstarted(task));
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        Instant start = options.clock().instant();
        int index = 0;
        for (SimulationPlan.PlannedDevice planned : plan.devices()) {
            SimDevice device = new SimDevice(planned, new DeviceModel(planned.type(), planned.initial(), start,
                    planned.zone(), new SplittableRandom(options.seed() * 31 + index++)));
            devices.add(device);
            byAddress.put(planned.address(), device);
        }
        if (options.connections() == SimulatorOptions.Connections.PER_HOUSE) {
            Map<String, List<SimDevice>> byHouse = new java.util.LinkedHashMap<>();
            for (SimDevice device : devices) {
                byHouse.computeIfAbsent(device.planned.address().house(), h -> new ArrayList<>()).add(device);
            }
            byHouse.forEach((house, inHouse) -> links.add(new Link(house, inHouse)));
        } else {
            for (SimDevice device : devices) {
                links.add(new Link(null, List.of(device)));
            }
        }
        this.allConnected = new CountDownLatch(devices.size());
    }

    /**
     * Starts simulating {@code plan} against {@code broker} (credentials from the URL; none for an anonymous
     * demo broker): builds the clients, starts the connect storm (bounded by
     * {@link SimulatorOptions#connectConcurrency()}) and returns at once. Throws IllegalArgumentException with one
     * line when the options cannot be used (an unreadable CA file, say).
     */
    public static SimulatorRuntime start(SimulationPlan plan, BrokerUrl broker, SimulatorOptions options) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(options, "options");
        SimulatorRuntime runtime = new SimulatorRuntime(plan, broker, options);
        runtime.begin();
        return runtime;
    }

    private void begin() {
        for (Link link : links) {
            link.build();
            toConnect.add(link);
        }
        if (options.rate() > 0) {
            List<int[]> slots = new ArrayList<>();
            for (int d = 0; d < devices.size(); d++) {
                for (int a = 0; a < devices.get(d).attributes.length; a++) {
                    slots.add(new int[] {d, a});
                }
            }
            // Interleaved so that consecutive publishes come from different devices.
            Collections.shuffle(slots, new java.util.Random(options.seed()));
            paceSlots = slots.toArray(new int[0][]);
            paceLastNanos = System.nanoTime();
            scheduler.scheduleAtFixedRate(this::pace, PACER_PERIOD_MILLIS, PACER_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
        scheduler.execute(this::launchConnects);
        LOG.info("Simulating {} devices over {} connections against {}{}", devices.size(), links.size(),
                clients.broker(), options.rate() > 0 ? " at " + options.rate() + " msg/s" : "");
    }

    // ------------------------------------------------------------------ public API

    /** The simulated devices' addresses, in plan order. */
    public List<DeviceAddress> devices() {
        return devices.stream().map(d -> d.planned.address()).toList();
    }

    /** Waits until every device has connected once; false if {@code atMost} passed first. */
    public boolean awaitConnected(Duration atMost) throws InterruptedException {
        return allConnected.await(atMost.toNanos(), TimeUnit.NANOSECONDS);
    }

    public SimulatorStatus status() {
        long end = stoppedNanos != 0 ? stoppedNanos : System.nanoTime();
        long first = firstConnectNanos.get();
        Duration storm = stormEndNanos == 0 || first == 0 ? null : Duration.ofNanos(stormEndNanos - first);
        return new SimulatorStatus(running, devices.size(), connected.get(), sent.sum(), failed.sum(), skipped.sum(),
                obeyed.sum(), refused.sum(), ignored.sum(), connectFailures.sum(), Duration.ofNanos(end - startNanos),
                storm, lastConnectProblem);
    }

    /** The device's current values (as published), or empty for an unknown address. */
    public Optional<Map<String, Object>> values(DeviceAddress address) {
        SimDevice device = byAddress.get(address);
        if (device == null) {
            return Optional.empty();
        }
        synchronized (device) {
            return Optional.of(device.model.snapshot());
        }
    }

    /** Injects {@code fault} into one device; throws IllegalArgumentException for an unknown address. */
    public void injectFault(DeviceAddress address, Fault fault) {
        SimDevice device = byAddress.get(address);
        if (device == null) {
            throw new IllegalArgumentException("no simulated device " + address);
        }
        LOG.info("Fault {} injected into {}", fault, address);
        switch (fault) {
            case Fault.Offline offline -> {
                device.offline = true;
                device.backAt = offline.backAfter() == null ? 0 : System.nanoTime() + offline.backAfter().toNanos();
                if (device.link.hub()) {
                    goOfflineBehindHub(device, offline.backAfter());
                } else if (!MqttClients.closeAbruptly(device.link.client)) {
                    LOG.warn("Cannot drop {} abruptly: it is not connected", address);
                }
            }
            case Fault.Malformed malformed -> scheduler.execute(() -> publishMalformed(device));
            case Fault.Stuck stuck -> device.stuck = true;
            case Fault.LateAnswers late -> device.lateMillis = late.extra().toMillis();
            case Fault.Mute mute -> device.mute = true;
            case Fault.Recover recover -> {
                device.stuck = false;
                device.mute = false;
                device.lateMillis = 0;
                boolean wasOffline = device.offline;
                device.offline = false;
                if (wasOffline && device.link.hub()) {
                    schedule(() -> announceDevice(device), 0);
                } else if (wasOffline && !device.link.client.getState().isConnectedOrReconnect()) {
                    connect(device.link);
                }
            }
        }
    }

    /**
     * A reconnect storm: {@code count} connections (chosen at random among those up: a device's, or a house hub's
     * with all its devices) are lost abruptly at once and reconnect within a fraction of a second. Returns how
     * many connections were dropped.
     */
    public int reconnectStorm(int count) {
        List<Link> up = new ArrayList<>(links.stream().filter(l -> l.up).toList());
        Collections.shuffle(up);
        int dropped = 0;
        for (Link link : up.subList(0, Math.min(count, up.size()))) {
            link.storm = true;
            if (MqttClients.closeAbruptly(link.client)) {
                dropped++;
            }
        }
        LOG.info("Reconnect storm: {} connections dropped", dropped);
        return dropped;
    }

    /** How many MQTT connections the simulation uses (one per device, or one per house). */
    public int connections() {
        return links.size();
    }

    /**
     * Stops: every connected device reports {@code offline} (retained) and disconnects (behind a hub: the hub
     * reports each of its devices {@code offline}, then its bridge {@code 0}, and disconnects); waits at most a
     * few seconds for that. Idempotent.
     */
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        stoppedNanos = System.nanoTime();
        scheduler.shutdownNow();
        List<CompletableFuture<?>> closing = new ArrayList<>();
        for (Link link : links) {
            List<VendorMessage> goodbyes = new ArrayList<>();
            for (SimDevice device : link.devices) {
                if (device.online) {
                    goodbyes.add(device.will());
                }
            }
            if (link.up && link.hub()) {
                goodbyes.add(link.will());
            }
            if (!goodbyes.isEmpty() && link.up) {
                CompletableFuture<?>[] sent = goodbyes.stream().map(will -> link.client.publishWith()
                        .topic(will.topic()).qos(MqttQos.AT_LEAST_ONCE).retain(will.retain())
                        .payload(will.payload()).send().handle((r, e) -> null)).toArray(CompletableFuture[]::new);
                closing.add(CompletableFuture.allOf(sent)
                        .thenCompose(r -> link.client.disconnect().handle((ok, e) -> null)));
            } else if (link.client.getState().isConnectedOrReconnect()) {
                closing.add(link.client.disconnect().handle((ok, e) -> null));
            }
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("Not every device disconnected in time: {}", e.toString());
        }
        LOG.info("Simulation stopped: {}", status());
    }

    @Override
    public void close() {
        stop();
    }

    // ------------------------------------------------------------------ connecting

    /** Starts connects while fewer than the allowed number are in progress. Any thread. */
    private synchronized void launchConnects() {
        while (running && connectsInProgress < options.connectConcurrency()) {
            Link link = toConnect.poll();
            if (link == null) {
                return;
            }
            connectsInProgress++;
            firstConnectNanos.compareAndSet(0, System.nanoTime());
            link.client.connect(link.connectMessage).orTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((ack, error) -> {
                        synchronized (this) {
                            connectsInProgress--;
                        }
                        // Refusals and unreachable brokers are recorded by onDisconnected (the future stays
                        // pending while the client retries); only this bound on the wait is recorded here.
                        if (error instanceof java.util.concurrent.TimeoutException) {
                            connectFailed(link, error);
                        }
                        if (running) {
                            scheduler.execute(this::launchConnects);
                        }
                    });
        }
    }

    private void connect(Link link) {
        link.client.connect(link.connectMessage).orTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ack, error) -> {
                    if (error instanceof java.util.concurrent.TimeoutException) {
                        connectFailed(link, error);
                    }
                });
    }

    /** Counted once per device the connection carries, so "every device failed once" reads the same either way. */
    private void connectFailed(Link link, Throwable error) {
        connectFailures.add(link.devices.size());
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        String problem = cause instanceof Mqtt3ConnAckException refusedConnect
                ? "the broker refused the connection (" + refusedConnect.getMqttMessage().getReturnCode() + ")"
                : cause instanceof java.util.concurrent.TimeoutException ? "no answer to CONNECT in "
                        + CONNECT_TIMEOUT.toSeconds() + " s"
                : Optional.ofNullable(cause.getMessage()).orElse(cause.getClass().getSimpleName());
        lastConnectProblem = problem;
        problems.report("connect " + cause.getClass().getName(), "Simulated " + link.describe()
                + " cannot connect to " + clients.broker() + ": " + problem);
    }

    /** Called on a Netty thread when a connection is up (first time or again). */
    private void onConnected(Link link) {
        link.attempts = 0;
        link.storm = false;
        if (!running) {
            countFirstConnection(link);
            return;
        }
        // Counted once announced: a fault injected after awaitConnected() then finds its device online, also
        // behind a hub, where the connection is up before its devices are announced.
        scheduler.execute(() -> {
            announce(link);
            countFirstConnection(link);
        });
    }

    private void countFirstConnection(Link link) {
        if (link.everConnected) {
            return;
        }
        link.everConnected = true;
        for (int i = 0; i < link.devices.size(); i++) {
            allConnected.countDown();
        }
        if (allConnected.getCount() == 0) {
            stormEndNanos = System.nanoTime();
            LOG.info("All {} devices connected in {} ms", devices.size(),
                    (stormEndNanos - firstConnectNanos.get()) / 1_000_000);
        }
    }

    /**
     * After each connection, scheduler thread: a hub's bridge notification and its subscriptions for all its
     * devices (the bridge's {@code …/+/+/+/set}, and each vendor device's command topics), then each device's
     * announcement; a device's own connection: just the device's.
     */
    private void announce(Link link) {
        if (!link.client.getState().isConnected()) {
            return;
        }
        link.up = true;
        if (link.hub()) {
            VendorMessage up = link.hello();
            publish(link, up.topic(), up.payload(), up.retain(), MqttQos.AT_LEAST_ONCE, true);
            subscribe(link, "domus/" + link.house + "/+/+/+/set");
            link.vendorFilters.clear();
            for (SimDevice device : link.devices) {
                if (device.vendor != null) {
                    for (String filter : device.vendor.commandFilters(device.vendorDevice)) {
                        link.vendorFilters.add(Map.entry(MqttTopicFilter.of(filter), device));
                        subscribe(link, filter);
                    }
                }
            }
        }
        for (SimDevice device : link.devices) {
            if (!device.offline) {
                announceDevice(device);
            }
        }
    }

    private void subscribe(Link link, String filter) {
        link.client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send()
                .whenComplete((ack, error) -> {
                    if (error != null) {
                        problems.report("subscribe", "Simulated " + link.describe() + " cannot subscribe to "
                                + filter + ": " + error.getMessage());
                    }
                });
    }

    /** Online status (and, on its own connection, its subscriptions) and first state of one device. Scheduler thread. */
    private void announceDevice(SimDevice device) {
        if (!device.link.up || !device.link.client.getState().isConnected()) {
            return;
        }
        if (!device.online) {
            device.online = true;
            connected.incrementAndGet();
        }
        if (device.vendor != null) {
            Map<String, Object> state;
            synchronized (device) {
                state = device.model.snapshot();
            }
            for (VendorMessage message : device.vendor.onConnect(device.vendorDevice, state)) {
                publish(device, message.topic(), message.payload(), message.retain(), MqttQos.AT_LEAST_ONCE, true);
            }
            if (!device.link.hub()) {
                for (String filter : device.vendor.commandFilters(device.vendorDevice)) {
                    device.link.client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
                }
            }
        } else {
            publish(device, device.prefix + "status", "online".getBytes(StandardCharsets.US_ASCII), true,
                    MqttQos.AT_LEAST_ONCE, true);
            if (!device.link.hub()) {
                subscribe(device.link, device.prefix + "+/set");
            }
            if (options.rate() == 0) {
                for (int a = 0; a < device.attributes.length; a++) {
                    publishValue(device, a);
                }
            }
        }
        long now = options.clock().millis();
        for (int a = 0; a < device.attributes.length; a++) {
            // Staggered: devices that connected together do not all publish together again.
            long every = device.publishEveryMillis[a];
            device.nextDue[a] = now + (options.rate() == 0 ? every / 2 + ThreadLocalRandom.current().nextLong(every / 2 + 1) : every);
        }
        scheduleTick(device, 0);
    }

    /**
     * An offline fault behind a hub: the hub's connection stays, the device stops publishing, and the hub reports
     * it {@code offline} (retained), as a hub's broker bridges a device's will; back after {@code backAfter}.
     */
    private void goOfflineBehindHub(SimDevice device, Duration backAfter) {
        VendorMessage will = device.will();
        if (device.online) {
            device.online = false;
            connected.decrementAndGet();
            publish(device.link, will.topic(), will.payload(), will.retain(), MqttQos.AT_LEAST_ONCE, true);
        }
        if (backAfter != null) {
            schedule(() -> {
                if (device.offline) {
                    device.offline = false;
                    announceDevice(device);
                }
            }, backAfter.toMillis());
        }
    }

    /** Called on a Netty thread when a connection ended or a connect attempt failed. */
    private void onDisconnected(Link link, MqttClientDisconnectedContext context) {
        boolean wasUp = link.up;
        link.up = false;
        for (SimDevice device : link.devices) {
            if (device.online) {
                device.online = false;
                connected.decrementAndGet();
            }
        }
        if (!wasUp && running && context.getSource() != MqttDisconnectSource.USER) {
            connectFailed(link, context.getCause());
        }
        if (!running || context.getSource() == MqttDisconnectSource.USER
                || context.getCause() instanceof Mqtt3ConnAckException) {
            return;
        }
        long delayMillis;
        SimDevice own = link.hub() ? null : link.devices.getFirst();
        if (own != null && own.offline) {
            if (own.backAt == 0) {
                return;
            }
            delayMillis = Math.max(0, (own.backAt - System.nanoTime()) / 1_000_000);
            own.offline = false;
        } else if (link.storm) {
            delayMillis = ThreadLocalRandom.current().nextLong(250);
        } else {
            link.attempts = Math.min(link.attempts + 1, 5);
            long base = 1_000L << (link.attempts - 1);
            delayMillis = base / 2 + ThreadLocalRandom.current().nextLong(base);
        }
        context.getReconnector().reconnect(true).resubscribeIfSessionExpired(false)
                .delay(delayMillis, TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------ ticking and publishing

    /** (Re)schedules the device's next tick: its next due publish, event transition or ramp step. */
    private void scheduleTick(SimDevice device, long atLeastMillis) {
        if (!running) {
            return;
        }
        long now = options.clock().millis();
        long next = Long.MAX_VALUE;
        synchronized (device) {
            if (options.rate() == 0) {
                for (long due : device.nextDue) {
                    next = Math.min(next, due);
                }
            }
            if (device.model.moving()) {
                next = Math.min(next, now + MOVING_TICK_MILLIS);
            }
            Optional<Instant> transition = device.model.nextTransition();
            if (transition.isPresent()) {
                next = Math.min(next, transition.get().toEpochMilli());
            }
        }
        if (next == Long.MAX_VALUE) {
            return;
        }
        long delay = Math.max(atLeastMillis, Math.max(20, next - now));
        ScheduledFuture<?> previous = device.tick;
        if (previous != null) {
            previous.cancel(false);
        }
        try {
            device.tick = scheduler.schedule(() -> tick(device), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // stop() has shut the scheduler down
        }
    }

    /** Scheduler thread. */
    private void tick(SimDevice device) {
        if (!running) {
            return;
        }
        if (device.online) {
            advance(device);
            if (options.rate() == 0) {
                long now = options.clock().millis();
                for (int a = 0; a < device.attributes.length; a++) {
                    if (now >= device.nextDue[a]) {
                        publishValue(device, a);
                        device.nextDue[a] = now + device.publishEveryMillis[a];
                    }
                }
            }
        }
        scheduleTick(device, 0);
    }

    /** Advances the device's model to now and publishes at once what changed discretely. */
    private void advance(SimDevice device) {
        if (device.stuck) {
            return;
        }
        Set<String> changed;
        synchronized (device) {
            changed = device.model.advance(options.clock().instant());
        }
        for (String attribute : changed) {
            String trace = device.pendingTraces.remove(attribute);
            if (trace != null) {
                answerDone(device, attribute, trace);
            } else {
                publishValue(device, device.indexOf(attribute));
            }
        }
    }

    /** Round-robin publishing at the asked rate, every 10 ms on the scheduler. */
    private void pace() {
        if (!running) {
            return;
        }
        long now = System.nanoTime();
        paceBudget += options.rate() * (now - paceLastNanos) / 1e9 - pacedDebt.getAndSet(0);
        paceLastNanos = now;
        // At most a short burst's worth carried over: the publishes stay evenly spread.
        paceBudget = Math.min(paceBudget, Math.max(1, options.rate() * 0.05));
        int passed = 0;
        while (paceBudget >= 1 && passed < paceSlots.length) {
            int[] slot = paceSlots[paceCursor];
            paceCursor = (paceCursor + 1) % paceSlots.length;
            SimDevice device = devices.get(slot[0]);
            if (!device.online) {
                passed++;
                continue;
            }
            advance(device);
            publishValue(device, slot[1]);
            paceBudget--;
        }
    }

    private void publishValue(SimDevice device, int attribute) {
        if (attribute < 0) {
            return;
        }
        String name = device.attributes[attribute];
        if (device.vendor != null) {
            Map<String, Object> state;
            synchronized (device) {
                state = device.model.snapshot();
            }
            for (VendorMessage message : device.vendor.onChange(device.vendorDevice, state, Set.of(name))) {
                publish(device, message.topic(), message.payload(), message.retain(), stateQos, false);
            }
            return;
        }
        Object value;
        synchronized (device) {
            value = device.model.published(name);
        }
        publish(device, device.stateTopics[attribute], AttributeValues.text(value).getBytes(StandardCharsets.UTF_8),
                true, stateQos, false);
    }

    /**
     * Publishes unless the device is offline or too much is in flight. {@code immediate}: outside the round-robin
     * (status, answers), so it counts against the rate's budget.
     */
    private void publish(SimDevice device, String topic, byte[] payload, boolean retain, MqttQos qos,
                         boolean immediate) {
        if (!device.online) {
            return;
        }
        publish(device.link, topic, payload, retain, qos, immediate);
    }

    /** On a connection, for one of its devices or for the hub itself; see above. */
    private void publish(Link link, String topic, byte[] payload, boolean retain, MqttQos qos, boolean immediate) {
        if (inFlight.get() >= options.maxInFlight()) {
            skipped.increment();
            return;
        }
        if (immediate && options.rate() > 0) {
            pacedDebt.incrementAndGet();
        }
        inFlight.incrementAndGet();
        link.client.publishWith().topic(topic).qos(qos).retain(retain).payload(payload).send()
                .whenComplete((result, error) -> {
                    inFlight.decrementAndGet();
                    if (error == null) {
                        sent.increment();
                    } else {
                        failed.increment();
                    }
                });
    }

    private void publishMalformed(SimDevice device) {
        byte[] broken = "{\"value\": 21.5, \"trace_id\": ".getBytes(StandardCharsets.US_ASCII);
        if (device.vendor != null) {
            Map<String, Object> state;
            synchronized (device) {
                state = device.model.snapshot();
            }
            List<VendorMessage> messages = device.vendor.onChange(device.vendorDevice, state,
                    Set.of(device.attributes[0]));
            if (!messages.isEmpty()) {
                publish(device, messages.getFirst().topic(), broken, false, MqttQos.AT_LEAST_ONCE, true);
            }
            return;
        }
        publish(device, device.stateTopics[0], broken, false, MqttQos.AT_LEAST_ONCE, true);
    }

    // ------------------------------------------------------------------ commands

    /**
     * Called on a Netty thread for every message a connection's subscriptions deliver: on a device's own
     * connection it is the device's; behind a hub, it goes to the device its topic names (Domus topics) or whose
     * command filters it matches (vendor topics).
     */
    private void onMessage(Link link, Mqtt3Publish message) {
        if (!link.hub()) {
            onMessage(link.devices.getFirst(), message);
            return;
        }
        String topic = message.getTopic().toString();
        SimDevice named = link.byPrefix.get(devicePrefix(topic));
        if (named != null && named.vendor == null) {
            onMessage(named, message);
            return;
        }
        for (Map.Entry<MqttTopicFilter, SimDevice> filter : link.vendorFilters) {
            if (filter.getKey().matches(message.getTopic())) {
                onMessage(filter.getValue(), message);
            }
        }
    }

    /** {@code domus/h/r/d/} of a topic {@code domus/h/r/d/…}, or "" when it has fewer levels. */
    private static String devicePrefix(String topic) {
        int slash = -1;
        for (int level = 0; level < 4; level++) {
            slash = topic.indexOf('/', slash + 1);
            if (slash < 0) {
                return "";
            }
        }
        return topic.substring(0, slash + 1);
    }

    /** Whether an MQTT topic filter ({@code +} one level, {@code #} the rest) matches {@code topic}. */
    static boolean matches(String filter, String topic) {
        return MqttTopicFilter.of(filter).matches(MqttTopic.of(topic));
    }

    private void onMessage(SimDevice device, Mqtt3Publish message) {
        if (!running) {
            return;
        }
        String topic = message.getTopic().toString();
        byte[] payload = message.getPayloadAsBytes();
        if (device.mute || device.stuck) {
            ignored.increment();
            return;
        }
        long delay = device.commandDelayMillis() + device.lateMillis;
        if (device.vendor != null) {
            Optional<Map<String, Object>> changes;
            try {
                changes = device.vendor.parseCommand(device.vendorDevice, topic, payload);
            } catch (RuntimeException e) {
                refused.increment();
                problems.report("vendor command " + device.planned.address(), "Simulated " + device.vendor.name()
                        + " device " + device.vendorDevice.id() + " cannot read a command: " + e.getMessage());
                return;
            }
            changes.ifPresent(c -> schedule(() -> obeyVendor(device, c), delay));
            return;
        }
        if (!topic.startsWith(device.prefix) || !topic.endsWith("/set")) {
            return;
        }
        String attribute = topic.substring(device.prefix.length(), topic.length() - "/set".length());
        if (attribute.isEmpty() || attribute.contains("/")) {
            return;
        }
        CommandPayload command = CommandPayload.parse(payload);
        schedule(() -> obey(device, attribute, command), delay);
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // stop() has shut the scheduler down
        }
    }

    /** Scheduler thread: after the device's delay, obeys or refuses one command and answers it. */
    private void obey(SimDevice device, String attribute, CommandPayload command) {
        if (!running || !device.online) {
            return;
        }
        if (command.problem() != null) {
            answerError(device, attribute, command.problem(), command.traceId());
            return;
        }
        advance(device);
        CommandCheck check;
        boolean done;
        synchronized (device) {
            check = device.model.check(attribute, command.value());
            done = check instanceof CommandCheck.Accepted accepted && device.model.apply(accepted);
        }
        switch (check) {
            case CommandCheck.Refused refusal -> answerError(device, attribute, refusal.reason(), command.traceId());
            case CommandCheck.Accepted accepted -> {
                obeyed.increment();
                if (done) {
                    answerDone(device, attribute, command.traceId());
                } else {
                    // A cover on its way: the answer comes when it arrives (see advance()).
                    device.pendingTraces.put(attribute, command.traceId() == null ? "" : command.traceId());
                    scheduleTick(device, MOVING_TICK_MILLIS);
                }
            }
        }
    }

    /** {@code {"value": V, "trace_id": T}} on the state topic, retained (it is the new state). */
    private void answerDone(SimDevice device, String attribute, String traceId) {
        Object value;
        synchronized (device) {
            value = device.model.published(attribute);
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("value", JSON.valueToTree(value));
        if (traceId != null && !traceId.isEmpty()) {
            answer.put("trace_id", traceId);
        }
        publish(device, device.prefix + attribute, bytes(answer), true, MqttQos.AT_LEAST_ONCE, true);
    }

    /** {@code {"error": reason, "trace_id": T, "value": current}}, not retained: the retained state stays the value. */
    private void answerError(SimDevice device, String attribute, String reason, String traceId) {
        refused.increment();
        ObjectNode answer = JSON.createObjectNode();
        answer.put("error", reason);
        if (traceId != null) {
            answer.put("trace_id", traceId);
        }
        if (device.indexOf(attribute) >= 0) {
            synchronized (device) {
                answer.set("value", JSON.valueToTree(device.model.published(attribute)));
            }
        }
        if (org.domus.model.Slugs.isValid(attribute)) {
            publish(device, device.prefix + attribute, bytes(answer), false, MqttQos.AT_LEAST_ONCE, true);
        }
    }

    /** Scheduler thread: a vendor command, obeyed as far as possible and reported in the vendor's shape. */
    private void obeyVendor(SimDevice device, Map<String, Object> changes) {
        if (!running || !device.online) {
            return;
        }
        advance(device);
        Set<String> changed = new java.util.LinkedHashSet<>();
        Map<String, Object> state;
        synchronized (device) {
            for (Map.Entry<String, Object> change : changes.entrySet()) {
                CommandCheck check = device.model.check(change.getKey(), change.getValue());
                if (check instanceof CommandCheck.Accepted accepted) {
                    device.model.apply(accepted);
                    changed.add(change.getKey());
                    obeyed.increment();
                } else if (check instanceof CommandCheck.Refused refusal) {
                    refused.increment();
                    LOG.debug("Simulated {} refuses a command: {}", device.planned.address(), refusal.reason());
                }
            }
            state = device.model.snapshot();
        }
        if (!changed.isEmpty()) {
            for (VendorMessage message : device.vendor.onChange(device.vendorDevice, state, changed)) {
                publish(device, message.topic(), message.payload(), message.retain(), MqttQos.AT_LEAST_ONCE, true);
            }
            scheduleTick(device, 0);
        }
    }

    private static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ one device

    /** One simulated device: its model, client and fault flags. The model is guarded by the object's lock. */
    private final class SimDevice {
        final SimulationPlan.PlannedDevice planned;
        final DeviceModel model;
        final String prefix;
        final String[] attributes;
        final String[] stateTopics;
        final long[] publishEveryMillis;
        final long[] nextDue;
        final Map<String, String> pendingTraces = new java.util.concurrent.ConcurrentHashMap<>();
        final VendorDialect vendor;
        final VendorDevice vendorDevice;
        Link link;
        volatile ScheduledFuture<?> tick;
        volatile boolean online;
        volatile boolean offline;
        volatile long backAt;
        volatile boolean stuck;
        volatile boolean mute;
        volatile long lateMillis;

        SimDevice(SimulationPlan.PlannedDevice planned, DeviceModel model) {
            this.planned = planned;
            this.model = model;
            DeviceAddress address = planned.address();
            this.prefix = "domus/" + address.house() + "/" + address.room() + "/" + address.device() + "/";
            List<AttributeDefinition> definitions = planned.type().attributes();
            attributes = definitions.stream().map(AttributeDefinition::name).toArray(String[]::new);
            stateTopics = definitions.stream().map(a -> prefix + a.name()).toArray(String[]::new);
            publishEveryMillis = definitions.stream().mapToLong(a -> Math.max(100, a.publishEvery().toMillis())).toArray();
            nextDue = new long[attributes.length];
            VendorDialect dialect = null;
            if (planned.dialect() != null) {
                dialect = options.dialects().find(planned.dialect()).orElse(null);
                if (dialect == null) {
                    problems.report("dialect " + planned.dialect(), "No simulator dialect \"" + planned.dialect()
                            + "\": its devices speak Domus's own topics instead");
                }
            }
            this.vendor = dialect;
            this.vendorDevice = dialect == null ? null : new VendorDevice(address.house(), planned.vendorId(),
                    planned.name(), planned.type().slug(), definitions.stream().map(a -> new VendorAttribute(a.name(),
                    a.kind().code(), a.unit(), a.writable(), a.min(), a.max(), a.choices())).toList());
        }

        VendorMessage will() {
            return vendor != null ? vendor.will(vendorDevice)
                    : new VendorMessage(prefix + "status", "offline".getBytes(StandardCharsets.US_ASCII), true);
        }

        int indexOf(String attribute) {
            for (int i = 0; i < attributes.length; i++) {
                if (attributes[i].equals(attribute)) {
                    return i;
                }
            }
            return -1;
        }

        long commandDelayMillis() {
            long min = planned.type().commandDelay().min().toMillis();
            long max = planned.type().commandDelay().max().toMillis();
            return max <= min ? min : ThreadLocalRandom.current().nextLong(min, max + 1);
        }
    }

    // ------------------------------------------------------------------ one connection

    /**
     * One MQTT client: a device's own ({@code house} null), or a house hub's carrying all of that house's devices.
     */
    private final class Link {
        final String house;
        final List<SimDevice> devices;
        /** Hub only: its Domus devices by topic prefix, and its vendor devices' command filters. */
        final Map<String, SimDevice> byPrefix = new HashMap<>();
        final List<Map.Entry<MqttTopicFilter, SimDevice>> vendorFilters = new java.util.concurrent.CopyOnWriteArrayList<>();
        Mqtt3AsyncClient client;
        Mqtt3Connect connectMessage;
        volatile boolean up;
        volatile boolean everConnected;
        volatile boolean storm;
        volatile int attempts;

        Link(String house, List<SimDevice> devices) {
            this.house = house;
            this.devices = List.copyOf(devices);
            for (SimDevice device : devices) {
                device.link = this;
                byPrefix.put(device.prefix, device);
            }
        }

        boolean hub() {
            return house != null;
        }

        void build() {
            String clientId;
            if (hub()) {
                clientId = org.domus.model.Hub.usernameFor(house);
            } else {
                SimDevice device = devices.getFirst();
                DeviceAddress address = device.planned.address();
                clientId = device.vendor == null
                        ? "sim-" + address.house() + "-" + address.room() + "-" + address.device()
                        : "sim-" + device.vendor.name() + "-" + device.vendorDevice.id();
            }
            client = clients.builder(clientId)
                    .addConnectedListener(context -> onConnected(this))
                    .addDisconnectedListener(context -> onDisconnected(this, context))
                    .buildAsync();
            client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, message -> onMessage(this, message));
            VendorMessage will = will();
            connectMessage = Mqtt3Connect.builder().cleanSession(true)
                    .keepAlive((int) options.keepAlive().toSeconds())
                    .willPublish().topic(will.topic()).qos(MqttQos.AT_LEAST_ONCE).retain(will.retain())
                    .payload(will.payload()).applyWillPublish()
                    .build();
        }

        /** A hub's will is its bridge's {@code 0} on {@code hub/bridge}; a device's, its own. */
        VendorMessage will() {
            return hub() ? new VendorMessage("domus/" + house + "/hub/bridge",
                    "0".getBytes(StandardCharsets.US_ASCII), true) : devices.getFirst().will();
        }

        /** A hub's bridge notification once connected. */
        VendorMessage hello() {
            return new VendorMessage("domus/" + house + "/hub/bridge", "1".getBytes(StandardCharsets.US_ASCII), true);
        }

        String describe() {
            return hub() ? "hub of house " + house + " (" + devices.size() + " devices)"
                    : "device " + devices.getFirst().planned.address();
        }
    }
}
