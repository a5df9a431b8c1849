package org.domus.ui.about;

import java.text.MessageFormat;
import java.util.Objects;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Window;

/** The About dialog's controller ({@code AboutView.fxml}): binds to its {@link AboutViewModel}, nothing else. */
public final class AboutView {

    /** The app icon on the class path (copied from assets/icon/png by the build). */
    static final String ICON = "/org/domus/ui/icon/domus-128.png";

    private final AboutViewModel viewModel;

    @FXML
    private ResourceBundle resources;
    @FXML
    private ImageView icon;
    @FXML
    private Label versionLabel;
    @FXML
    private Label licenceLabel;
    @FXML
    private Label runtimeLabel;
    @FXML
    private Label placeholderLabel;
    @FXML
    private TableView<Library> librariesTable;
    @FXML
    private TableColumn<Library, String> libraryColumn;
    @FXML
    private TableColumn<Library, String> versionColumn;
    @FXML
    private TableColumn<Library, String> licenceColumn;
    @FXML
    private Button copyButton;
    @FXML
    private Button closeButton;

    public AboutView(AboutViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @FXML
    private void initialize() {
        var iconStream = AboutView.class.getResource(ICON);
        if (iconStream != null) {
            icon.setImage(new Image(iconStream.toExternalForm(), true));
        }
        versionLabel.textProperty().bind(Bindings.createStringBinding(
                () -> MessageFormat.format(resources.getString("about.version"), viewModel.versionProperty().get()),
                viewModel.versionProperty()));
        licenceLabel.textProperty().bind(viewModel.licenceProperty());
        runtimeLabel.textProperty().bind(viewModel.runtimeProperty());
        placeholderLabel.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.problemProperty().get().isEmpty()
                        ? resources.getString(viewModel.loadedProperty().get() ? "about.none" : "about.loading")
                        : MessageFormat.format(resources.getString("about.problem"), viewModel.problemProperty().get()),
                viewModel.problemProperty(), viewModel.loadedProperty()));
        libraryColumn.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().artifact()));
        versionColumn.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().version()));
        licenceColumn.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().licence()));
        librariesTable.setItems(viewModel.libraries());
        copyButton.disableProperty().bind(viewModel.loadedProperty().not());
    }

    @FXML
    private void copyDetails() {
        ClipboardContent content = new ClipboardContent();
        content.putString(viewModel.details());
        Clipboard.getSystemClipboard().setContent(content);
    }

    @FXML
    private void close() {
        Window window = closeButton.getScene().getWindow();
        window.hide();
    }
}
