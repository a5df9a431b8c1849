package org.domus.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import org.domus.app.DomusConfig;
import org.domus.app.DomusCore;
import org.domus.broker.BareMoquette;
import org.domus.command.CommandService;
import org.domus.command.CommandStages;
import org.domus.command.SendOptions;
import org.domus.model.AttributeKind;
import org.domus.model.BrokerUrl;
import org.domus.model.Command;
import org.domus.model.CommandState;
import org.domus.model.DeviceAddress;
import org.domus.model.House;
import org.domus.model.Room;
import org.domus.model.SeriesPath;
import org.domus.sim.EchoingDevice;
import org.domus.sim.MqttClients;
import org.domus.sim.RoundTripProbe;

/**
 * Command round trip, one command at a time: {@code send} to <em>confirmed</em> through Domus (validation, outbox,
 * publish, the device's echo through durable ingest, matching), against the same echoing device behind a bare
 * Moquette answering a bare publish/echo from the same client library, QoS and payload. In each run both are up at
 * once and measured in alternating blocks, so that noise on a shared machine hits both alike. Medians of the runs'
 * percentiles; with {@code breakdown}, the p50/p99 of every stage of the path too.
 */
final class CommandsBenchmark {

    private static final SeriesPath LEVEL = SeriesPath.parse("demo/bench/echo/level");
    private static final String SET_FILTER = "domus/demo/bench/echo/+/set";
    /** Round trips of one side before switching to the other. */
    private static final int BLOCK = 250;

    // Stage slots, Domus side: send() called, the stages of CommandStages, the device's two, the caller awake.
    private static final int D_SEND = 0;
    private static final int D_TAKEN = 1;
    private static final int D_OUTBOX = 2;
    private static final int D_HANDED = 3;
    private static final int D_DEVICE_GOT = 4;
    private static final int D_DEVICE_SENT = 5;
    private static final int D_ANSWER = 6;
    private static final int D_CONFIRMED = 7;
    private static final int D_WOKE = 8;
    private static final String[] DOMUS_STAGES = {"send -> command service took it", "took it -> outbox committed",
        "outbox committed -> handed to broker", "handed to broker -> device got it", "device got it -> echo sent",
        "echo sent -> answer committed", "answer committed -> confirmed", "confirmed -> caller awake"};
    // Bare side.
    private static final int B_SEND = 0;
    private static final int B_DEVICE_GOT = 1;
    private static final int B_DEVICE_SENT = 2;
    private static final int B_ECHO = 3;
    private static final int B_WOKE = 4;
    private static final String[] BARE_STAGES = {"publish -> device got it", "device got it -> echo sent",
        "echo sent -> probe got it", "probe got it -> caller awake"};

    private final int commands;
    private final int warmup;
    private final int runs;
    private final boolean breakdown;
    private final PrintWriter out;

    CommandsBenchmark(int commands, int warmup, int runs, boolean breakdown, PrintWriter out) {
        if (commands < 100 || warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("needs at least 100 commands, a warm-up of 0 or more and 1 run");
        }
        this.commands = commands;
        this.warmup = warmup;
        this.runs = runs;
        this.breakdown = breakdown;
        this.out = out;
    }

    /** Per run: p50, p99 and max in microseconds. */
    private record Percentiles(long p50, long p99, long max) {
        static Percentiles of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Percentiles(at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1] / 1000);
        }

        private static long at(long[] sorted, double fraction) {
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] / 1000;
        }
    }

    /**
     * The stamps of the round trip in flight (one at a time), written by whichever thread reaches a stage, and
     * the stamps of every measured round trip.
     */
    private static final class Stamps {
        final AtomicLongArray current;
        final long[][] kept;
        /** CPU time of the process's Java threads (not the JIT, not GC) while this side's measured blocks ran. */
        long cpuNanos;
        /** The same, by thread (names without their numbers). */
        final java.util.Map<String, Long> cpuByThread = new java.util.TreeMap<>();

        Stamps(int slots, int commands) {
            current = new AtomicLongArray(slots);
            kept = new long[commands][];
        }

        void mark(int slot, long nanos) {
            current.set(slot, nanos);
        }

        void keep(int index) {
            long[] copy = new long[current.length()];
            for (int i = 0; i < copy.length; i++) {
                copy[i] = current.get(i);
                current.set(i, 0);
            }
            if (index >= 0) {
                kept[index] = copy;
            }
        }

        long[] total(int from, int to) {
            long[] nanos = new long[kept.length];
            for (int i = 0; i < kept.length; i++) {
                nanos[i] = kept[i][to] - kept[i][from];
            }
            return nanos;
        }
    }

    int run() throws IOException {
        out.printf(Locale.ROOT, "%d commands one at a time per side, %d warm-up, %d run(s), sides alternating every %d;"
                + " times in ms%n", commands, warmup, runs, BLOCK);
        List<Percentiles> domus = new ArrayList<>();
        List<Percentiles> bare = new ArrayList<>();
        List<Stamps> domusStamps = new ArrayList<>();
        List<Stamps> bareStamps = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Stamps ours = new Stamps(D_WOKE + 1, commands);
            Stamps baseline = new Stamps(B_WOKE + 1, commands);
            try {
                measure(ours, baseline);
            } catch (java.util.concurrent.CompletionException e) {
                // Bare Moquette now and then closes a fresh connection before its SUBSCRIBE (seen once).
                out.printf(Locale.ROOT, "  (a client's connection was dropped while setting up: %s; trying once more)%n",
                        e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                measure(ours, baseline);
            }
            Percentiles o = Percentiles.of(ours.total(D_SEND, D_WOKE));
            Percentiles b = Percentiles.of(baseline.total(B_SEND, B_WOKE));
            domus.add(o);
            bare.add(b);
            domusStamps.add(ours);
            bareStamps.add(baseline);
            out.printf(Locale.ROOT, "run %d: domus p50=%.3f p99=%.3f max=%.3f | bare p50=%.3f p99=%.3f max=%.3f%n", run,
                    ms(o.p50()), ms(o.p99()), ms(o.max()), ms(b.p50()), ms(b.p99()), ms(b.max()));
            out.flush();
        }
        if (breakdown) {
            printBreakdown("domus", DOMUS_STAGES, domusStamps);
            printBreakdown("bare", BARE_STAGES, bareStamps);
            long domusCpu = median(domusStamps.stream().mapToLong(st -> st.cpuNanos / commands).toArray());
            long bareCpu = median(bareStamps.stream().mapToLong(st -> st.cpuNanos / commands).toArray());
            out.printf(Locale.ROOT, "CPU per round trip (Java threads, no JIT or GC, while each side ran; median of"
                    + " runs): domus %.1f us, bare %.1f us (%.2fx)%n", domusCpu / 1e3, bareCpu / 1e3,
                    (double) domusCpu / bareCpu);
            printThreads("domus", domusStamps.getLast());
            printThreads("bare", bareStamps.getLast());
        }
        double p50 = ms(median(domus.stream().mapToLong(Percentiles::p50).toArray()));
        double p99 = ms(median(domus.stream().mapToLong(Percentiles::p99).toArray()));
        double bareP50 = ms(median(bare.stream().mapToLong(Percentiles::p50).toArray()));
        double bareP99 = ms(median(bare.stream().mapToLong(Percentiles::p99).toArray()));
        out.printf(Locale.ROOT, "p50_ms=%.3f p99_ms=%.3f bare_p50_ms=%.3f bare_p99_ms=%.3f ratio_p50=%.2f ratio_p99=%.2f%n",
                p50, p99, bareP50, bareP99, p50 / bareP50, p99 / bareP99);
        out.flush();
        return 0;
    }

    /** One run: Domus and the bare baseline both up, measured in alternating blocks after a warm-up of each. */
    private void measure(Stamps ours, Stamps baseline) throws IOException {
        Path data = Files.createTempDirectory("domus-bench-commands-");
        Path bareData = Files.createTempDirectory("domus-bench-bare-");
        try (DomusCore core = DomusCore.start(new DomusConfig(data, "127.0.0.1", 0, true,
                DomusConfig.DEFAULT_MAX_PAYLOAD_BYTES, 0));
             BareMoquette moquette = new BareMoquette(bareData)) {
            House house = core.store().houses().findHouse(DomusCore.DEMO_HOUSE).orElseThrow();
            Room room = core.store().houses().ensureRoom(house.id(), null, "bench", "Bench");
            DeviceAddress device = LEVEL.deviceAddress();
            core.store().houses().ensureDevice(device, room.id(), "Echo", "bench");
            core.store().houses().ensureAttribute(LEVEL, AttributeKind.NUMERIC, "", true, 0.0, 1e9, null);
            CommandService service = core.commands();
            if (breakdown) {
                service.timeStages((trace, stage, nanos) -> ours.mark(domusSlot(stage), nanos));
            }
            MqttClients domusClients = new MqttClients(BrokerUrl.plain("127.0.0.1", core.broker().port()), null, 1);
            MqttClients bareClients = new MqttClients(BrokerUrl.plain("127.0.0.1", moquette.port()), null, 1);
            try (EchoingDevice echo = new EchoingDevice(domusClients, "bench-echo", SET_FILTER,
                         breakdown ? observer(ours, D_DEVICE_GOT, D_DEVICE_SENT) : EchoingDevice.Observer.NONE);
                 EchoingDevice bareEcho = new EchoingDevice(bareClients, "bare-echo", SET_FILTER,
                         breakdown ? observer(baseline, B_DEVICE_GOT, B_DEVICE_SENT) : EchoingDevice.Observer.NONE);
                 RoundTripProbe probe = new RoundTripProbe(bareClients, "bare-probe", LEVEL.topic())) {
                SendOptions options = SendOptions.from("bench");
                for (int i = -warmup; i < 0; i++) {
                    viaDomus(service, options, ours, i);
                }
                for (int i = -warmup; i < 0; i++) {
                    viaBare(probe, baseline, i);
                }
                for (int start = 0; start < commands; start += BLOCK) {
                    int end = Math.min(commands, start + BLOCK);
                    boolean domusFirst = (start / BLOCK) % 2 == 0;
                    for (int side = 0; side < 2; side++) {
                        boolean domusNow = domusFirst == (side == 0);
                        java.util.Map<Long, Long> cpu = threadCpu();
                        for (int i = start; i < end; i++) {
                            if (domusNow) {
                                viaDomus(service, options, ours, i);
                            } else {
                                viaBare(probe, baseline, i);
                            }
                        }
                        addCpu(domusNow ? ours : baseline, cpu);
                    }
                }
            } finally {
                service.timeStages(CommandStages.NONE);
            }
        } finally {
            IngestBenchmark.deleteRecursively(data);
            IngestBenchmark.deleteRecursively(bareData);
        }
    }

    private static void viaDomus(CommandService service, SendOptions options, Stamps stamps, int i) {
        long started = System.nanoTime();
        var sent = service.send(LEVEL, Integer.toString(Math.floorMod(i, 1000)), options);
        Command outcome = await(sent.outcome());
        long woke = System.nanoTime();
        if (outcome.state() != CommandState.CONFIRMED) {
            throw new IllegalStateException("command " + i + " ended " + outcome.state().label() + ": "
                    + outcome.reason());
        }
        stamps.mark(D_SEND, started);
        stamps.mark(D_WOKE, woke);
        stamps.keep(i);
    }

    private static void viaBare(RoundTripProbe probe, Stamps stamps, int i) {
        long started = System.nanoTime();
        long echoed = probe.roundTrip(LEVEL.topic(), Integer.toString(Math.floorMod(i, 1000)));
        long woke = System.nanoTime();
        stamps.mark(B_SEND, started);
        stamps.mark(B_ECHO, echoed);
        stamps.mark(B_WOKE, woke);
        stamps.keep(i);
    }

    /** A timed wait of this thread, as the probe does (orTimeout would wake a timer thread every round trip). */
    private static Command await(java.util.concurrent.CompletableFuture<Command> outcome) {
        try {
            return outcome.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a command had no outcome within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static EchoingDevice.Observer observer(Stamps stamps, int got, int sent) {
        return (received, answered) -> {
            stamps.mark(got, received);
            stamps.mark(sent, answered);
        };
    }

    private static int domusSlot(CommandStages.Stage stage) {
        return switch (stage) {
            case TAKEN -> D_TAKEN;
            case OUTBOX_COMMITTED -> D_OUTBOX;
            case HANDED_TO_BROKER -> D_HANDED;
            case ANSWER_COMMITTED -> D_ANSWER;
            case CONFIRMED -> D_CONFIRMED;
        };
    }

    /** The threads that used most CPU on one side in the last run, per round trip. */
    private void printThreads(String side, Stamps stamps) {
        StringBuilder line = new StringBuilder("  " + side + " threads (us per round trip, last run):");
        stamps.cpuByThread.entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> line.append(String.format(Locale.ROOT, " %s %.1f,", e.getKey(),
                        e.getValue() / 1e3 / commands)));
        line.setLength(line.length() - 1);
        out.println(line);
    }

    /** Per stage: the median over the runs of its p50 and p99 (each stage's own percentiles, so they do not add up). */
    private void printBreakdown(String side, String[] names, List<Stamps> perRun) {
        out.printf(Locale.ROOT, "%s by stage (median of runs; p50 / p99 ms):%n", side);
        for (int stage = 0; stage < names.length; stage++) {
            long[] p50s = new long[perRun.size()];
            long[] p99s = new long[perRun.size()];
            for (int run = 0; run < perRun.size(); run++) {
                Percentiles p = Percentiles.of(perRun.get(run).total(stage, stage + 1));
                p50s[run] = p.p50();
                p99s[run] = p.p99();
            }
            out.printf(Locale.ROOT, "  %-40s %7.3f / %7.3f%n", names[stage], ms(median(p50s)), ms(median(p99s)));
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time so far of every live Java thread, by id. */
    private static java.util.Map<Long, Long> threadCpu() {
        java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long nanos = THREADS.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    private static void addCpu(Stamps side, java.util.Map<Long, Long> before) {
        for (var entry : threadCpu().entrySet()) {
            long used = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            var info = THREADS.getThreadInfo(entry.getKey());
            if (used <= 0 || info == null) {
                continue;
            }
            side.cpuNanos += used;
            side.cpuByThread.merge(info.getThreadName().replaceAll("[-#]?[0-9]+", "#"), used, Long::sum);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
