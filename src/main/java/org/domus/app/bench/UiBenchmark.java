package org.domus.app.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.domus.app.ConsoleSimulator;
import org.domus.app.DomusConfig;
import org.domus.app.DomusCore;
import org.domus.model.AttributeKind;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.House;
import org.domus.model.Reading;
import org.domus.model.Room;
import org.domus.model.SeriesPath;
import org.domus.store.Database;
import org.domus.store.IngestRecord;
import org.domus.store.WriteOutcome;
import org.domus.ui.ConsoleSession;
import org.domus.ui.ConsoleViews;
import org.domus.ui.device.ChartRange;
import org.domus.ui.device.DeviceDetailView;
import org.domus.ui.device.DeviceDetailViewModel;
import org.domus.ui.fx.FrameBridge;
import org.domus.ui.fx.Messages;
import org.domus.ui.live.CommandGateway;
import org.domus.ui.live.CommandTracker;
import org.domus.ui.shell.ConsoleWindow;
import org.domus.ui.simulator.SimulatorControl;

/**
 * {@code domus bench ui}: the console window (needs a display: run under Xvfb) on a room of 50 live tiles with a
 * device chart open beside it, while {@code domus simulate} runs 10,000 devices at 5,000 msg/s in total against
 * the embedded broker. Reports FX pulses per second, the FX thread's busy fraction (its CPU time over wall time),
 * the delay from a reading's timestamp (set by ingest when the device sends none) to its tile taking it, the heap
 * after a full GC, and the time from asking for a year of 1 Hz data (generated into the store first) to the
 * chart drawn.
 */
public final class UiBenchmark {

    private static final int ROOM_TILES = 50;
    private static final Duration DISCOVERY_LIMIT = Duration.ofMinutes(4);

    private final int devices;
    private final double rate;
    private final int seconds;
    private final int warmupSeconds;
    private final int chartDays;
    private final String connections;
    private final PrintWriter out;

    /**
     * @param connections {@code per-house} (the devices behind one hub connection per house, as in the field) or
     *                    {@code per-device} (one MQTT connection per simulated device)
     */
    public UiBenchmark(int devices, double rate, int seconds, int warmupSeconds, int chartDays, String connections,
                       PrintWriter out) {
        this.devices = devices;
        this.rate = rate;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.chartDays = chartDays;
        this.connections = connections;
        this.out = out;
    }

    public int run() throws Exception {
        Path data = Files.createTempDirectory("domus-bench-ui-");
        DomusConfig config = new DomusConfig(data, "127.0.0.1", 0, true, DomusConfig.DEFAULT_MAX_PAYLOAD_BYTES, 0);
        ExecutorService background = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
                .name("bench-ui-reader").factory());
        try (DomusCore core = DomusCore.start(config); ConsoleSimulator simulator = new ConsoleSimulator(core)) {
            SeriesPath year = yearOfData(core.store());
            Process child = startSimulator(core.broker().port());
            try {
                List<DeviceAddress> room = placeRoom(core.store());
                awaitDiscovery(core.store());
                out.printf(Locale.ROOT, "%d devices in the bench room; showing the console%n", room.size());
                out.flush();
                return measure(core, simulator, background, room, year, child);
            } finally {
                child.destroy();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
        } finally {
            background.shutdownNow();
            IngestBenchmark.deleteRecursively(data);
        }
    }

    /** One numeric series with a year (or {@code chartDays}) of 1 Hz readings, written through the writer. */
    private SeriesPath yearOfData(Database store) throws Exception {
        House house = store.houses().ensureHouse(DomusCore.DEMO_HOUSE, "Demo house", java.time.ZoneOffset.UTC);
        Room meters = store.houses().ensureRoom(house.id(), null, "meters", "Meters");
        DeviceAddress meter = new DeviceAddress(house.slug(), "meters", "year-meter");
        store.houses().ensureDevice(meter, meters.id(), "Year meter", "energy-meter");
        SeriesPath series = meter.attribute("power");
        store.houses().ensureAttribute(series, AttributeKind.NUMERIC, "W", false, null, null, null);
        long total = chartDays * 86_400L;
        Instant start = Instant.now().minus(Duration.ofDays(chartDays));
        long t0 = System.nanoTime();
        int batch = 20_000;
        List<CompletableFuture<WriteOutcome>> pending = new ArrayList<>();
        for (long i = 0; i < total; i += batch) {
            List<Reading> readings = new ArrayList<>(batch);
            for (long j = i; j < Math.min(total, i + batch); j++) {
                double value = 500 + 300 * Math.sin(j / 4_000.0);
                readings.add(new Reading(series, start.plusSeconds(j), Long.toString(Math.round(value)),
                        (double) Math.round(value), AttributeKind.NUMERIC, null, true));
            }
            CompletableFuture<WriteOutcome> done = new CompletableFuture<>();
            store.writer().submit(new IngestRecord(readings, null, done::complete));
            pending.add(done);
            if (pending.size() >= 8) {
                pending.removeFirst().get(5, TimeUnit.MINUTES);
            }
        }
        for (CompletableFuture<WriteOutcome> done : pending) {
            done.get(5, TimeUnit.MINUTES);
        }
        out.printf(Locale.ROOT, "wrote %,d readings (%d days at 1 Hz) of %s in %.1f s%n", total, chartDays, series,
                (System.nanoTime() - t0) / 1e9);
        out.flush();
        return series;
    }

    /** Waits for ingest to discover the 50 devices of {@code room-1} and places them in a room of their own. */
    private List<DeviceAddress> placeRoom(Database store) throws InterruptedException {
        House house = store.houses().findHouse(DomusCore.DEMO_HOUSE).orElseThrow();
        Room room = store.houses().ensureRoom(house.id(), null, "bench-room", "Bench room");
        long deadline = System.nanoTime() + DISCOVERY_LIMIT.toNanos();
        while (true) {
            List<Device> found = store.houses().listDevices(house.id()).stream()
                    .filter(d -> d.address().room().equals("room-1")).toList();
            if (found.size() >= ROOM_TILES) {
                for (Device device : found.subList(0, ROOM_TILES)) {
                    store.houses().placeDevice(device.id(), room.id());
                }
                return found.subList(0, ROOM_TILES).stream().map(Device::address).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + found.size() + " devices of room-1 were discovered in "
                        + DISCOVERY_LIMIT.toMinutes() + " min");
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /**
     * Waits until ingest has discovered every simulated device, so that what is measured is the steady load, not
     * the connect storm and first discovery (each a store write and a reload of the structure).
     */
    private void awaitDiscovery(Database store) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + DISCOVERY_LIMIT.toNanos();
        House house = store.houses().findHouse(DomusCore.DEMO_HOUSE).orElseThrow();
        int found;
        while ((found = (int) store.houses().listDevices(house.id()).stream()
                .filter(d -> d.address().room().startsWith("room-") || d.address().room().equals("bench-room"))
                .count()) < devices) {
            if (System.nanoTime() > deadline) {
                out.printf(Locale.ROOT, "only %d of %d devices discovered in %d min; measuring anyway%n", found,
                        devices, DISCOVERY_LIMIT.toMinutes());
                return;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        out.printf(Locale.ROOT, "all %d devices discovered %.1f s after the room (%s)%n", devices,
                (System.nanoTime() - t0) / 1e9, connections);
        out.flush();
    }

    private int measure(DomusCore core, SimulatorControl simulator, ExecutorService background,
                        List<DeviceAddress> room, SeriesPath year, Process child) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Set<DeviceAddress> inRoom = Set.copyOf(room);
        long[] delays = new long[2_000_000];
        AtomicLong delayCount = new AtomicLong();
        AtomicLong pulses = new AtomicLong();
        AtomicLong fxThread = new AtomicLong();
        CompletableFuture<Object[]> shown = new CompletableFuture<>();
        // Onto the FX thread only through the frame bridge, as in the console.
        FrameBridge bridge = FrameBridge.onFxThread();
        bridge.execute(() -> {
            try {
                fxThread.set(Thread.currentThread().threadId());
                Stage stage = new Stage();
                ConsoleSession session = new org.domus.app.CoreConsoleSession(core, simulator, false);
                ConsoleWindow window = new ConsoleWindow(stage, session, background, bridge,
                        ConsoleViews.screens(session), ConsoleViews::devices);
                window.show();
                Consumer<Collection<Reading>> probe = batch -> {
                    long now = System.currentTimeMillis();
                    for (Reading reading : batch) {
                        if (inRoom.contains(reading.series().deviceAddress())) {
                            long i = delayCount.getAndIncrement();
                            if (i < delays.length) {
                                delays[(int) i] = now - reading.timestamp().toEpochMilli();
                            }
                        }
                    }
                };
                window.home().addBatchListener(probe);
                long roomId = core.store().houses().listRooms(core.store().houses().findHouse("demo").orElseThrow()
                        .id()).stream().filter(r -> r.slug().equals("bench-room")).findFirst().orElseThrow().id();
                window.shell().show("room:demo:" + roomId);
                // The chart: a second window with the detail of the year series' device.
                CommandTracker commands = new CommandTracker(CommandGateway.of(core.commands()), bridge);
                DeviceDetailViewModel chart = new DeviceDetailViewModel(year.deviceAddress(), window.home(),
                        commands, core.store().history(), core.store().events(), background,
                        DeviceDetailViewModel.threadPerRead(), bridge, java.time.Clock.systemUTC());
                DeviceDetailView chartView = new DeviceDetailView(chart, Messages.console(Locale.ENGLISH), () -> { });
                Stage chartStage = new Stage();
                chartStage.setScene(new Scene(chartView.root(), 1000, 640));
                chartStage.show();
                new AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        pulses.incrementAndGet();
                    }
                }.start();
                shown.complete(new Object[] {window, chart, chartView});
            } catch (RuntimeException e) {
                shown.completeExceptionally(e);
            }
        });
        Object[] views = shown.get(2, TimeUnit.MINUTES);
        DeviceDetailViewModel chart = (DeviceDetailViewModel) views[1];
        DeviceDetailView chartView = (DeviceDetailView) views[2];
        TimeUnit.SECONDS.sleep(warmupSeconds);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long renderer = Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds())).filter(java.util.Objects::nonNull)
                .filter(t -> t.getThreadName().startsWith("QuantumRenderer")).mapToLong(t -> t.getThreadId())
                .findFirst().orElse(-1);
        long render0 = renderer < 0 ? 0 : threads.getThreadCpuTime(renderer);
        long count0 = delayCount.get();
        long pulses0 = pulses.get();
        long cpu0 = threads.getThreadCpuTime(fxThread.get());
        OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long process0 = os.getProcessCpuTime();
        Map<Long, Long> threadCpu0 = threadCpu(threads);
        long gc0 = gcMillis();
        long child0 = childCpuNanos(child);
        long stored0 = core.ingest().metrics().stored();
        long t0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        long t1 = System.nanoTime();
        long cpu1 = threads.getThreadCpuTime(fxThread.get());
        long process1 = os.getProcessCpuTime();
        Map<Long, Long> threadCpu1 = threadCpu(threads);
        long gc1 = gcMillis();
        long child1 = childCpuNanos(child);
        long stored = core.ingest().metrics().stored() - stored0;
        long render1 = renderer < 0 ? 0 : threads.getThreadCpuTime(renderer);
        long pulses1 = pulses.get();
        long count1 = Math.min(delayCount.get(), delays.length);
        double wall = (t1 - t0) / 1e9;
        double pulsesPerSecond = (pulses1 - pulses0) / wall;
        double busy = (cpu1 - cpu0) / 1e9 / wall;
        double renderBusy = (render1 - render0) / 1e9 / wall;
        long[] measured = Arrays.copyOfRange(delays, (int) Math.min(count0, delays.length), (int) count1);
        Arrays.sort(measured);
        long p50 = measured.length == 0 ? -1 : measured[measured.length / 2];
        long p99 = measured.length == 0 ? -1 : measured[(int) Math.min(measured.length - 1, measured.length * 0.99)];
        double tileRate = measured.length / wall;
        double consoleCores = (process1 - process0) / 1e9 / wall;
        double simulatorCores = child0 < 0 || child1 < 0 ? -1 : (child1 - child0) / 1e9 / wall;
        double consoleUsPerMessage = stored == 0 ? -1 : (process1 - process0) / 1e3 / stored;
        double simulatorUsPerMessage = stored == 0 || simulatorCores < 0 ? -1 : (child1 - child0) / 1e3 / stored;
        out.printf(Locale.ROOT, "%s: %.0f msg/s stored; console process %.2f cores (%.0f us CPU per message),"
                        + " simulator %.2f cores (%.0f us per message)%n", connections, stored / wall, consoleCores,
                consoleUsPerMessage, simulatorCores, simulatorUsPerMessage);
        out.printf(Locale.ROOT, "console threads (cores): %s; garbage collection %.0f ms/s%n",
                busiestThreads(threads, threadCpu0, threadCpu1, wall), (gc1 - gc0) / wall);

        // A year of 1 Hz data: from the click on the range button to the end of layout in the first pulse after
        // the points are in the chart (the chart's plot is laid out with them; the renderer draws that frame).
        CompletableFuture<Double> chartMs = new CompletableFuture<>();
        CompletableFuture<Double> pointsMs = new CompletableFuture<>();
        ChartRange range = chartDays >= 365 ? ChartRange.YEAR_1 : ChartRange.DAYS_30;
        bridge.execute(() -> {
            ToggleButton button = (ToggleButton) chartView.root().lookup(".range-" + range.code());
            Scene scene = chartView.root().getScene();
            long clicked = System.nanoTime();
            chart.lastLoadProperty().addListener(new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Duration> o, Duration old, Duration now) {
                    chart.lastLoadProperty().removeListener(this);
                    pointsMs.complete((System.nanoTime() - clicked) / 1e6);
                    Runnable[] laidOut = new Runnable[1];
                    laidOut[0] = () -> {
                        scene.removePostLayoutPulseListener(laidOut[0]);
                        chartMs.complete((System.nanoTime() - clicked) / 1e6);
                    };
                    scene.addPostLayoutPulseListener(laidOut[0]);
                    Platform.requestNextPulse();
                }
            });
            button.fire();
        });
        double openMs = chartMs.get(2, TimeUnit.MINUTES);
        double inChartMs = pointsMs.get(1, TimeUnit.MINUTES);
        int points = CompletableFuture.supplyAsync(() -> chart.chart().stream().mapToInt(s -> s.points().size()).sum(),
                bridge).get(1, TimeUnit.MINUTES);

        System.gc();
        long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        out.printf(Locale.ROOT, "%d s measured: %.1f pulses/s, FX thread %.0f %% busy, renderer thread %.0f %% busy,"
                        + " %.0f tile updates/s"
                        + " (room of %d), delay p50 %d ms p99 %d ms, heap after GC %d MB; %d-day chart (%d points)"
                        + " in the chart %.0f ms and laid out %.0f ms after the click (load average %s)%n", seconds,
                pulsesPerSecond, busy * 100, renderBusy * 100, tileRate, ROOM_TILES, p50, p99, heapMb, chartDays,
                points, inChartMs, openMs, loadAverage());
        out.printf(Locale.ROOT, "pulses_per_s=%.1f fx_busy=%.2f p99_ms=%d heap_mb=%d chart_ms=%.0f"
                        + " console_us_per_msg=%.0f connections=%s%n",
                pulsesPerSecond, busy, p99, heapMb, openMs, consoleUsPerMessage, connections);
        out.flush();
        Platform.exit();
        return 0;
    }

    private Process startSimulator(int port) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = List.of(java, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.domus.app.Launcher", "simulate", "--broker", "mqtt://127.0.0.1:" + port,
                "--scale", Integer.toString(devices), "--rate", Double.toString(rate), "--devices-per-room",
                Integer.toString(ROOM_TILES), "--duration", "1h", "--seed", "1", "--connections", connections);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Time the collectors report (pauses, and G1's concurrent cycles), in total so far. */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    private static Map<Long, Long> threadCpu(ThreadMXBean threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    /** The CPU each group of threads (numbered pool threads together) used over the window, busiest first. */
    private static String busiestThreads(ThreadMXBean threads, Map<Long, Long> before,
                                         Map<Long, Long> after, double wallSeconds) {
        Map<String, Long> byGroup = new HashMap<>();
        for (Map.Entry<Long, Long> entry : after.entrySet()) {
            ThreadInfo info = threads.getThreadInfo(entry.getKey());
            String name = info == null ? "ended" : info.getThreadName().replaceAll("-\\d+-\\d+$", "")
                    .replaceAll("[-#\\s]*\\d+$", "");
            byGroup.merge(name, entry.getValue() - before.getOrDefault(entry.getKey(), 0L), Long::sum);
        }
        return byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(10).map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / 1e9 / wallSeconds))
                .collect(Collectors.joining(", "));
    }

    /** The child's CPU time so far (user + system, from the OS), or -1 where the OS does not tell. */
    private static long childCpuNanos(Process child) {
        return child.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
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
