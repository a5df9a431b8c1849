package org.domus.ui.role;

import java.util.Objects;
import javafx.beans.value.ChangeListener;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.domus.ui.editing.ThemeTokens;
import org.domus.ui.role.RoleViewModel.Step;

/**
 * Asks for the installer's PIN (or, the first time, for a new one twice). Stays open on a wrong PIN and says why;
 * closes when the switch is made or cancelled. Plain controls in code; FX thread.
 */
public final class RoleDialog {

    private final RoleViewModel viewModel;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final PasswordField current = new PasswordField();
    private final PasswordField pin = new PasswordField();
    private final PasswordField confirmation = new PasswordField();
    private final ChangeListener<Step> stepListener = (observable, old, step) -> {
        if (step == Step.IDLE) {
            close();
        } else {
            layout(step);
        }
    };
    private final ChangeListener<String> messageListener = (observable, old, message) -> {
        if (!message.isEmpty()) {
            current.clear();
            pin.clear();
            confirmation.clear();
            (current.isVisible() ? current : pin).requestFocus();
        }
    };
    private final Label header = new Label();
    private final Label currentLabel = new Label();
    private final Label pinLabel = new Label();
    private final Label confirmationLabel = new Label();
    private final Button submit;

    public RoleDialog(RoleViewModel viewModel, Window owner) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(viewModel.text("dialog.title"));
        dialog.setHeaderText(null);
        dialog.getDialogPane().getStyleClass().add("role-dialog");
        dialog.getDialogPane().getStylesheets().add(
                Objects.requireNonNull(RoleDialog.class.getResource("RoleSwitch.css")).toExternalForm());
        ThemeTokens.apply(dialog.getDialogPane());
        ButtonType ok = new ButtonType(viewModel.text("dialog.unlock"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(viewModel.text("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, cancel);
        submit = (Button) dialog.getDialogPane().lookupButton(ok);
        submit.setId("pin-submit");
        submit.disableProperty().bind(viewModel.busyProperty().or(pin.textProperty().isEmpty()));
        // The dialog stays open while the PIN is checked; it closes when the view-model says the switch is made.
        submit.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            submit();
        });

        current.setId("pin-current");
        pin.setId("pin-field");
        pin.setPromptText(viewModel.text("dialog.pin"));
        confirmation.setId("pin-confirmation");
        confirmation.setPromptText(viewModel.text("dialog.confirm"));
        header.setWrapText(true);
        header.setMaxWidth(420);
        header.getStyleClass().add("dialog-text");
        Label message = new Label();
        message.getStyleClass().add("pin-problem");
        message.setWrapText(true);
        message.setMaxWidth(420);
        message.textProperty().bind(viewModel.messageProperty());
        currentLabel.setText(viewModel.text("dialog.current"));
        confirmationLabel.setText(viewModel.text("dialog.confirm"));
        VBox content = new VBox(8, header, currentLabel, current, pinLabel, pin, confirmationLabel, confirmation,
                message);
        content.getStyleClass().add("dialog-body");
        dialog.getDialogPane().setContent(content);
        dialog.setOnHidden(event -> {
            viewModel.stepProperty().removeListener(stepListener);
            viewModel.messageProperty().removeListener(messageListener);
            if (viewModel.stepProperty().get() != Step.IDLE) {
                viewModel.cancel();
            }
            current.clear();
            pin.clear();
            confirmation.clear();
        });
        viewModel.stepProperty().addListener(stepListener);
        viewModel.messageProperty().addListener(messageListener);
        layout(viewModel.stepProperty().get());
    }

    /** Shows the dialog without waiting. */
    public void show() {
        dialog.show();
        (current.isVisible() ? current : pin).requestFocus();
    }

    private void layout(Step step) {
        boolean change = step == Step.CHANGE_PIN;
        boolean twice = step == Step.SET_PIN || change;
        header.setText(viewModel.text(switch (step) {
            case SET_PIN -> "dialog.set";
            case CHANGE_PIN -> "dialog.change";
            default -> "dialog.enter";
        }));
        pinLabel.setText(viewModel.text(change ? "dialog.newPin" : "dialog.pin"));
        show(currentLabel, change);
        show(current, change);
        show(confirmationLabel, twice);
        show(confirmation, twice);
        submit.setText(viewModel.text(switch (step) {
            case SET_PIN -> "dialog.setButton";
            case CHANGE_PIN -> "dialog.changeButton";
            default -> "dialog.unlock";
        }));
        if (dialog.isShowing()) {
            dialog.getDialogPane().getScene().getWindow().sizeToScene();
        }
    }

    private static void show(javafx.scene.Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    private void submit() {
        if (viewModel.stepProperty().get() == Step.SET_PIN) {
            viewModel.submitNewPin(pin.getText().toCharArray(), confirmation.getText().toCharArray());
        } else if (viewModel.stepProperty().get() == Step.CHANGE_PIN) {
            viewModel.submitPinChange(current.getText().toCharArray(), pin.getText().toCharArray(),
                    confirmation.getText().toCharArray());
        } else {
            viewModel.submitPin(pin.getText().toCharArray());
        }
    }

    private void close() {
        if (dialog.isShowing()) {
            dialog.setResult(ButtonType.CLOSE);
            dialog.close();
        }
    }
}
