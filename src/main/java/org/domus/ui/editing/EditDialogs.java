package org.domus.ui.editing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The editing dialogs: a name (and slug) form, a choice (where to move something), and the delete confirmation
 * that says what will be removed. Plain controls in code, text from {@link ModelText}, styled by
 * {@code ModelEditorView.css}. FX thread; each blocks until closed ({@code showAndWait}).
 */
public final class EditDialogs {

    private final ModelText text;
    private final Supplier<Window> owner;

    public EditDialogs(ModelText text, Supplier<Window> owner) {
        this.text = Objects.requireNonNull(text, "text");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** An extra row of a form: a label and its control. */
    public record Row(String label, Node control) {
    }

    /**
     * Asks for a name (and a slug if the form has one) plus {@code extra} rows; the save button is enabled only
     * while the form is valid. Returns the form when saved.
     */
    public Optional<NameForm> askName(String title, NameForm form, String saveKey, List<Row> extra) {
        Dialog<ButtonType> dialog = dialog(title);
        ButtonType save = new ButtonType(text.get(saveKey), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(save, cancel());

        GridPane grid = grid();
        TextField name = new TextField();
        name.setId("name-field");
        name.textProperty().bindBidirectional(form.nameProperty());
        name.setPrefColumnCount(28);
        int row = 0;
        grid.addRow(row++, label("dialog.name"), name);
        if (form.hasSlug()) {
            TextField slug = new TextField();
            slug.setId("slug-field");
            slug.textProperty().bindBidirectional(form.slugProperty());
            grid.addRow(row++, label("dialog.slug"), slug);
            Label hint = new Label(text.get("dialog.slugHint"));
            hint.getStyleClass().add("hint");
            hint.setWrapText(true);
            grid.add(hint, 1, row++);
        }
        for (Row extraRow : extra) {
            grid.addRow(row++, new Label(extraRow.label()), extraRow.control());
        }
        Label problem = new Label();
        problem.getStyleClass().add("form-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(form.problemProperty());
        grid.add(problem, 0, row, 2, 1);

        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().lookupButton(save).disableProperty().bind(form.validProperty().not());
        dialog.setOnShown(event -> name.requestFocus());
        return dialog.showAndWait().filter(save::equals).map(button -> form);
    }

    /** Lets the user pick one of {@code options}; empty when cancelled. */
    public <T> Optional<T> choose(String title, String header, List<T> options, Function<T, String> label, T initial) {
        Dialog<ButtonType> dialog = dialog(title);
        ButtonType ok = new ButtonType(text.get("dialog.ok"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, cancel());
        ComboBox<T> choice = combo(options, label);
        choice.getSelectionModel().select(initial);
        VBox content = new VBox(10, wrapped(header), choice);
        content.getStyleClass().add("dialog-body");
        dialog.getDialogPane().setContent(content);
        return dialog.showAndWait().filter(ok::equals).map(button -> choice.getValue());
    }

    /** Says what deleting removes and asks; true when the user confirmed. */
    public boolean confirmDelete(String title, String impact) {
        return confirm(title, impact, List.of()).isPresent();
    }

    /** A place a deleted room's devices go: another room, or the inbox ({@code roomId} null). */
    public record Destination(String label, Long roomId) {
    }

    /**
     * Says what deleting the room removes and asks where its devices go (the first of {@code destinations} is
     * proposed). Returns the choice, empty when cancelled.
     */
    public Optional<Destination> confirmRoomDelete(String title, String impact, List<Destination> destinations) {
        return confirm(title, impact, destinations);
    }

    private Optional<Destination> confirm(String title, String impact, List<Destination> destinations) {
        Dialog<ButtonType> dialog = dialog(title);
        ButtonType delete = new ButtonType(text.get("dialog.delete.button"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = cancel();
        dialog.getDialogPane().getButtonTypes().addAll(delete, cancel);
        Button deleteButton = (Button) dialog.getDialogPane().lookupButton(delete);
        deleteButton.getStyleClass().add("danger");
        deleteButton.setId("confirm-delete");
        // Deleting is never the default: Enter alone must not delete.
        deleteButton.setDefaultButton(false);
        ((Button) dialog.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        VBox content = new VBox(12, wrapped(impact));
        content.getStyleClass().add("dialog-body");
        ComboBox<Destination> where = combo(destinations, Destination::label);
        if (!destinations.isEmpty()) {
            where.getSelectionModel().selectFirst();
            content.getChildren().add(where);
        }
        dialog.getDialogPane().setContent(content);
        Optional<ButtonType> answer = dialog.showAndWait();
        if (answer.isEmpty() || !answer.get().equals(delete)) {
            return Optional.empty();
        }
        Destination chosen = where.getValue();
        return Optional.of(chosen == null ? new Destination("", null) : chosen);
    }

    private Dialog<ButtonType> dialog(String title) {
        Dialog<ButtonType> dialog = new Dialog<>();
        Window window = owner.get();
        if (window != null) {
            dialog.initOwner(window);
        }
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.getDialogPane().getStyleClass().add("model-dialog");
        dialog.getDialogPane().getStylesheets().add(
                Objects.requireNonNull(EditDialogs.class.getResource("ModelEditorView.css")).toExternalForm());
        dialog.getDialogPane().setMinWidth(460);
        ThemeTokens.apply(dialog.getDialogPane());
        return dialog;
    }

    private ButtonType cancel() {
        return new ButtonType(text.get("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
    }

    private Label label(String key) {
        return new Label(text.get(key));
    }

    private static Label wrapped(String content) {
        Label label = new Label(content);
        label.setWrapText(true);
        label.setMaxWidth(520);
        label.getStyleClass().add("dialog-text");
        return label;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("form-grid");
        grid.setHgap(10);
        grid.setVgap(8);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        return grid;
    }

    static <T> ComboBox<T> combo(List<T> options, Function<T, String> label) {
        ComboBox<T> combo = new ComboBox<>(FXCollections.observableArrayList(new ArrayList<>(options)));
        combo.setMaxWidth(Double.MAX_VALUE);
        combo.setConverter(new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : label.apply(value);
            }

            @Override
            public T fromString(String string) {
                return null;
            }
        });
        combo.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : label.apply(item));
            }
        });
        return combo;
    }
}
