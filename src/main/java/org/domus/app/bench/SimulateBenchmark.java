package org.domus.app.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.domus.app.DomusConfig;
import org.domus.app.DomusCore;

/**
 * {@code domus bench simulate}: {@code domus simulate --scale 10000 --rate 5000} against the embedded broker of a
 * real Domus core (demo mode, loopback, a temporary data folder). The simulator runs in a child JVM, as a user runs
 * it: its CPU is then exactly the child's CPU time (read from the OS), not mixed with the broker's, and its 10,000
 * sockets do not share one process's file limit with the broker's 10,000. Reports the achieved rate and the
 * simulator's CPU over a steady window after the connect storm, its heap, and the storm's duration (first CONNECT
 * to the last device's CONNACK); median of the runs.
 */
public final class SimulateBenchmark {

    private static final Pattern SENT = Pattern.compile(" sent=(\\d+) ");
    private static final Pattern CONNECTED = Pattern.compile("connected=(\\d+)/(\\d+)");
    private static final Pattern CONNECT_MS = Pattern.compile("connect_ms=(\\d+)");
    private static final Pattern HEAP = Pattern.compile("heap_mb=(\\d+)");
    private static final Duration STORM_LIMIT = Duration.ofMinutes(5);

    /** One run's figures. */
    record Result(double rate, double cpuCores, long heapMb, long connectMs, long failed) {
    }

    private final int devices;
    private final double rate;
    private final int seconds;
    private final int warmupSeconds;
    private final int runs;
    private final int connectConcurrency;
    private final PrintWriter out;

    public SimulateBenchmark(int devices, double rate, int seconds, int warmupSeconds, int runs, int connectConcurrency,
                             PrintWriter out) {
        this.devices = devices;
        this.rate = rate;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.runs = runs;
        this.connectConcurrency = connectConcurrency;
        this.out = out;
    }

    /** Runs the benchmark; returns 0, or 1 when no run produced figures. */
    public int run() throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "simulate benchmark: %,d devices at %,.0f msg/s (QoS 1), %d s measured after the connect storm"
                + " and %d s warm-up, %d runs, %d connects at once%n", devices, rate, seconds, warmupSeconds, runs,
                connectConcurrency);
        out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s, load average at start: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.version(), loadAverage());
        out.flush();
        List<Result> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            try {
                Result result = measure(run);
                results.add(result);
                out.printf(Locale.ROOT, "run %d  rate=%.1f msg/s  cpu=%.2f cores  heap=%d MB  connect_storm=%d ms  failed=%d"
                        + "  (load average %s)%n", run, result.rate(), result.cpuCores(), result.heapMb(),
                        result.connectMs(), result.failed(), loadAverage());
            } catch (IOException | RuntimeException e) {
                out.printf(Locale.ROOT, "run %d  FAILED: %s%n", run, e.getMessage());
            }
            out.flush();
        }
        if (results.isEmpty()) {
            return 1;
        }
        double medianRate = median(results, Result::rate);
        double medianCpu = median(results, Result::cpuCores);
        double medianHeap = median(results, r -> r.heapMb());
        double medianConnect = median(results, r -> r.connectMs());
        out.println();
        out.printf(Locale.ROOT, "medians of %d runs: %.1f msg/s (asked %.0f), %.2f cores of CPU for the simulator,"
                + " heap %.0f MB, connect storm %.1f s%n", results.size(), medianRate, rate, medianCpu, medianHeap,
                medianConnect / 1000);
        out.printf(Locale.ROOT, "rate=%.1f cpu_cores=%.2f heap_mb=%.0f connect_ms=%.0f%n", medianRate, medianCpu,
                medianHeap, medianConnect);
        out.flush();
        return 0;
    }

    private Result measure(int run) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("domus-bench-sim-");
        DomusConfig config = new DomusConfig(data, "127.0.0.1", 0, true, DomusConfig.DEFAULT_MAX_PAYLOAD_BYTES, 0);
        try (DomusCore core = DomusCore.start(config)) {
            Process child = startSimulator(core.broker().port());
            AtomicLong sent = new AtomicLong();
            AtomicLong connectMs = new AtomicLong(-1);
            AtomicLong heapMb = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            AtomicReference<String> lastLine = new AtomicReference<>("");
            Thread reader = Thread.ofPlatform().daemon().name("bench-simulate-reader").start(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        lastLine.set(line);
                        Matcher m = SENT.matcher(line);
                        if (m.find()) {
                            sent.set(Long.parseLong(m.group(1)));
                        }
                        m = CONNECT_MS.matcher(line);
                        if (m.find()) {
                            connectMs.compareAndSet(-1, Long.parseLong(m.group(1)));
                        }
                        m = HEAP.matcher(line);
                        if (m.find()) {
                            heapMb.accumulateAndGet(Long.parseLong(m.group(1)), Math::max);
                        }
                        m = Pattern.compile("failed=(\\d+)").matcher(line);
                        if (m.find()) {
                            failed.set(Long.parseLong(m.group(1)));
                        }
                    }
                } catch (IOException e) {
                    // the child has gone
                }
            });
            try {
                long deadline = System.nanoTime() + STORM_LIMIT.toNanos();
                while (connectMs.get() < 0) {
                    if (!child.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the devices did not all connect within " + STORM_LIMIT.toMinutes()
                                + " min (last output: " + lastLine.get() + ")");
                    }
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                out.printf(Locale.ROOT, "run %d  %,d devices connected in %.1f s%n", run, devices, connectMs.get() / 1000.0);
                out.flush();
                TimeUnit.SECONDS.sleep(warmupSeconds);
                // The child prints every second: its counters lag by up to a second, equally at both ends.
                long sent0 = sent.get();
                long cpu0 = cpuNanos(child);
                long t0 = System.nanoTime();
                TimeUnit.SECONDS.sleep(seconds);
                long sent1 = sent.get();
                long cpu1 = cpuNanos(child);
                long t1 = System.nanoTime();
                double wall = (t1 - t0) / 1e9;
                return new Result((sent1 - sent0) / wall, (cpu1 - cpu0) / 1e9 / wall, heapMb.get(), connectMs.get(),
                        failed.get());
            } finally {
                child.destroy();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
                reader.join(Duration.ofSeconds(5));
            }
        } finally {
            IngestBenchmark.deleteRecursively(data);
        }
    }

    private Process startSimulator(int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = List.of(java, "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.domus.app.Launcher", "simulate",
                "--broker", "mqtt://127.0.0.1:" + port, "--scale", Integer.toString(devices),
                "--rate", Double.toString(rate), "--duration", "1h", "--progress", "1s",
                "--connect-concurrency", Integer.toString(connectConcurrency), "--seed", "1");
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static long cpuNanos(Process process) {
        return process.info().totalCpuDuration().map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("this OS does not report a child's CPU time"));
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static double median(List<Result> results, ToDoubleFunction<Result> figure) {
        double[] values = results.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
