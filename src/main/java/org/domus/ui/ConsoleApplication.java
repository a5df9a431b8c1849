package org.domus.ui;

import java.lang.management.ManagementFactory;
import java.net.URL;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.domus.ui.about.AboutDialog;
import org.domus.ui.fx.ControllerFactory;
import org.domus.ui.fx.FrameBridge;
import org.domus.ui.simulator.SimulatorView;
import org.domus.ui.simulator.SimulatorViewModel;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.domus.ui.houses.HousesView;
import org.domus.ui.houses.HousesViewModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console window. Started by {@link #run} from the command line, which keeps owning the core: the window
 * only shows it, and returns when closed.
 */
public final class ConsoleApplication extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApplication.class);

    /** Hands the start to the instance JavaFX creates; set by {@link #run}, taken once by {@link #init}. */
    private static final AtomicReference<Launch> LAUNCH = new AtomicReference<>();

    private record Launch(ConsoleStart start, AtomicReference<ConsoleResult> result) {
    }

    private Launch launch;
    private ExecutorService background;
    private HousesView housesView;
    private SimulatorView simulatorView;
    private ConsoleSession session;

    /**
     * Shows the console until the user closes it; on the calling thread (not the FX thread), once per JVM.
     * Throws if there is no display.
     */
    public static ConsoleResult run(ConsoleStart start) {
        Launch launch = new Launch(Objects.requireNonNull(start, "start"), new AtomicReference<>(new ConsoleResult.Closed()));
        if (!LAUNCH.compareAndSet(null, launch)) {
            throw new IllegalStateException("the console window can be shown once per process");
        }
        Application.launch(ConsoleApplication.class);
        return launch.result().get();
    }

    @Override
    public void init() {
        launch = LAUNCH.get();
        if (launch == null) {
            throw new IllegalStateException("start the console with ConsoleApplication.run");
        }
        background = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "domus-ui-reader");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Domus");
        switch (launch.start()) {
            case ConsoleStart.Ready ready -> show(stage, ready.session());
            case ConsoleStart.CorruptStore corrupt -> offerFreshStore(stage, corrupt);
        }
    }

    @Override
    public void stop() {
        if (housesView != null) {
            housesView.close();
        }
        if (simulatorView != null) {
            simulatorView.close();
        }
        if (session != null) {
            session.simulator().stop();
        }
        if (background != null) {
            background.shutdownNow();
        }
    }

    private void show(Stage stage, ConsoleSession session) {
        FrameBridge bridge = FrameBridge.onFxThread();
        HousesViewModel viewModel = new HousesViewModel(session.store().houses(), session.liveState(),
                session.broker(), session.dataDir(), background, bridge);
        this.session = session;
        SimulatorViewModel simulators = new SimulatorViewModel(session.simulator(), background, bridge::execute);
        ControllerFactory controllers = new ControllerFactory()
                .register(HousesView.class, () -> new HousesView(viewModel))
                .register(SimulatorView.class, () -> new SimulatorView(simulators));
        ControllerFactory.Loaded<HousesView> loaded = controllers.load(HousesView.class);
        housesView = loaded.controller();
        ControllerFactory.Loaded<SimulatorView> simulatorPanel = controllers.load(SimulatorView.class);
        simulatorView = simulatorPanel.controller();

        Tab housesTab = new Tab("Houses", loaded.root());
        Tab simulatorTab = new Tab("Simulators", simulatorPanel.root());
        TabPane tabs = new TabPane(housesTab, simulatorTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Scene scene = new Scene(tabs, 1100, 720);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), Platform::exit);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F1),
                () -> AboutDialog.show(stage, Locale.getDefault(), background, bridge::execute));
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            URL icon = ConsoleApplication.class.getResource("/org/domus/ui/icon/domus-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon.toExternalForm()));
            }
        }
        stage.setScene(scene);
        stage.setMinWidth(640);
        stage.setMinHeight(400);
        // The start-up benchmark and the packaging's training run wait for this line (docs/BENCHMARKS.md).
        stage.setOnShown(event -> LOG.info("Console window shown {} ms after the JVM started",
                ManagementFactory.getRuntimeMXBean().getUptime()));
        stage.show();
        // From now on closing the window ends the application (see offerFreshStore).
        Platform.setImplicitExit(true);
        viewModel.start();
        if (session.firstRun()) {
            // First run: the demo house comes alive at once; the simulator panel stops it.
            simulators.start(session.simulator().houses().getFirst(), 0, 0);
        }
    }

    private void offerFreshStore(Stage stage, ConsoleStart.CorruptStore corrupt) {
        ButtonType moveAside = new ButtonType("Move it aside and start fresh", ButtonBar.ButtonData.OK_DONE);
        ButtonType quit = new ButtonType("Quit", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.ERROR, corrupt.problem()
                + "\n\nDomus can move the damaged file aside (it is kept, renamed) and start with an empty store.",
                moveAside, quit);
        alert.setTitle("Domus");
        alert.setHeaderText("The store cannot be opened");
        // No window is open between this dialog and the main window: keep JavaFX running meanwhile.
        Platform.setImplicitExit(false);
        Optional<ButtonType> choice = alert.showAndWait();
        if (choice.isEmpty() || choice.get() != moveAside) {
            launch.result().set(new ConsoleResult.LeftCorruptStore(corrupt.problem()));
            Platform.exit();
            return;
        }
        Task<ConsoleSession> starting = new Task<>() {
            @Override
            protected ConsoleSession call() {
                return corrupt.moveAsideAndStart().get();
            }
        };
        starting.setOnSucceeded(event -> show(stage, starting.getValue()));
        starting.setOnFailed(event -> {
            Throwable failure = starting.getException();
            LOG.debug("Starting on a fresh store failed", failure);
            String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
            launch.result().set(new ConsoleResult.Failed(message));
            Alert error = new Alert(Alert.AlertType.ERROR, message, ButtonType.CLOSE);
            error.setTitle("Domus");
            error.setHeaderText("Domus could not start");
            error.showAndWait();
            Platform.exit();
        });
        background.execute(starting);
    }
}
