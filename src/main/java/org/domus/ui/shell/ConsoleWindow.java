package org.domus.ui.shell;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.domus.model.DeviceAddress;
import org.domus.ui.ConsoleSession;
import org.domus.ui.fx.FrameBridge;
import org.domus.ui.fx.Messages;
import org.domus.ui.fx.Theme;
import org.domus.ui.live.CommandGateway;
import org.domus.ui.live.CommandTracker;
import org.domus.ui.live.HomeLive;

/**
 * The console window: the shell in a stage, with what outlives a change of language (the live houses, the
 * command tracker, the remembered settings). Restores size, position, last view, theme and language; saves them
 * as they change and when the window closes. Keyboard: Ctrl+F search, Ctrl+1 the first house, Ctrl+2… the
 * screens, Alt+Left or Escape back from a device, Ctrl+T theme, F11 full screen, Ctrl+Q quit.
 */
public final class ConsoleWindow implements AutoCloseable {

    private final Stage stage;
    private final ConsoleSession session;
    private final Executor background;
    private final FrameBridge bridge;
    private final ConsoleScreens screens;
    private final Function<ScreenContext, Function<DeviceAddress, ConsoleScreens.Mounted>> deviceViews;
    private final HomeLive home;
    private final CommandTracker commands;
    private final Scene scene;
    private ConsolePreferences preferences;
    private ShellView shell;
    private javafx.beans.value.ObservableIntegerValue unreadNotifications;

    /**
     * @param screens     the side bar's screens (Simulators, …)
     * @param deviceViews makes a device's detail view
     */
    public ConsoleWindow(Stage stage, ConsoleSession session, Executor background, FrameBridge bridge,
                         ConsoleScreens screens,
                         Function<ScreenContext, Function<DeviceAddress, ConsoleScreens.Mounted>> deviceViews) {
        this(stage, session, background, bridge, screens, deviceViews, CommandGateway.of(session.commands()));
    }

    /** As above, sending commands through {@code gateway}. */
    public ConsoleWindow(Stage stage, ConsoleSession session, Executor background, FrameBridge bridge,
                         ConsoleScreens screens,
                         Function<ScreenContext, Function<DeviceAddress, ConsoleScreens.Mounted>> deviceViews,
                         CommandGateway gateway) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.session = Objects.requireNonNull(session, "session");
        this.background = Objects.requireNonNull(background, "background");
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.screens = Objects.requireNonNull(screens, "screens");
        this.deviceViews = deviceViews;
        this.preferences = ConsolePreferences.load(session.dataDir());
        this.home = new HomeLive(session.store().houses(), session.store().history(), session.liveState(),
                background, bridge, Clock.systemUTC());
        this.commands = new CommandTracker(gateway, bridge);
        preferences.theme().apply();
        this.scene = new Scene(new javafx.scene.layout.Pane(), preferences.width(), preferences.height());
        installShortcuts();
    }

    /** Shows the window on the remembered view (or the first house once the houses are read). FX thread. */
    public void show() {
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        if (!stage.isShowing()) {
            // (Already showing: the starting frame, placed the same way; the user may have moved it since.)
            restoreBounds(stage, preferences);
        }
        build(preferences.language());
        stage.show();
        trackBounds();
        String remembered = preferences.lastView();
        // A remembered tool opens at once; anything else once the houses are read (an empty state meanwhile).
        shell.show(remembered.startsWith("screen:") ? remembered : "");
        home.structureProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends org.domus.ui.live.HomeStructure> o,
                                org.domus.ui.live.HomeStructure old, org.domus.ui.live.HomeStructure now) {
                if (showInitial(remembered, now)) {
                    home.structureProperty().removeListener(this);
                }
            }
        });
        home.start();
        // A reader on the calling thread has the houses already.
        showInitial(remembered, home.structure());
    }

    /**
     * The hook for the notifications feature: the count of unread notifications (changed on the FX thread); the
     * status bar shows it from then on, across language switches. Null hides it again.
     */
    public void setUnreadNotifications(javafx.beans.value.ObservableIntegerValue unread) {
        unreadNotifications = unread;
        if (shell != null) {
            shell.viewModel().setUnreadNotifications(unread);
        }
    }

    /** The language the console speaks now. */
    public Locale language() {
        return preferences.language();
    }

    /** The side bar's screens, and whether installer-only ones are listed. */
    public ConsoleScreens screens() {
        return screens;
    }

    /** Shows the remembered view (or the first house) once there are houses; whether it did. */
    private boolean showInitial(String remembered, org.domus.ui.live.HomeStructure structure) {
        if (structure.houses().isEmpty()) {
            return false;
        }
        if (shell.viewModel().currentViewProperty().get().isEmpty()) {
            shell.show(shell.viewModel().initialView(remembered).orElse(remembered));
        }
        return true;
    }

    public ShellView shell() {
        return shell;
    }

    public HomeLive home() {
        return home;
    }

    public Scene scene() {
        return scene;
    }

    /** Switches the language: the shell is rebuilt in it, on the same view. FX thread. */
    public void setLanguage(Locale language) {
        String view = shell == null ? "" : shell.viewModel().currentViewProperty().get();
        remember(preferences.withLanguage(language));
        build(language);
        if (!view.isEmpty()) {
            shell.show(view);
        }
    }

    /** Switches the theme at once (every view styles itself with the theme's tokens). FX thread. */
    public void setTheme(Theme theme) {
        theme.apply();
        remember(preferences.withTheme(theme));
    }

    private void build(Locale language) {
        ShellView old = shell;
        Messages messages = Messages.console(language);
        ShellViewModel viewModel = new ShellViewModel(home, session.broker(), session.simulator(), messages);
        viewModel.setUnreadNotifications(unreadNotifications);
        ShellView[] created = new ShellView[1];
        ScreenContext.Navigator navigator = new ScreenContext.Navigator() {
            @Override
            public void show(String viewId) {
                created[0].show(viewId);
            }

            @Override
            public void back() {
                created[0].back();
            }
        };
        ScreenContext context = new ScreenContext(session, background, bridge, home, commands, language, messages,
                navigator);
        ShellView.Options options = new ShellView.Options(preferences.theme(),
                !preferences.demoBannerDismissed(), this::setTheme, this::setLanguage,
                () -> remember(preferences.withDemoBannerDismissed(true)),
                viewId -> remember(preferences.withLastView(viewId)));
        created[0] = new ShellView(viewModel, screens, context, options, deviceViews);
        if (old != null) {
            old.close();
        }
        shell = created[0];
        scene.setRoot(shell.root());
        stage.setTitle(messages.text("app.title"));
    }

    private void installShortcuts() {
        var accelerators = scene.getAccelerators();
        accelerators.put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), Platform::exit);
        accelerators.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> shell.focusSearch());
        accelerators.put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), () -> shell.toggleTheme());
        accelerators.put(new KeyCodeCombination(KeyCode.F11), () -> stage.setFullScreen(!stage.isFullScreen()));
        accelerators.put(new KeyCodeCombination(KeyCode.LEFT, KeyCombination.ALT_DOWN), () -> shell.back());
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
            KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9};
        for (int i = 0; i < digits.length; i++) {
            int index = i;
            accelerators.put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN),
                    () -> shell.showShortcut(index));
        }
        scene.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE && !event.isConsumed()) {
                shell.back();
            }
        });
    }

    /** Takes {@code changed} and writes it in the background (a crash or a kill keeps the last view). */
    private void remember(ConsolePreferences changed) {
        preferences = changed;
        ConsolePreferences snapshot = changed;
        background.execute(() -> snapshot.save(session.dataDir()));
    }

    /** Follows the window's bounds while it is neither maximised nor full screen. */
    private void trackBounds() {
        javafx.beans.InvalidationListener moved = o -> {
            if (stage.isShowing() && !stage.isMaximized() && !stage.isFullScreen()) {
                preferences = preferences.withWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                        false);
            }
        };
        stage.xProperty().addListener(moved);
        stage.yProperty().addListener(moved);
        stage.widthProperty().addListener(moved);
        stage.heightProperty().addListener(moved);
        stage.maximizedProperty().addListener((o, was, now) -> preferences = preferences.withWindow(preferences.x(),
                preferences.y(), preferences.width(), preferences.height(), now));
    }

    /** Puts {@code stage} where {@code preferences} remember it (also the starting window's place). */
    static void restoreBounds(Stage stage, ConsolePreferences preferences) {
        stage.setWidth(preferences.width());
        stage.setHeight(preferences.height());
        if (preferences.hasPosition() && !Screen.getScreensForRectangle(new Rectangle2D(preferences.x(),
                preferences.y(), Math.min(200, preferences.width()), 40)).isEmpty()) {
            stage.setX(preferences.x());
            stage.setY(preferences.y());
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(preferences.maximized());
    }

    /** Saves the window's bounds and view, stops following the core. FX thread. */
    @Override
    public void close() {
        preferences.save(session.dataDir());
        if (shell != null) {
            shell.close();
        }
        commands.close();
        home.close();
    }
}
