package org.domus.ui.fx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.util.Callback;

/**
 * Builds every FXML controller, by constructor injection: a view registers how its controller is made, and
 * {@link #load} loads {@code XxxView.fxml} (beside the class {@code XxxView}) with it. No static singletons.
 */
public final class ControllerFactory implements Callback<Class<?>, Object> {

    private final Map<Class<?>, Supplier<?>> suppliers = new HashMap<>();

    /** A view and its controller, as loaded. */
    public record Loaded<T>(Parent root, T controller) {
    }

    public <T> ControllerFactory register(Class<T> type, Supplier<? extends T> supplier) {
        suppliers.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(supplier, "supplier"));
        return this;
    }

    @Override
    public Object call(Class<?> type) {
        Supplier<?> supplier = suppliers.get(type);
        if (supplier == null) {
            throw new IllegalStateException("no controller registered for " + type.getName());
        }
        return supplier.get();
    }

    /** Loads {@code Type.fxml} from the resources beside {@code type}, its controller made by this factory. */
    public <T> Loaded<T> load(Class<T> type) {
        return load(type, null);
    }

    /**
     * Loads {@code Type.fxml} with {@code resources} for its {@code %key} texts (null: none), its controller
     * made by this factory.
     */
    public <T> Loaded<T> load(Class<T> type, java.util.ResourceBundle resources) {
        String name = type.getSimpleName() + ".fxml";
        URL location = type.getResource(name);
        if (location == null) {
            throw new IllegalStateException("no " + name + " beside " + type.getName());
        }
        FXMLLoader loader = new FXMLLoader(location, resources);
        loader.setControllerFactory(this);
        loader.setResources(resources);
        try {
            Parent root = loader.load();
            return new Loaded<>(root, type.cast(loader.getController()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + location, e);
        }
    }
}
