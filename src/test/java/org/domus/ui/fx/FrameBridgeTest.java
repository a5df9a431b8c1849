package org.domus.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrameBridgeTest {

    /** Stands in for Platform.runLater: collects the scheduled drains; the test runs them as the FX thread would. */
    private final Queue<Runnable> scheduled = new ArrayDeque<>();
    private final FrameBridge bridge = new FrameBridge(scheduled::add);

    @Test
    void coalescesAFloodIntoOnePendingBatchWithTheLatestValuePerKey() {
        List<Map<String, Integer>> batches = new ArrayList<>();
        FrameBridge.Channel<String, Integer> channel = bridge.channel(batches::add);

        for (int i = 0; i < 10_000; i++) {
            channel.publish("sensor-" + (i % 3), i);
        }

        assertEquals(1, scheduled.size(), "at most one drain is pending");
        scheduled.poll().run();
        assertEquals(List.of(Map.of("sensor-0", 9999, "sensor-1", 9997, "sensor-2", 9998)), batches);
    }

    @Test
    void schedulesTheNextBatchOnlyAfterTheLastOneRan() {
        List<Map<String, Integer>> batches = new ArrayList<>();
        FrameBridge.Channel<String, Integer> channel = bridge.channel(batches::add);

        channel.publish("a", 1);
        scheduled.poll().run();
        channel.publish("a", 2);
        channel.publish("b", 3);

        assertEquals(1, scheduled.size());
        scheduled.poll().run();
        assertEquals(List.of(Map.of("a", 1), Map.of("a", 2, "b", 3)), batches);
    }

    @Test
    void runsTasksInOrderBeforeValuesInTheSameBatch() {
        List<String> seen = new ArrayList<>();
        FrameBridge.Channel<String, Integer> channel = bridge.channel(batch -> seen.add("values " + batch));

        channel.publish("a", 1);
        bridge.execute(() -> seen.add("task 1"));
        bridge.execute(() -> seen.add("task 2"));

        assertEquals(1, scheduled.size());
        scheduled.poll().run();
        assertEquals(List.of("task 1", "task 2", "values {a=1}"), seen);
    }

    @Test
    void aFailingTaskDoesNotStopTheBatch() {
        List<String> seen = new ArrayList<>();
        bridge.execute(() -> {
            throw new IllegalStateException("boom");
        });
        bridge.execute(() -> seen.add("after"));

        scheduled.poll().run();
        assertEquals(List.of("after"), seen);
    }

    @Test
    void losesNothingWhenManyThreadsPublishWhileBatchesRun() throws InterruptedException {
        Map<Integer, Integer> latest = new HashMap<>();
        // A real "FX thread": one thread running each scheduled drain.
        ExecutorService fx = Executors.newSingleThreadExecutor();
        FrameBridge threaded = new FrameBridge(fx);
        FrameBridge.Channel<Integer, Integer> channel = threaded.channel(latest::putAll);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            int key = t;
            senders.execute(() -> {
                for (int i = 1; i <= 50_000; i++) {
                    channel.publish(key, i);
                }
                done.countDown();
            });
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        senders.shutdown();
        // Everything published before this task was queued is applied by the time it runs.
        CountDownLatch flushed = new CountDownLatch(1);
        threaded.execute(flushed::countDown);
        assertTrue(flushed.await(10, TimeUnit.SECONDS));
        fx.shutdown();
        assertTrue(fx.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(Map.of(0, 50_000, 1, 50_000, 2, 50_000, 3, 50_000), latest);
    }
}
