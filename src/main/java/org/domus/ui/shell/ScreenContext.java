package org.domus.ui.shell;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.domus.ui.ConsoleSession;
import org.domus.ui.fx.FrameBridge;
import org.domus.ui.fx.Messages;
import org.domus.ui.live.CommandTracker;
import org.domus.ui.live.HomeLive;

/**
 * What a screen is given when the shell mounts it: the running core, a worker for slow work, the bridge onto
 * the FX thread, the shared live houses and commands, the language, and a way to show another view.
 */
public record ScreenContext(ConsoleSession session, Executor background, FrameBridge bridge, HomeLive home,
                            CommandTracker commands, Locale locale, Messages messages, Navigator navigator) {
    public ScreenContext {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(navigator, "navigator");
    }

    /** Moves between views; FX thread. */
    public interface Navigator {
        /** Shows a view by its name ({@link ViewId}). */
        void show(String viewId);

        /** Goes back from a device to the view it was opened from. */
        void back();
    }
}
