package org.domus.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;

/**
 * Publishes as fast as a broker accepts: {@code publishers} MQTT 3.1.1 clients, each cycling over its share of
 * {@code devices} topics {@code domus/{house}/load/dev-N/value}, each keeping at most {@code window} messages in
 * flight. The same generator drives every broker a benchmark compares. Thread-safe counters.
 */
public final class LoadGenerator implements AutoCloseable {

    /** Where and how to publish; {@code username} null for anonymous. */
    public record Target(String host, int port, String username, String password, String house) {
    }

    public record Load(int publishers, int devices, int qos, int window) {
        public Load {
            if (publishers < 1 || devices < publishers || qos < 0 || qos > 1 || window < 1) {
                throw new IllegalArgumentException("load needs publishers >= 1, devices >= publishers, QoS 0 or 1");
            }
        }
    }

    private final Target target;
    private final Load load;
    private final List<Mqtt3AsyncClient> clients = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong inFlight = new AtomicLong();
    private volatile double ratePerSecond;

    public LoadGenerator(Target target, Load load) {
        this.target = target;
        this.load = load;
    }

    /** Connects every publisher (so connecting is not measured) without publishing yet. */
    public void connect() {
        for (int p = 0; p < load.publishers(); p++) {
            Mqtt3AsyncClient client = client(target, "load-" + p + "-" + System.nanoTime());
            client.connectWith().cleanSession(true).keepAlive(60).send().orTimeout(30, TimeUnit.SECONDS).join();
            clients.add(client);
        }
    }

    /** An MQTT 3.1.1 client of {@code target}, with its credentials if it has any; not yet connected. */
    static Mqtt3AsyncClient client(Target target, String clientId) {
        Mqtt3ClientBuilder builder = MqttClient.builder().useMqttVersion3().identifier(clientId)
                .serverHost(target.host()).serverPort(target.port());
        if (target.username() != null) {
            builder = builder.simpleAuth().username(target.username())
                    .password(target.password().getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        return builder.buildAsync();
    }

    /** Paces the publishers to {@code perSecond} messages a second in all (0, the default: as fast as the window allows). */
    public void pace(double perSecond) {
        if (perSecond < 0 || Double.isNaN(perSecond)) {
            throw new IllegalArgumentException("a rate must be zero or more");
        }
        this.ratePerSecond = perSecond;
    }

    /** Starts publishing on one thread per publisher until {@link #stop()}. */
    public void start() {
        running.set(true);
        for (int p = 0; p < clients.size(); p++) {
            int publisher = p;
            threads.add(Thread.ofPlatform().daemon().name("load-" + p).start(() -> publish(publisher)));
        }
    }

    private void publish(int publisher) {
        Mqtt3AsyncClient client = clients.get(publisher);
        Semaphore window = new Semaphore(load.window());
        int devicesPerPublisher = load.devices() / load.publishers();
        String[] topics = new String[devicesPerPublisher];
        for (int d = 0; d < devicesPerPublisher; d++) {
            topics[d] = "domus/" + target.house() + "/load/dev-" + (publisher * devicesPerPublisher + d) + "/value";
        }
        MqttQos qos = load.qos() == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE;
        long sequence = 0;
        double perPublisher = ratePerSecond / clients.size();
        long started = System.nanoTime();
        while (running.get()) {
            try {
                if (perPublisher > 0) {
                    long due = started + (long) (sequence * 1e9 / perPublisher);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(Math.min(wait, 50_000_000));
                        continue;
                    }
                }
                if (!window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            byte[] payload = Long.toString(sequence).getBytes(StandardCharsets.US_ASCII);
            CompletableFuture<?> sending = client.publishWith().topic(topics[(int) (sequence % devicesPerPublisher)])
                    .qos(qos).payload(payload).send();
            sequence++;
            sent.increment();
            inFlight.incrementAndGet();
            sending.whenComplete((ack, error) -> {
                if (error == null) {
                    acknowledged.increment();
                } else {
                    failed.increment();
                }
                inFlight.decrementAndGet();
                window.release();
            });
        }
    }

    public void stop() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    /** Waits (bounded) until every message sent has its answer, so that counts read afterwards are final. */
    public void awaitAnswers(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    public long sent() {
        return sent.sum();
    }

    /** QoS 1: PUBACKs received; QoS 0: messages written to the socket. */
    public long acknowledged() {
        return acknowledged.sum();
    }

    public long failed() {
        return failed.sum();
    }

    @Override
    public void close() {
        stop();
        for (Mqtt3AsyncClient client : clients) {
            client.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        clients.clear();
    }
}
