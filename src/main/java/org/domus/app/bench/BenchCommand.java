package org.domus.app.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code domus bench NAME}: the benchmarks; each prints its headline figures as key=value on its last line. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark; its last line of output is its headline figure as key=value pairs.",
        subcommands = {BenchCommand.Ingest.class, BenchCommand.Lifecycle.class, BenchCommand.Commands.class,
            BenchCommand.Simulate.class, BenchCommand.Rules.class, BenchCommand.Ui.class,
            BenchCommand.Startup.class})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = {"Durable ingest throughput vs Mosquitto and bare Moquette, same load generator, same run.",
                "Last line: vs_mosquitto=R1 vs_moquette=R2 lost=N (QoS 1)."})
    static final class Ingest implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--publishers", defaultValue = "10", description = "publishing clients (default ${DEFAULT-VALUE})")
        private int publishers;

        @Option(names = "--devices", defaultValue = "1000", description = "device topics, spread over the publishers (default ${DEFAULT-VALUE})")
        private int devices;

        @Option(names = "--seconds", defaultValue = "10", description = "measured seconds per scenario (default ${DEFAULT-VALUE})")
        private int seconds;

        @Option(names = "--warmup", defaultValue = "3", description = "warm-up seconds per scenario (default ${DEFAULT-VALUE})")
        private int warmup;

        @Option(names = "--runs", defaultValue = "3", description = "runs of every scenario; medians reported (default ${DEFAULT-VALUE})")
        private int runs;

        @Option(names = "--window", defaultValue = "100", description = "messages in flight per publisher (default ${DEFAULT-VALUE})")
        private int window;

        @Option(names = "--only", split = ",", paramLabel = "BROKER",
                description = "measure only these: ${COMPLETION-CANDIDATES} (default: all)")
        private java.util.EnumSet<IngestBenchmark.Broker> only = java.util.EnumSet.allOf(IngestBenchmark.Broker.class);

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            long lost = new IngestBenchmark(publishers, devices, seconds, warmup, runs, window, only, out).run();
            return lost == 0 ? 0 : 1;
        }
    }

    @Command(name = "lifecycle", mixinStandardHelpOptions = true,
            description = {"Start to broker-ready, quit time, and the server's heap with 1,000 and 10,000 idle clients.",
                "Last line: ready_ms=… quit_ms=… heap_1k_mb=… heap_10k_mb=…"})
    static final class Lifecycle implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--runs", defaultValue = "5", description = "start/stop cycles (default ${DEFAULT-VALUE})")
        private int runs;

        @Override
        public Integer call() throws Exception {
            return new LifecycleBenchmark(runs, spec.commandLine().getOut()).run();
        }
    }

    @Command(name = "commands", mixinStandardHelpOptions = true,
            description = {"Command round trip, send to confirmed, against an echoing device; bare MQTT publish/echo"
                    + " on bare Moquette with the same client library as the baseline, same run, in alternating blocks.",
                "Last line: p50_ms=… p99_ms=… bare_p50_ms=… bare_p99_ms=… ratio_p50=… ratio_p99=…"})
    static final class Commands implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--commands", defaultValue = "10000", description = "measured commands per run (default ${DEFAULT-VALUE})")
        private int commands;

        @Option(names = "--warmup", defaultValue = "2000", description = "unmeasured commands first, per side (default ${DEFAULT-VALUE})")
        private int warmup;

        @Option(names = "--runs", defaultValue = "5", description = "runs; medians of their percentiles reported (default ${DEFAULT-VALUE})")
        private int runs;

        @Option(names = "--breakdown", description = "also p50/p99 of every stage of both paths (timestamps per stage)")
        private boolean breakdown;

        @Override
        public Integer call() throws Exception {
            return new CommandsBenchmark(commands, warmup, runs, breakdown, spec.commandLine().getOut()).run();
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = {"'domus simulate --scale N --rate R' against the embedded broker, the simulator in a child JVM:",
                "achieved rate and simulator CPU after the connect storm, its heap, and the storm's duration; median of runs.",
                "Last line: rate=… cpu_cores=… heap_mb=… connect_ms=…"})
    static final class Simulate implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--devices", defaultValue = "10000", description = "simulated devices (default ${DEFAULT-VALUE})")
        private int devices;

        @Option(names = "--rate", defaultValue = "5000", description = "total msg/s asked (default ${DEFAULT-VALUE})")
        private double rate;

        @Option(names = "--seconds", defaultValue = "20", description = "measured seconds per run (default ${DEFAULT-VALUE})")
        private int seconds;

        @Option(names = "--warmup", defaultValue = "5", description = "seconds after the connect storm before measuring (default ${DEFAULT-VALUE})")
        private int warmup;

        @Option(names = "--runs", defaultValue = "3", description = "runs; medians reported (default ${DEFAULT-VALUE})")
        private int runs;

        @Option(names = "--connect-concurrency", defaultValue = "64", description = "connects in progress at once (default ${DEFAULT-VALUE})")
        private int connectConcurrency;

        @Override
        public Integer call() throws Exception {
            return new SimulateBenchmark(devices, rate, seconds, warmup, runs, connectConcurrency,
                    spec.commandLine().getOut()).run();
        }
    }

    @Command(name = "rules", mixinStandardHelpOptions = true,
            description = {"Rule evaluation under ingest load: the core's CPU with N enabled rules vs ingest alone (same",
                "paced load, same run), and the delay from a threshold-crossing message to its alert; median of runs.",
                "Last line: cpu_ratio=… overhead_pct=… p99_alert_ms=… rules=… rate=…"})
    static final class Rules implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--rules", defaultValue = "1000", description = "enabled rules (default ${DEFAULT-VALUE})")
        private int rules;

        @Option(names = "--rate", defaultValue = "5000", description = "ingest msg/s (default ${DEFAULT-VALUE})")
        private double rate;

        @Option(names = "--seconds", defaultValue = "20", description = "measured seconds per scenario (default ${DEFAULT-VALUE})")
        private int seconds;

        @Option(names = "--warmup", defaultValue = "5", description = "warm-up seconds per scenario (default ${DEFAULT-VALUE})")
        private int warmup;

        @Option(names = "--runs", defaultValue = "3", description = "runs; medians reported (default ${DEFAULT-VALUE})")
        private int runs;

        @Override
        public Integer call() throws Exception {
            return new RulesBenchmark(rules, rate, seconds, warmup, runs, spec.commandLine().getOut()).run();
        }
    }

    @Command(name = "ui", mixinStandardHelpOptions = true,
            description = {"The console window (needs a display: xvfb-run) on a room of 50 tiles and a device chart,"
                + " with 10,000 simulated devices at 5,000 msg/s.",
                "Last line: pulses_per_s=… fx_busy=… p99_ms=… heap_mb=… chart_ms=…"})
    static final class Ui implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--devices", defaultValue = "10000", description = "simulated devices (default ${DEFAULT-VALUE})")
        private int devices;

        @Option(names = "--rate", defaultValue = "5000", description = "total msg/s asked (default ${DEFAULT-VALUE})")
        private double rate;

        @Option(names = "--seconds", defaultValue = "30", description = "measured seconds (default ${DEFAULT-VALUE})")
        private int seconds;

        @Option(names = "--warmup", defaultValue = "10", description = "seconds shown before measuring (default ${DEFAULT-VALUE})")
        private int warmup;

        @Option(names = "--chart-days", defaultValue = "365",
                description = "days of 1 Hz data generated for the chart timing (default ${DEFAULT-VALUE})")
        private int chartDays;

        @Option(names = "--connections", defaultValue = "per-house",
                description = "per-house (default: each house's devices behind one hub connection, as in the field)"
                        + " or per-device (one MQTT connection per simulated device)")
        private String connections;

        @Override
        public Integer call() throws Exception {
            if (!connections.equals("per-house") && !connections.equals("per-device")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--connections must be per-house or per-device");
            }
            return new UiBenchmark(devices, rate, seconds, warmup, chartDays, connections,
                    spec.commandLine().getOut()).run();
        }
    }

    @Command(name = "startup", mixinStandardHelpOptions = true,
            description = {"Launch to console window shown and to serve's broker ready, cold and warm: the installed app"
                + " (./domus package) next to the development class path. Window figures need a DISPLAY (xvfb-run -a).",
                "Last line: window_warm_ms=… window_cp_warm_ms=… serve_warm_ms=… … image_mb=…"})
    static final class Startup implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--runs", defaultValue = "5", description = "starts of each kind; medians reported (default ${DEFAULT-VALUE})")
        private int runs;

        @Option(names = "--launcher", paramLabel = "PATH",
                description = "the installed app's launcher (default: /opt/domus/bin/domus if installed, else "
                        + "target/package/domus/bin/domus from ./domus package --type app-image)")
        private Path launcher;

        @Option(names = "--class-path", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "also measure the development class path (default; --no-class-path: the launcher only)")
        private boolean classPath;

        @Override
        public Integer call() throws Exception {
            Optional<Path> installed = Optional.ofNullable(launcher).or(() -> Stream.of(
                    Path.of("/opt/domus/bin/domus"), Path.of("target/package/domus/bin/domus"))
                    .filter(Files::isExecutable).findFirst());
            return new StartupBenchmark(installed, classPath, runs, spec.commandLine().getOut()).run();
        }
    }
}
