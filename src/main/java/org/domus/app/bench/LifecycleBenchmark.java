package org.domus.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.domus.app.DomusCore;
import org.domus.sim.IdleClientSwarm;

/**
 * {@code domus bench lifecycle}: the real {@code domus serve} as a child process, timed from launch until its
 * broker listens (the port file appears) and from SIGTERM until the process has exited; then its heap after a
 * full GC with 1,000 and 10,000 idle clients connected.
 */
final class LifecycleBenchmark {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final int runs;
    private final PrintWriter out;

    LifecycleBenchmark(int runs, PrintWriter out) {
        this.runs = runs;
        this.out = out;
    }

    int run() throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "lifecycle benchmark: %d start/stop cycles of 'domus serve' (child JVM, -Xmx512m)%n", runs);
        out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version());
        List<Long> readyFirst = new ArrayList<>();
        List<Long> ready = new ArrayList<>();
        List<Long> quit = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Path data = Files.createTempDirectory("domus-bench-life-");
            try {
                for (boolean fresh : new boolean[] {true, false}) {
                    long launched = System.nanoTime();
                    Process serve = startServe(data);
                    awaitPortFile(serve, data);
                    long readyMillis = (System.nanoTime() - launched) / 1_000_000;
                    long stopping = System.nanoTime();
                    serve.destroy();
                    if (!serve.waitFor(30, TimeUnit.SECONDS)) {
                        serve.destroyForcibly();
                        throw new IllegalStateException("serve did not stop within 30 s of SIGTERM");
                    }
                    long quitMillis = (System.nanoTime() - stopping) / 1_000_000;
                    (fresh ? readyFirst : ready).add(readyMillis);
                    quit.add(quitMillis);
                    out.printf(Locale.ROOT, "run %d %s: broker ready %d ms after launch, exited %d ms after SIGTERM%n",
                            run, fresh ? "empty data folder" : "existing data   ", readyMillis, quitMillis);
                    out.flush();
                }
            } finally {
                IngestBenchmark.deleteRecursively(data);
            }
        }
        long[] heap = idleHeap();
        out.printf(Locale.ROOT, "medians: ready (first run) %d ms, ready %d ms, quit %d ms; heap used after GC: "
                + "%d MB idle, %d MB with 1,000 clients, %d MB with 10,000 clients%n",
                median(readyFirst), median(ready), median(quit), heap[0], heap[1], heap[2]);
        out.printf(Locale.ROOT, "ready_first_ms=%d ready_ms=%d quit_ms=%d heap_0_mb=%d heap_1k_mb=%d heap_10k_mb=%d%n",
                median(readyFirst), median(ready), median(quit), heap[0], heap[1], heap[2]);
        out.flush();
        return 0;
    }

    private long[] idleHeap() throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("domus-bench-idle-");
        Process serve = startServe(data, "--demo");
        try (IdleClientSwarm swarm = new IdleClientSwarm()) {
            int port = awaitPortFile(serve, data);
            long[] heap = new long[3];
            heap[0] = heapUsedMb(serve.pid());
            int step = 0;
            for (int clients : new int[] {1_000, 10_000}) {
                long started = System.nanoTime();
                swarm.growTo("127.0.0.1", port, clients, 600);
                out.printf(Locale.ROOT, "%,d idle clients connected in %d ms%n", clients,
                        (System.nanoTime() - started) / 1_000_000);
                heap[++step] = heapUsedMb(serve.pid());
            }
            return heap;
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
            IngestBenchmark.deleteRecursively(data);
        }
    }

    /** Live heap of a JVM after a full collection, from the JDK's own jcmd. */
    private static long heapUsedMb(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(pid), "GC.run");
        String info = run(jcmd, Long.toString(pid), "GC.heap_info");
        Matcher used = USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("cannot read the heap from jcmd: " + info.lines().findFirst().orElse(""));
        }
        return Long.parseLong(used.group(1)) / 1024;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    private static Process startServe(Path data, String... extra) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "org.domus.app.Launcher", "serve",
                "--data", data.toString(), "--mqtt-port", "0"));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("serve-" + System.nanoTime() + ".log").toFile()).start();
    }

    private static int awaitPortFile(Process serve, Path data) throws IOException, InterruptedException {
        Path portFile = data.resolve(DomusCore.PORT_FILE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile)) {
            if (!serve.isAlive()) {
                throw new IllegalStateException("serve exited with status " + serve.exitValue());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("serve did not become ready within 60 s");
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return Integer.parseInt(Files.readString(portFile).strip());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }
}
