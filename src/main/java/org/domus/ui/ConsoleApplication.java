package org.domus.ui;

import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.stage.Stage;
import org.domus.ui.about.AboutDialog;
import org.domus.ui.fx.FrameBridge;
import org.domus.ui.fx.Messages;
import org.domus.ui.notifications.NotificationsView;
import org.domus.ui.notifications.NotificationWatch;
import org.domus.ui.notifications.SystemTrayNotifier;
import org.domus.ui.shell.ConsolePreferences;
import org.domus.ui.shell.ConsoleWindow;
import org.domus.ui.shell.StartingView;
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

    private record Launch(CompletionStage<ConsoleStart> start, Path dataDir, AtomicReference<ConsoleResult> result) {
    }

    private Launch launch;
    private ExecutorService background;
    private ConsoleWindow window;
    private NotificationWatch notifications;
    private javafx.animation.Timeline unreadPoll;
    private Optional<SystemTrayNotifier> tray = Optional.empty();
    private ConsoleSession session;
    private boolean stopped;

    /**
     * Shows the console until the user closes it; on the calling thread (not the FX thread), once per JVM.
     * The window opens at once on its starting frame while {@code start} completes (the core starts beside it,
     * on another thread), and shows the core when it has. Throws if there is no display.
     *
     * @param dataDir the data folder, for the window's remembered size, place, theme and language
     */
    public static ConsoleResult run(CompletionStage<ConsoleStart> start, Path dataDir) {
        Launch launch = new Launch(Objects.requireNonNull(start, "start"), Objects.requireNonNull(dataDir, "dataDir"),
                new AtomicReference<>(new ConsoleResult.Closed()));
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
        ConsolePreferences preferences = ConsolePreferences.load(launch.dataDir());
        Messages messages = Messages.console(preferences.language());
        stage.setTitle(messages.text("app.title"));
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            URL icon = ConsoleApplication.class.getResource("/org/domus/ui/icon/domus-" + size + ".png");
            if (icon != null) {
                // Decoded in the background: the first frame does not wait for the icons.
                stage.getIcons().add(new Image(icon.toExternalForm(), true));
            }
        }
        // The start-up benchmark and the packaging's training run wait for these lines (docs/BENCHMARKS.md).
        stage.setOnShown(event -> LOG.info("Console window shown {} ms after the JVM started",
                ManagementFactory.getRuntimeMXBean().getUptime()));
        // The window is on screen at once, saying the broker is starting, while the core starts beside it.
        StartingView starting = new StartingView(messages, launch.dataDir());
        starting.show(stage, preferences);
        FrameBridge bridge = FrameBridge.onFxThread();
        launch.start().whenComplete((start, failure) -> bridge.execute(() -> started(stage, starting, start, failure)));
    }

    /** The core's start is known: show it, offer a fresh store, or say why it failed. FX thread. */
    private void started(Stage stage, StartingView starting, ConsoleStart start, Throwable failure) {
        if (stopped) {
            return; // the user closed the starting window: the command line closes the core
        }
        ConsoleStart known = failure == null ? start : new ConsoleStart.Failed(oneSentence(failure));
        switch (known) {
            case ConsoleStart.Ready ready -> show(stage, ready.session());
            case ConsoleStart.CorruptStore corrupt -> offerFreshStore(stage, corrupt);
            case ConsoleStart.Failed failed -> {
                starting.notStarted();
                showFailure(stage, failed.problem());
            }
        }
    }

    private static String oneSentence(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        LOG.debug("The core's start failed", cause);
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** Says in one sentence why Domus could not start, then ends the console. */
    private void showFailure(Stage stage, String problem) {
        launch.result().set(new ConsoleResult.Failed(problem));
        Messages messages = Messages.console(ConsolePreferences.load(launch.dataDir()).language());
        Alert error = new Alert(Alert.AlertType.ERROR, problem, ButtonType.CLOSE);
        error.initOwner(stage);
        error.setTitle(messages.text("app.title"));
        error.setHeaderText(messages.text("corrupt.failed"));
        error.showAndWait();
        Platform.exit();
    }

    @Override
    public void stop() {
        stopped = true;
        if (unreadPoll != null) {
            unreadPoll.stop();
        }
        tray.ifPresent(SystemTrayNotifier::close);
        if (notifications != null) {
            notifications.close();
        }
        if (window != null) {
            window.close();
        }
        if (session != null) {
            session.simulator().stop();
        }
        if (background != null) {
            background.shutdownNow();
        }
    }

    private void show(Stage stage, ConsoleSession session) {
        this.session = session;
        FrameBridge bridge = FrameBridge.onFxThread();
        window = new ConsoleWindow(stage, session, background, bridge, ConsoleViews.screens(session),
                ConsoleViews::devices);
        window.scene().getAccelerators().put(new KeyCodeCombination(KeyCode.F1),
                () -> AboutDialog.show(stage, window.language(), background, bridge::execute));
        window.show();
        LOG.info("Console ready {} ms after the JVM started", ManagementFactory.getRuntimeMXBean().getUptime());
        watchNotifications(session, bridge);
        // From now on closing the window ends the application (see offerFreshStore).
        Platform.setImplicitExit(true);
        if (session.firstRun()) {
            // First run: the demo house comes alive at once; the simulator panel stops it.
            background.execute(() -> {
                try {
                    session.simulator().start(session.simulator().houses().getFirst(), 0, 0);
                } catch (RuntimeException e) {
                    LOG.warn("Cannot start the demo house's simulators: {}", e.getMessage());
                }
            });
        }
    }

    /**
     * The status bar's unread count, and a toast for each new desktop notification unless the notification
     * centre is already on screen (it shows its own).
     */
    private void watchNotifications(ConsoleSession session, FrameBridge bridge) {
        tray = SystemTrayNotifier.install(messages(window).text("app.title"));
        notifications = new NotificationWatch(session.rules().notifications(), background, bridge, notification -> {
            Stage stage = (Stage) window.scene().getWindow();
            if (stage.isIconified() || !stage.isFocused()) {
                tray.ifPresent(t -> t.show(notification));
            }
            boolean centreShown = window.shell().viewModel().currentViewProperty().get().equals("screen:notifications");
            if (!centreShown) {
                NotificationsView.showToast(window.scene(), notification);
            }
        });
        window.setUnreadNotifications(notifications.unreadProperty());
        notifications.recount();
        // Reading them in the centre lowers the count: count them again now and then.
        unreadPoll = new javafx.animation.Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.seconds(3),
                event -> notifications.recount()));
        unreadPoll.setCycleCount(javafx.animation.Animation.INDEFINITE);
        unreadPoll.play();
    }

    private static Messages messages(ConsoleWindow window) {
        return Messages.console(window.language());
    }

    private void offerFreshStore(Stage stage, ConsoleStart.CorruptStore corrupt) {
        // The store holds no settings yet: the machine's language, when the console speaks it.
        Messages messages = Messages.console(ConsolePreferences.defaults().language());
        ButtonType moveAside = new ButtonType(messages.text("corrupt.move-aside"), ButtonBar.ButtonData.OK_DONE);
        ButtonType quit = new ButtonType(messages.text("corrupt.quit"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.ERROR, corrupt.problem() + "\n\n" + messages.text("corrupt.offer"),
                moveAside, quit);
        alert.setTitle(messages.text("app.title"));
        alert.setHeaderText(messages.text("corrupt.title"));
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
            error.setTitle(messages.text("app.title"));
            error.setHeaderText(messages.text("corrupt.failed"));
            error.showAndWait();
            Platform.exit();
        });
        background.execute(starting);
    }
}
