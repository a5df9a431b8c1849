package org.domus.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code domus bench startup}: time from launch to the console window shown and to {@code serve}'s broker ready,
 * for the installed app (its launcher, runtime image and per-user start-up cache) and for the same build on the
 * development class path, cold and warm, median of N each.
 *
 * <p>Cold is a first start: an empty data folder and a fresh home folder (so no start-up cache in the user's
 * cache folder yet: the installed app's cold start is the one that records it, decision 0065). Warm is a start
 * on a data folder and home that one earlier start used. "Window shown" is the console's log line "Console window shown" (the stage's first show: the window
 * opens on its starting frame while the core starts beside it); "console ready" is "Console ready" in the same
 * start (the shell has replaced the starting frame, the core is up); "broker ready" is the line
 * {@code serve} prints once its broker listens ("Domus serving MQTT on …"; the {@code mqtt.port} file can be
 * left over from the previous start).
 */
final class StartupBenchmark {

    private static final String SHOWN = "Console window shown";
    private static final String SERVING = "Domus serving MQTT on";
    /** The shell has replaced the starting frame: the core is up and the houses are being shown. */
    private static final String READY = "Console ready";

    enum Variant {
        INSTALLED("installed app"), CLASS_PATH("class path");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    enum Target {
        WINDOW("window shown"), SERVE("broker ready");

        final String label;

        Target(String label) {
            this.label = label;
        }
    }

    private final Optional<Path> launcher;
    private final boolean classPath;
    private final int runs;
    private final PrintWriter out;

    StartupBenchmark(Optional<Path> launcher, boolean classPath, int runs, PrintWriter out) {
        this.launcher = launcher;
        this.classPath = classPath;
        this.runs = runs;
        this.out = out;
    }

    int run() throws IOException, InterruptedException {
        boolean display = System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isBlank();
        out.printf(Locale.ROOT, "startup benchmark: launch to window shown and to broker ready, median of %d, cold and warm%n", runs);
        out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s; load average %.2f%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.version(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        launcher.ifPresentOrElse(path -> out.printf(Locale.ROOT, "installed app: %s (%d MB on disk)%n", path,
                        imageMegabytes(path)),
                () -> out.println("installed app: none (build it with ./domus package, or pass --launcher)"));
        if (!display) {
            out.println("no DISPLAY: window figures skipped (run under xvfb-run -a, or with DISPLAY set)");
        }
        out.flush();

        Map<String, Long> figures = new LinkedHashMap<>();
        for (Target target : Target.values()) {
            if (target == Target.WINDOW && !display) {
                continue;
            }
            for (Variant variant : Variant.values()) {
                if (variant == Variant.INSTALLED ? launcher.isEmpty() : !classPath) {
                    continue;
                }
                List<Long> cold = new ArrayList<>();
                List<Long> warm = new ArrayList<>();
                List<Long> coldReady = new ArrayList<>();
                List<Long> warmReady = new ArrayList<>();
                List<Long> warmCpu = new ArrayList<>();
                for (int run = 1; run <= runs; run++) {
                    Path home = Files.createTempDirectory("domus-bench-start-");
                    try {
                        long[] first = start(variant, target, home);
                        cold.add(first[0]);
                        coldReady.add(first[1]);
                        if (run == 1) {
                            start(variant, target, home); // the first warm start (the archive is complete now)
                        }
                        long[] again = start(variant, target, home);
                        warm.add(again[0]);
                        warmReady.add(again[1]);
                        warmCpu.add(again[2]);
                    } finally {
                        IngestBenchmark.deleteRecursively(home);
                    }
                }
                out.printf(Locale.ROOT, "%-13s %-12s cold %s -> median %d ms; warm %s -> median %d ms%n",
                        variant.label, target.label, cold, median(cold), warm, median(warm));
                String key = (target == Target.WINDOW ? "window" : "serve") + (variant == Variant.CLASS_PATH ? "_cp" : "");
                figures.put(key + "_cold_ms", median(cold));
                figures.put(key + "_warm_ms", median(warm));
                out.printf(Locale.ROOT, "%-13s %-12s CPU time of the process by then, warm %s -> median %d ms%n",
                        variant.label, target == Target.WINDOW ? "console ready" : target.label, warmCpu,
                        median(warmCpu));
                String cpuKey = target == Target.WINDOW ? "ready" + (variant == Variant.CLASS_PATH ? "_cp" : "") : key;
                figures.put(cpuKey + "_warm_cpu_ms", median(warmCpu));
                if (target == Target.WINDOW) {
                    out.printf(Locale.ROOT, "%-13s %-12s cold %s -> median %d ms; warm %s -> median %d ms%n",
                            variant.label, "console ready", coldReady, median(coldReady), warmReady, median(warmReady));
                    String readyKey = "ready" + (variant == Variant.CLASS_PATH ? "_cp" : "");
                    figures.put(readyKey + "_cold_ms", median(coldReady));
                    figures.put(readyKey + "_warm_ms", median(warmReady));
                }
                out.flush();
            }
        }
        launcher.ifPresent(path -> figures.put("image_mb", imageMegabytes(path)));
        StringBuilder last = new StringBuilder();
        figures.forEach((key, value) -> last.append(last.isEmpty() ? "" : " ").append(key).append('=').append(value));
        out.println(last);
        out.flush();
        return 0;
    }

    /**
     * One start: launches, waits for the target, stops it (SIGTERM) and waits for the exit. Milliseconds to the
     * target, for the window to the console ready with the core (else -1), and the process's CPU time by then.
     */
    private long[] start(Variant variant, Target target, Path home) throws IOException, InterruptedException {
        Path data = home.resolve("data");
        Files.createDirectories(home.resolve("logs"));
        List<String> command = new ArrayList<>();
        ProcessBuilder builder = new ProcessBuilder(command);
        if (variant == Variant.INSTALLED) {
            command.add(launcher.orElseThrow().toString());
            builder.environment().put("HOME", home.toString());
            builder.environment().remove("XDG_CACHE_HOME");
        } else {
            command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx512m",
                    "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), "org.domus.app.Launcher"));
        }
        if (target == Target.SERVE) {
            command.add("serve");
        }
        command.addAll(List.of("--data", data.toString(), "--mqtt-port", "0"));
        Path log = home.resolve("logs").resolve("start-" + System.nanoTime() + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());

        long launched = System.nanoTime();
        Process process = builder.start();
        try {
            long deadline = launched + TimeUnit.SECONDS.toNanos(120);
            long reached = await(process, log, target == Target.SERVE ? SERVING : SHOWN, variant, target.label,
                    launched, deadline);
            long ready = target == Target.WINDOW
                    ? await(process, log, READY, variant, "console ready", launched, deadline) : -1;
            // CPU time of the whole process (every thread) by then: unlike wall time, barely moved by other load.
            long cpu = process.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
            return new long[] {reached, ready, cpu};
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Waits for {@code line} in the log while the process runs; milliseconds since {@code launched}. */
    private static long await(Process process, Path log, String line, Variant variant, String what, long launched,
                              long deadline) throws IOException, InterruptedException {
        while (!logShows(log, line)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(variant.label + " exited with status " + process.exitValue()
                        + " before " + what + ": " + lastLine(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(variant.label + ": no " + what + " within 120 s");
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return (System.nanoTime() - launched) / 1_000_000;
    }

    private static boolean logShows(Path log, String line) throws IOException {
        return Files.exists(log) && Files.readString(log).contains(line);
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return lines.isEmpty() ? "(no output)" : lines.getLast();
    }

    /** The size of the app image holding {@code launcher} ({@code IMAGE/bin/domus}), in MB. */
    static long imageMegabytes(Path launcher) {
        Path bin = launcher.toAbsolutePath().getParent();
        Path image = bin == null || bin.getParent() == null ? launcher : bin.getParent();
        try (Stream<Path> files = Files.walk(image)) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
            return Math.round(bytes / 1_000_000.0);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }
}
