package org.domus.ui.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * The screens the side bar lists below the houses: the extension point of the shell. A feature mounts its
 * screen with one line, for example
 * <pre>{@code
 * screens.add(new ConsoleScreens.Screen("rules", locale -> RulesView.title(locale), MaterialDesignR.ROBOT,
 *         context -> ConsoleScreens.mounted(new RulesView(...))));
 * }</pre>
 * Each screen is made when shown and closed when another view replaces it (or the language changes).
 */
public final class ConsoleScreens {

    /** What a screen factory returns: the node to show, and what to close when it goes. */
    public record Mounted(Node root, AutoCloseable onClose) {
        public Mounted {
            Objects.requireNonNull(root, "root");
            onClose = onClose == null ? () -> { } : onClose;
        }
    }

    /**
     * One screen: {@code id} (stable, kebab-case: it names the view in the remembered settings), its title in a
     * locale (from the feature's own bundle), its side-bar icon and how to make it.
     */
    public record Screen(String id, Function<Locale, String> title, Ikon icon, Function<ScreenContext, Mounted> factory,
                         boolean installerOnly) {
        /** A screen everyone sees. */
        public Screen(String id, Function<Locale, String> title, Ikon icon, Function<ScreenContext, Mounted> factory) {
            this(id, title, icon, factory, false);
        }

        /** The same screen, listed only in installer mode. */
        public Screen forInstallers() {
            return new Screen(id, title, icon, factory, true);
        }

        public Screen {
            if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("a screen id is kebab-case: " + id);
            }
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(icon, "icon");
            Objects.requireNonNull(factory, "factory");
        }
    }

    private final List<Screen> screens = new ArrayList<>();
    private final List<Function<ScreenContext, Node>> headerTools = new ArrayList<>();
    private final BooleanProperty installerMode = new SimpleBooleanProperty(this, "installerMode", false);

    /** True while the console is in installer mode: installer-only screens are listed then. FX thread. */
    public BooleanProperty installerModeProperty() {
        return installerMode;
    }

    /** Adds a screen at the end of the list; an id already listed is refused. */
    public ConsoleScreens add(Screen screen) {
        Objects.requireNonNull(screen, "screen");
        if (find(screen.id()).isPresent()) {
            throw new IllegalArgumentException("a screen with id " + screen.id() + " is already listed");
        }
        screens.add(screen);
        return this;
    }

    /** Adds a control to the window's header (the role switch, for example), made anew with each shell. */
    public ConsoleScreens addHeaderTool(Function<ScreenContext, Node> tool) {
        headerTools.add(Objects.requireNonNull(tool, "tool"));
        return this;
    }

    public List<Function<ScreenContext, Node>> headerTools() {
        return List.copyOf(headerTools);
    }

    public List<Screen> screens() {
        return List.copyOf(screens);
    }

    public java.util.Optional<Screen> find(String id) {
        return screens.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** A screen made of a node and whatever it needs closing. */
    public static Mounted mounted(Node root, AutoCloseable onClose) {
        return new Mounted(root, onClose);
    }
}
