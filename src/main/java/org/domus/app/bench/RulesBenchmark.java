package org.domus.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.domus.app.DomusConfig;
import org.domus.app.DomusCore;
import org.domus.model.InboundMessage;
import org.domus.model.SeriesPath;
import org.domus.model.Severity;
import org.domus.rules.Outcome;
import org.domus.rules.Rule;
import org.domus.rules.RuleAction;
import org.domus.rules.RuleCodec;
import org.domus.rules.Trigger;
import org.domus.sim.LoadGenerator;

/**
 * Rule evaluation under ingest load, side by side: the same paced QoS 1 load through the embedded broker and
 * durable ingest, once with no rules and once with {@code rules} enabled threshold rules watching the loaded
 * series. CPU is the core's threads only (the load generator's publisher and client threads run in this JVM and
 * are left out). The delay is from a threshold-crossing message entering ingest to its alert being committed,
 * for probe messages injected beside the load. Medians of the runs.
 */
final class RulesBenchmark {

    private static final int PROBES = 10;
    private static final Duration PROBE_EVERY = Duration.ofMillis(100);

    private final int rules;
    private final double rate;
    private final int seconds;
    private final int warmup;
    private final int runs;
    private final PrintWriter out;

    RulesBenchmark(int rules, double rate, int seconds, int warmup, int runs, PrintWriter out) {
        if (rules < PROBES || rate <= 0 || seconds < 1 || warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("needs at least " + PROBES + " rules, a positive rate, 1 s and 1 run");
        }
        this.rules = rules;
        this.rate = rate;
        this.seconds = seconds;
        this.warmup = warmup;
        this.runs = runs;
        this.out = out;
    }

    private record Result(double coreCpu, double rulesThreadCpu, double storedRate, long[] delaysNanos) {
    }

    int run() throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "rules benchmark: %d enabled threshold rules at %.0f msg/s (QoS 1, 1,000 series), %d s"
                + " measured after %d s warm-up, %d runs; machine: %d cores, load average %s%n", rules, rate, seconds,
                warmup, runs, Runtime.getRuntime().availableProcessors(), loadAverage());
        out.flush();
        List<double[]> figures = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Result alone = measure(0);
            Result withRules = measure(rules);
            long[] delays = withRules.delaysNanos().clone();
            Arrays.sort(delays);
            double p50 = delays.length == 0 ? Double.NaN : delays[delays.length / 2] / 1e6;
            double p99 = delays.length == 0 ? Double.NaN
                    : delays[(int) Math.min(delays.length - 1, Math.ceil(0.99 * delays.length) - 1)] / 1e6;
            double ratio = withRules.coreCpu() / alone.coreCpu();
            // Per stored message too: a scenario that stored a backlog from its warm-up did more work.
            double perMessage = (withRules.coreCpu() / withRules.storedRate()) / (alone.coreCpu() / alone.storedRate());
            figures.add(new double[] {ratio, p99, withRules.coreCpu(), alone.coreCpu(), withRules.rulesThreadCpu(), p50,
                withRules.storedRate(), perMessage});
            out.printf(Locale.ROOT, "run %d: ingest alone %.3f cores (%.0f msg/s stored) | with rules %.3f cores (%.0f msg/s"
                    + " stored; rules thread %.3f cores) | cpu ratio %.3f (per message %.3f) | crossing to alert p50 %.1f ms p99 %.1f ms"
                    + " (%d probes) | load average %s%n", run, alone.coreCpu(), alone.storedRate(), withRules.coreCpu(),
                    withRules.storedRate(), withRules.rulesThreadCpu(), ratio, perMessage, p50, p99, delays.length, loadAverage());
            out.flush();
        }
        double ratio = median(figures, 0);
        double p99 = median(figures, 1);
        out.printf(Locale.ROOT, "medians of %d runs: cpu with rules / ingest alone = %.3f (+%.1f %%), rules thread %.3f"
                + " cores, crossing to alert p50 %.1f ms p99 %.1f ms%n", runs, ratio, (ratio - 1) * 100,
                median(figures, 4), median(figures, 5), p99);
        out.printf(Locale.ROOT, "cpu_ratio=%.3f overhead_pct=%.1f cpu_per_msg_ratio=%.3f p99_alert_ms=%.1f rules=%d"
                + " rate=%.0f%n", ratio, (ratio - 1) * 100, median(figures, 7), p99, rules, median(figures, 6));
        out.flush();
        return 0;
    }

    private Result measure(int ruleCount) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("domus-bench-rules-");
        try (DomusCore core = DomusCore.start(new DomusConfig(data, "127.0.0.1", 0, true,
                DomusConfig.DEFAULT_MAX_PAYLOAD_BYTES, 0))) {
            Map<String, Long> probeSent = new ConcurrentHashMap<>();
            List<Long> delays = new CopyOnWriteArrayList<>();
            if (ruleCount > 0) {
                addRules(core, ruleCount);
                core.rules().engine().addListener(outcome -> {
                    if (outcome instanceof Outcome.Fired fired && fired.subject().startsWith("demo/probe/")) {
                        Long sent = probeSent.remove(fired.subject());
                        if (sent != null) {
                            delays.add(System.nanoTime() - sent);
                        }
                    }
                });
            }
            LoadGenerator load = new LoadGenerator(new LoadGenerator.Target("127.0.0.1", core.broker().port(), null,
                    null, DomusCore.DEMO_HOUSE), new LoadGenerator.Load(4, 1000, 1, 100));
            try (load) {
                load.connect();
                load.pace(rate);
                load.start();
                TimeUnit.SECONDS.sleep(warmup);
                Map<Long, Long> cpu0 = coreThreadCpu();
                long rules0 = rulesThreadCpu();
                long stored0 = core.ingest().metrics().stored();
                long t0 = System.nanoTime();
                long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
                int probe = 0;
                boolean high = true;
                while (System.nanoTime() < end) {
                    String series = "demo/probe/p-" + probe + "/value";
                    if (high) {
                        probeSent.put(series, System.nanoTime());
                    }
                    core.ingest().accept(new InboundMessage("bench-probe", DomusCore.DEMO_HOUSE, "domus/" + series,
                            (high ? "100" : "0").getBytes(StandardCharsets.US_ASCII), 0, false, 0, false, Instant.now()),
                            outcome -> { });
                    if (!high) {
                        probe = (probe + 1) % PROBES;
                    }
                    high = !high;
                    TimeUnit.NANOSECONDS.sleep(PROBE_EVERY.toNanos());
                }
                long t1 = System.nanoTime();
                double wall = (t1 - t0) / 1e9;
                double cpu = sumDelta(cpu0, coreThreadCpu()) / 1e9 / wall;
                double rulesCpu = (rulesThreadCpu() - rules0) / 1e9 / wall;
                double stored = (core.ingest().metrics().stored() - stored0) / wall;
                load.stop();
                return new Result(cpu, rulesCpu, stored, delays.stream().mapToLong(Long::longValue).toArray());
            }
        } finally {
            IngestBenchmark.deleteRecursively(data);
        }
    }

    /** Threshold rules on the loaded series that never fire, and {@value #PROBES} on the probe series that do. */
    private static void addRules(DomusCore core, int count) {
        Instant now = Instant.now();
        List<RuleAction> alert = List.of(new RuleAction.RaiseAlert(Severity.WARNING, ""));
        for (int i = 0; i < count; i++) {
            boolean isProbe = i < PROBES;
            SeriesPath series = SeriesPath.parse(isProbe ? "demo/probe/p-" + i + "/value" : "demo/load/dev-" + (i % 1000)
                    + "/value");
            Rule rule = new Rule(0, "bench " + i, DomusCore.DEMO_HOUSE, true, new Trigger.Threshold(series,
                    Trigger.Direction.ABOVE, isProbe ? 50 : 1e15, 1, Duration.ZERO), List.of(), alert);
            core.store().rules().save(RuleCodec.toStored(rule, now));
        }
        core.rules().engine().reload().join();
    }

    /** CPU nanoseconds per live thread of the core (not the load generator's threads). */
    private static Map<Long, Long> coreThreadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null || info.getThreadName().startsWith("load-")
                    || info.getThreadName().startsWith("com.hivemq.client")) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos >= 0) {
                cpu.put(info.getThreadId(), nanos);
            }
        }
        return cpu;
    }

    private static long rulesThreadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals("domus-rules")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long sumDelta(Map<Long, Long> before, Map<Long, Long> after) {
        long total = 0;
        for (Map.Entry<Long, Long> entry : after.entrySet()) {
            total += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
        }
        return total;
    }

    private static double median(List<double[]> figures, int index) {
        double[] values = figures.stream().mapToDouble(f -> f[index]).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
