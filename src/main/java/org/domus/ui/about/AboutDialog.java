package org.domus.ui.about;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Opens the About dialog: a small window over its owner, closed with Close or Escape. FX thread only. */
public final class AboutDialog {

    static final String BUNDLE = "org.domus.ui.about.messages";

    private AboutDialog() {
    }

    /**
     * Shows the dialog for this build.
     *
     * @param owner      the window it belongs to
     * @param locale     the language of its text
     * @param background where it reads the library list
     * @param ui         how work gets back onto the FX thread
     */
    public static Stage show(Window owner, Locale locale, Executor background, Executor ui) {
        AboutViewModel viewModel = new AboutViewModel(AboutInfo::current, background, ui);
        ResourceBundle messages = ResourceBundle.getBundle(BUNDLE, locale);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(messages.getString("about.title"));
        URL icon = AboutDialog.class.getResource(AboutView.ICON);
        if (icon != null) {
            stage.getIcons().add(new Image(icon.toExternalForm()));
        }
        stage.setScene(new Scene(load(viewModel, locale)));
        stage.show();
        viewModel.load();
        return stage;
    }

    /** The dialog's content, bound to {@code viewModel}, with its text in {@code locale}'s language. */
    static Parent load(AboutViewModel viewModel, Locale locale) {
        Objects.requireNonNull(viewModel, "viewModel");
        URL location = AboutView.class.getResource("AboutView.fxml");
        FXMLLoader loader = new FXMLLoader(location, ResourceBundle.getBundle(BUNDLE, locale));
        loader.setControllerFactory(type -> {
            if (type != AboutView.class) {
                throw new IllegalStateException("no controller for " + type.getName());
            }
            return new AboutView(viewModel);
        });
        try {
            Parent root = loader.load();
            root.getStylesheets().add(Objects.requireNonNull(AboutView.class.getResource("AboutView.css")).toExternalForm());
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + location, e);
        }
    }
}
