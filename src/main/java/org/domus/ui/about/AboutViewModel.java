package org.domus.ui.about;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The About dialog's state: Domus's version and licence, the runtime, and the libraries with their versions and
 * licences. {@link #load} reads them on the background executor and publishes them on the UI executor; every
 * other method runs on the UI thread.
 */
public final class AboutViewModel {

    private final Supplier<AboutInfo> source;
    private final Executor background;
    private final Executor ui;

    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper licence = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper runtime = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<Library> libraries = FXCollections.observableArrayList();
    private final ObservableList<Library> librariesView = FXCollections.unmodifiableObservableList(libraries);

    /**
     * @param source     what to show ({@link AboutInfo#current} in the console)
     * @param background where the source is read
     * @param ui         where the results are published (the FX thread)
     */
    public AboutViewModel(Supplier<AboutInfo> source, Executor background, Executor ui) {
        this.source = Objects.requireNonNull(source, "source");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    /** Reads what to show; the properties change once it is read. */
    public void load() {
        background.execute(() -> {
            AboutInfo info;
            try {
                info = source.get();
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                ui.execute(() -> problem.set(message));
                return;
            }
            ui.execute(() -> show(info));
        });
    }

    private void show(AboutInfo info) {
        version.set(info.version());
        licence.set(info.licence());
        runtime.set(info.runtime());
        libraries.setAll(info.libraries());
        problem.set("");
        loaded.set(true);
    }

    /** Plain text of everything shown, for a bug report (the dialog's Copy button). */
    public String details() {
        StringBuilder text = new StringBuilder("Domus ").append(version.get()).append('\n')
                .append("Licence: ").append(licence.get()).append('\n')
                .append("Runtime: ").append(runtime.get()).append('\n')
                .append("Libraries:\n");
        for (Library library : libraries) {
            text.append("  ").append(library.coordinates()).append(' ').append(library.version())
                    .append(" (").append(library.licence()).append(")\n");
        }
        return text.toString();
    }

    public ReadOnlyStringProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty licenceProperty() {
        return licence.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runtimeProperty() {
        return runtime.getReadOnlyProperty();
    }

    /** Why the list could not be read; empty when it could. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ObservableList<Library> libraries() {
        return librariesView;
    }

    /** The libraries as a list that does not change (for tests and copies). */
    List<Library> librarySnapshot() {
        return List.copyOf(libraries);
    }
}
