package org.domus.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.domus.app.DomusConfig;
import org.domus.app.DomusCore;
import org.domus.broker.BareMoquette;
import org.domus.command.CommandService;
import org.domus.command.SendOptions;
import org.domus.model.AttributeKind;
import org.domus.model.BrokerUrl;
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
 * Moquette answering a bare publish/echo from the same client library. Medians of the runs' percentiles.
 */
final class CommandsBenchmark {

    private static final SeriesPath LEVEL = SeriesPath.parse("demo/bench/echo/level");

    private final int commands;
    private final int warmup;
    private final int runs;
    private final PrintWriter out;

    CommandsBenchmark(int commands, int warmup, int runs, PrintWriter out) {
        if (commands < 100 || warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("needs at least 100 commands, a warm-up of 0 or more and 1 run");
        }
        this.commands = commands;
        this.warmup = warmup;
        this.runs = runs;
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

    int run() throws IOException {
        out.printf(Locale.ROOT, "%d commands one at a time, %d warm-up, %d run(s); times in ms%n", commands, warmup, runs);
        List<Percentiles> domus = new ArrayList<>();
        List<Percentiles> bare = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Percentiles ours = measureDomus();
            Percentiles baseline = measureBareRetryingOnce();
            domus.add(ours);
            bare.add(baseline);
            out.printf(Locale.ROOT, "run %d: domus p50=%.3f p99=%.3f max=%.3f | bare p50=%.3f p99=%.3f max=%.3f%n", run,
                    ms(ours.p50()), ms(ours.p99()), ms(ours.max()), ms(baseline.p50()), ms(baseline.p99()),
                    ms(baseline.max()));
            out.flush();
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

    private Percentiles measureDomus() throws IOException {
        Path data = Files.createTempDirectory("domus-bench-commands-");
        try (DomusCore core = DomusCore.start(new DomusConfig(data, "127.0.0.1", 0, true,
                DomusConfig.DEFAULT_MAX_PAYLOAD_BYTES, 0))) {
            House house = core.store().houses().findHouse(DomusCore.DEMO_HOUSE).orElseThrow();
            Room room = core.store().houses().ensureRoom(house.id(), null, "bench", "Bench");
            DeviceAddress device = LEVEL.deviceAddress();
            core.store().houses().ensureDevice(device, room.id(), "Echo", "bench");
            core.store().houses().ensureAttribute(LEVEL, AttributeKind.NUMERIC, "", true, 0.0, 1e9, null);
            MqttClients clients = new MqttClients(BrokerUrl.plain("127.0.0.1", core.broker().port()), null, 1);
            try (EchoingDevice echo = new EchoingDevice(clients, "bench-echo", "domus/demo/bench/echo/+/set")) {
                CommandService service = core.commands();
                SendOptions options = SendOptions.from("bench");
                long[] nanos = new long[commands];
                long sendNanos = 0;
                for (int i = -warmup; i < commands; i++) {
                    long started = System.nanoTime();
                    var sent = service.send(LEVEL, Integer.toString(Math.floorMod(i, 1000)), options);
                    sendNanos += System.nanoTime() - started;
                    var outcome = sent.outcome().orTimeout(30, TimeUnit.SECONDS).join();
                    long took = System.nanoTime() - started;
                    if (outcome.state() != CommandState.CONFIRMED) {
                        throw new IllegalStateException("command " + i + " ended " + outcome.state().label() + ": "
                                + outcome.reason());
                    }
                    if (i >= 0) {
                        nanos[i] = took;
                    }
                }
                out.printf(Locale.ROOT, "  (validation and hand-off in send(): %.3f ms on average)%n",
                        sendNanos / 1e6 / (commands + warmup));
                return Percentiles.of(nanos);
            }
        } finally {
            IngestBenchmark.deleteRecursively(data);
        }
    }

    /** Bare Moquette now and then closes a fresh connection before its SUBSCRIBE (seen once): one more try. */
    private Percentiles measureBareRetryingOnce() throws IOException {
        try {
            return measureBare();
        } catch (java.util.concurrent.CompletionException e) {
            out.printf(Locale.ROOT, "  (bare Moquette dropped the echo device's connection: %s; trying once more)%n",
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            return measureBare();
        }
    }

    private Percentiles measureBare() throws IOException {
        Path data = Files.createTempDirectory("domus-bench-bare-");
        try (BareMoquette moquette = new BareMoquette(data)) {
            MqttClients clients = new MqttClients(BrokerUrl.plain("127.0.0.1", moquette.port()), null, 1);
            try (EchoingDevice echo = new EchoingDevice(clients, "bare-echo", "domus/demo/bench/echo/+/set");
                 RoundTripProbe probe = new RoundTripProbe(clients, "bare-probe", LEVEL.topic())) {
                long[] nanos = new long[commands];
                for (int i = -warmup; i < commands; i++) {
                    long took = probe.roundTripNanos(LEVEL.topic(), Integer.toString(Math.floorMod(i, 1000)));
                    if (i >= 0) {
                        nanos[i] = took;
                    }
                }
                return Percentiles.of(nanos);
            }
        } finally {
            IngestBenchmark.deleteRecursively(data);
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
