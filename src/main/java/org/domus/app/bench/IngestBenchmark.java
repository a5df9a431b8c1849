package org.domus.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.domus.app.DomusConfig;
import org.domus.app.DomusCore;
import org.domus.broker.BareMoquette;
import org.domus.sim.CountingSubscriber;
import org.domus.sim.LoadGenerator;

/**
 * {@code domus bench ingest}: messages per second stored durably by Domus, side by side with two baselines
 * driven by the same load generator in the same run: Debian's Mosquitto and bare Moquette, each delivering to one
 * plain subscriber with no storage. Loopback only, temporary data folders.
 */
public final class IngestBenchmark {

    /** What one measurement produced. */
    record Result(String broker, int qos, double perSecond, long acknowledged, long delivered, long lost) {
    }

    /** The brokers compared; {@code --only} picks some, e.g. to profile Domus alone. */
    public enum Broker { MOSQUITTO, MOQUETTE, DOMUS }

    private final int publishers;
    private final int devices;
    private final int seconds;
    private final int warmupSeconds;
    private final int runs;
    private final int window;
    private final java.util.Set<Broker> brokers;
    private final PrintWriter out;

    public IngestBenchmark(int publishers, int devices, int seconds, int warmupSeconds, int runs, int window,
                           java.util.Set<Broker> brokers, PrintWriter out) {
        this.brokers = java.util.Set.copyOf(brokers);
        this.publishers = publishers;
        this.devices = devices;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.runs = runs;
        this.window = window;
        this.out = out;
    }

    /** Runs every scenario {@code runs} times, prints each and the medians; returns the QoS 1 lost count. */
    public long run() throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "ingest benchmark: %d publishers x %d devices, window %d, %d s measured after %d s warm-up, %d runs%n",
                publishers, devices, window, seconds, warmupSeconds, runs);
        out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version());
        String mosquitto = findMosquitto();
        if (mosquitto == null && brokers.contains(Broker.MOSQUITTO)) {
            out.println("mosquitto not found (apt-get install mosquitto): that baseline is skipped");
        }
        List<Result> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (int qos : new int[] {0, 1}) {
                for (Broker broker : Broker.values()) {
                    if (!brokers.contains(broker) || broker == Broker.MOSQUITTO && mosquitto == null) {
                        continue;
                    }
                    Result result;
                    try {
                        result = measure(broker, qos, mosquitto);
                    } catch (RuntimeException e) {
                        // One failed scenario (a baseline broker crashing, say) must not lose the others.
                        out.printf(Locale.ROOT, "run %d  %-9s QoS %d  FAILED: %s at %s%n", run,
                                broker.name().toLowerCase(Locale.ROOT), qos, e, where(e));
                        continue;
                    }
                    results.add(result);
                    out.printf(Locale.ROOT, "run %d  %-9s QoS %d  %,10.0f msg/s  acknowledged=%d delivered=%d lost=%d%n",
                            run, result.broker(), qos, result.perSecond(), result.acknowledged(), result.delivered(),
                            result.lost());
                    out.flush();
                }
            }
        }
        out.println();
        out.println("medians:");
        long lostQos1 = 0;
        double[][] median = new double[3][2];
        for (Broker broker : Broker.values()) {
            for (int qos : new int[] {0, 1}) {
                List<Result> matching = results.stream()
                        .filter(r -> r.broker().equals(broker.name().toLowerCase(Locale.ROOT)) && r.qos() == qos).toList();
                if (matching.isEmpty()) {
                    continue;
                }
                median[broker.ordinal()][qos] = median(matching);
                long lost = matching.stream().mapToLong(Result::lost).sum();
                if (broker == Broker.DOMUS && qos == 1) {
                    lostQos1 = lost;
                }
                out.printf(Locale.ROOT, "  %-9s QoS %d  %,10.0f msg/s  (lost over all runs: %d)%n",
                        broker.name().toLowerCase(Locale.ROOT), qos, median[broker.ordinal()][qos], lost);
            }
        }
        double domus = median[Broker.DOMUS.ordinal()][1];
        double vsMosquitto = median[Broker.MOSQUITTO.ordinal()][1] == 0 ? Double.NaN
                : domus / median[Broker.MOSQUITTO.ordinal()][1];
        double vsMoquette = ratio(domus, median[Broker.MOQUETTE.ordinal()][1]);
        out.printf(Locale.ROOT, "qos0_vs_mosquitto=%.2f qos0_vs_moquette=%.2f%n",
                ratio(median[Broker.DOMUS.ordinal()][0], median[Broker.MOSQUITTO.ordinal()][0]),
                ratio(median[Broker.DOMUS.ordinal()][0], median[Broker.MOQUETTE.ordinal()][0]));
        out.printf(Locale.ROOT, "vs_mosquitto=%.2f vs_moquette=%.2f lost=%d%n", vsMosquitto, vsMoquette, lostQos1);
        out.flush();
        return lostQos1;
    }

    private static String where(Throwable e) {
        return java.util.Arrays.stream(e.getStackTrace()).limit(4).map(StackTraceElement::toString)
                .collect(java.util.stream.Collectors.joining(" < "));
    }

    private static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }

    private static double median(List<Result> results) {
        List<Double> rates = results.stream().map(Result::perSecond).sorted(Comparator.naturalOrder()).toList();
        int middle = rates.size() / 2;
        return rates.size() % 2 == 1 ? rates.get(middle) : (rates.get(middle - 1) + rates.get(middle)) / 2;
    }

    private Result measure(Broker broker, int qos, String mosquitto) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("domus-bench-");
        try {
            return switch (broker) {
                case MOSQUITTO -> measureMosquitto(qos, mosquitto, data);
                case MOQUETTE -> measureMoquette(qos, data);
                case DOMUS -> measureDomus(qos, data);
            };
        } finally {
            deleteRecursively(data);
        }
    }

    private Result measureMosquitto(int qos, String mosquitto, Path data) throws IOException, InterruptedException {
        int port = freePort();
        Path config = data.resolve("mosquitto.conf");
        // max_queued_messages raised: its default (1000) drops QoS 1 messages for a subscriber that falls behind.
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "max_queued_messages 10000000\nlog_type error\n");
        Process process = new ProcessBuilder(mosquitto, "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(data.resolve("mosquitto.log").toFile()).start();
        try {
            awaitListening(port);
            LoadGenerator.Target target = new LoadGenerator.Target("127.0.0.1", port, null, null, "bench");
            try (CountingSubscriber subscriber = new CountingSubscriber(target, "domus/#", qos)) {
                return drive("mosquitto", qos, target, subscriber::received);
            }
        } finally {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private Result measureMoquette(int qos, Path data) throws InterruptedException {
        try (BareMoquette moquette = new BareMoquette(data)) {
            LoadGenerator.Target target = new LoadGenerator.Target("127.0.0.1", moquette.port(), null, null, "bench");
            try (CountingSubscriber subscriber = new CountingSubscriber(target, "domus/#", qos)) {
                return drive("moquette", qos, target, subscriber::received);
            }
        }
    }

    private Result measureDomus(int qos, Path data) throws InterruptedException {
        DomusConfig config = new DomusConfig(data, "127.0.0.1", 0, true, DomusConfig.DEFAULT_MAX_PAYLOAD_BYTES, 0);
        try (DomusCore core = DomusCore.start(config)) {
            LoadGenerator.Target target = new LoadGenerator.Target("127.0.0.1", core.broker().port(), null, null,
                    DomusCore.DEMO_HOUSE);
            return drive("domus", qos, target, () -> core.store().writer().committedReadings());
        }
    }

    /**
     * Publishes flat out for the warm-up and the measured window, then lets everything in flight land. The rate is
     * end to end: what was delivered (stored, for Domus) from the end of the warm-up until the last delivery,
     * over that time, so a broker that acknowledges fast and delivers later is not credited for its backlog.
     */
    private Result drive(String name, int qos, LoadGenerator.Target target, LongSupplier delivered)
            throws InterruptedException {
        try (LoadGenerator generator = new LoadGenerator(target, new LoadGenerator.Load(publishers, devices, qos, window))) {
            generator.connect();
            generator.start();
            TimeUnit.SECONDS.sleep(warmupSeconds);
            long startCount = delivered.getAsLong();
            long startNanos = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            long windowCount = delivered.getAsLong() - startCount;
            generator.stop();
            generator.awaitAnswers(java.time.Duration.ofSeconds(30));
            long acknowledged = generator.acknowledged();
            long[] settled = awaitSettled(delivered, acknowledged);
            long lost = qos == 1 ? Math.max(0, acknowledged - settled[0]) : 0;
            double endToEnd = (settled[0] - startCount) / ((settled[1] - startNanos) / 1e9);
            double duringLoad = windowCount / (seconds * 1.0);
            out.printf(Locale.ROOT, "        %-9s QoS %d  during the load %,.0f msg/s; drained %.1f s after it stopped%n",
                    name, qos, duringLoad, Math.max(0, (settled[1] - startNanos) / 1e9 - seconds));
            return new Result(name, qos, endToEnd, acknowledged, settled[0], lost);
        }
    }

    /**
     * Waits (bounded: 60 s) until the delivered count reaches the acknowledged count or stops moving for 2 s;
     * returns the final count and the time of the last change.
     */
    private static long[] awaitSettled(LongSupplier delivered, long acknowledged) throws InterruptedException {
        long last = delivered.getAsLong();
        long lastChange = System.nanoTime();
        long deadline = lastChange + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && last < acknowledged
                && System.nanoTime() - lastChange < TimeUnit.SECONDS.toNanos(2)) {
            TimeUnit.MILLISECONDS.sleep(20);
            long now = delivered.getAsLong();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        return new long[] {last, lastChange};
    }

    private static String findMosquitto() {
        for (String candidate : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not start listening on port " + port);
    }

    static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
