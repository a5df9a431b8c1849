package org.domus.ui.shell;

import java.nio.file.Path;
import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.domus.ui.fx.Icons;
import org.domus.ui.fx.Messages;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;

/**
 * The console window while the core starts (store, broker, ingest run up beside the window): the shell's frame
 * — header, an empty side bar, the status bar saying the broker is starting — so that the window is on screen
 * at once. {@link ConsoleWindow#show} replaces it with the shell when the core is up.
 */
public final class StartingView {

    private final BorderPane root = new BorderPane();
    private final Messages messages;
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Label text;
    private final Label broker;

    public StartingView(Messages messages, Path dataDir) {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(dataDir, "dataDir");
        this.messages = messages;
        root.getStyleClass().addAll("shell", "starting");
        root.getStylesheets().add(Objects.requireNonNull(ShellView.class.getResource("ShellView.css")).toExternalForm());

        var logo = Icons.of(MaterialDesignH.HOME_AUTOMATION, 22);
        logo.getStyleClass().add("logo");
        Label title = new Label(messages.text("app.title"));
        title.getStyleClass().add("app-title");
        // As tall as the shell's, with no tools in it: ShellView.css gives the header its height.
        HBox header = new HBox(10, logo, title);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("header");
        root.setTop(header);

        VBox side = new VBox();
        side.getStyleClass().add("side-bar");
        root.setLeft(side);

        progress.setMaxSize(36, 36);
        text = new Label(messages.text("starting.text"));
        text.getStyleClass().add("view-empty");
        VBox center = new VBox(12, progress, text);
        center.setAlignment(Pos.CENTER);
        center.getStyleClass().add("content");
        root.setCenter(center);

        broker = new Label(messages.text("status.broker-starting"), Icons.of(MaterialDesignC.CHECK_NETWORK_OUTLINE, 14));
        broker.getStyleClass().addAll("status-item", "broker-starting");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label data = new Label(messages.format("status.data", dataDir), Icons.of(MaterialDesignF.FOLDER_OUTLINE, 14));
        data.getStyleClass().addAll("status-item", "data-folder");
        data.setMinWidth(0);
        HBox bar = new HBox(14, broker, spacer, data);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        root.setBottom(bar);
    }

    /**
     * Shows the starting frame in {@code stage}, with the size, place and theme the window remembers (the shell
     * then takes the same stage without moving it). FX thread.
     */
    public void show(Stage stage, ConsolePreferences preferences) {
        preferences.theme().apply();
        stage.setScene(new Scene(root, preferences.width(), preferences.height()));
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        ConsoleWindow.restoreBounds(stage, preferences);
        stage.show();
    }

    /**
     * The core did not start (the dialog in front says why): the frame stops saying that the broker is starting.
     * FX thread.
     */
    public void notStarted() {
        progress.setVisible(false);
        text.setText(messages.text("corrupt.failed"));
        broker.setText(messages.text("status.broker-down"));
        broker.getStyleClass().remove("broker-starting");
        broker.getStyleClass().add("broker-down");
    }

    public Parent root() {
        return root;
    }
}
