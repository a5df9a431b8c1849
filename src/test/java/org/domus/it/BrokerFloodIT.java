package org.domus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import org.domus.model.SeriesPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker holds under a flood: 100 publishers flat out at QoS 1 for 30 s (override with
 * {@code -Ddomus.flood.seconds}). Every acknowledged message is stored exactly once, no publisher waits more than
 * 10 s for an acknowledgement, and the broker serves a new client normally within 5 s after.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class BrokerFloodIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerFloodIT.class);
    private static final int PUBLISHERS = 100;
    private static final int DEVICES_PER_PUBLISHER = 10;
    private static final int WINDOW = 100;

    @TempDir
    Path dataDir;

    @Test
    void storesEveryAcknowledgedMessageOnceAndStallsNoPublisher() {
        int seconds = Integer.getInteger("domus.flood.seconds", 30);
        try (TestCore core = TestCore.start(dataDir)) {
            List<Publisher> publishers = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                publishers.add(new Publisher(p, core.houseClient("flood-" + p)));
            }
            AtomicBoolean flooding = new AtomicBoolean(true);
            List<Thread> threads = publishers.stream()
                    .map(p -> Thread.ofPlatform().name("flood-" + p.index).start(() -> p.run(flooding))).toList();
            long longestStallMillis = watchStalls(publishers, Duration.ofSeconds(seconds));
            flooding.set(false);
            for (Thread thread : threads) {
                join(thread);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> publishers.stream().allMatch(Publisher::settled));

            long acknowledgedTotal = publishers.stream().mapToLong(p -> p.acknowledged.size()).sum();
            LOG.info("flood: {} publishers, {} s, {} acknowledged ({} msg/s), longest stall {} ms, read pauses {}",
                    PUBLISHERS, seconds, acknowledgedTotal, acknowledgedTotal / Math.max(1, seconds),
                    longestStallMillis, core.core().broker().metrics());
            assertTrue(longestStallMillis < 10_000, "a publisher waited " + longestStallMillis + " ms for an ack");

            // The broker serves normally within 5 s.
            List<String> received = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                Mqtt3AsyncClient fresh = core.houseClient(null);
                fresh.subscribeWith().topicFilter("domus/demo/after/#").qos(MqttQos.AT_LEAST_ONCE)
                        .callback(m -> received.add(m.getTopic().toString())).send().orTimeout(5, TimeUnit.SECONDS).join();
                fresh.publishWith().topic("domus/demo/after/probe/value").qos(MqttQos.AT_LEAST_ONCE)
                        .payload("1".getBytes(StandardCharsets.UTF_8)).send().orTimeout(5, TimeUnit.SECONDS).join();
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());

            for (Publisher publisher : publishers) {
                Map<String, Integer> stored = new HashMap<>();
                for (int d = 0; d < DEVICES_PER_PUBLISHER; d++) {
                    core.core().store().history().streamReadings(series(publisher.index, d), null, null,
                            (Instant ts, String value) -> stored.merge(value, 1, Integer::sum));
                }
                for (String value : publisher.acknowledged) {
                    assertEquals(1, stored.getOrDefault(value, 0), "acknowledged message " + value);
                }
                assertTrue(stored.values().stream().allMatch(count -> count == 1), "a message was stored twice");
            }
        }
    }

    /** Samples every publisher's time since its last acknowledgement for the duration; returns the longest. */
    private static long watchStalls(List<Publisher> publishers, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong longest = new AtomicLong();
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            for (Publisher publisher : publishers) {
                if (publisher.inFlight() > 0) {
                    longest.accumulateAndGet((now - publisher.lastAckNanos.get()) / 1_000_000, Math::max);
                }
            }
            await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        }
        return longest.get();
    }

    private static SeriesPath series(int publisher, int device) {
        return new SeriesPath("demo", "flood", "dev-" + publisher + "-" + device, "counter");
    }

    private static void join(Thread thread) {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Publisher {
        final int index;
        final Mqtt3AsyncClient client;
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final Semaphore window = new Semaphore(WINDOW);
        final AtomicLong lastAckNanos = new AtomicLong(System.nanoTime());

        Publisher(int index, Mqtt3AsyncClient client) {
            this.index = index;
            this.client = client;
        }

        int inFlight() {
            return WINDOW - window.availablePermits();
        }

        boolean settled() {
            return inFlight() == 0;
        }

        void run(AtomicBoolean flooding) {
            long sequence = 0;
            lastAckNanos.set(System.nanoTime());
            while (flooding.get()) {
                try {
                    if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                String value = Long.toString(index * 1_000_000_000L + sequence);
                SeriesPath target = series(index, (int) (sequence++ % DEVICES_PER_PUBLISHER));
                client.publishWith().topic(target.topic()).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(value.getBytes(StandardCharsets.UTF_8)).send()
                        .whenComplete((ack, error) -> {
                            if (error == null) {
                                acknowledged.add(value);
                                lastAckNanos.set(System.nanoTime());
                            }
                            window.release();
                        });
            }
        }
    }
}
