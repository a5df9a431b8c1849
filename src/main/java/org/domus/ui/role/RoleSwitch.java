package org.domus.ui.role;

import java.util.Objects;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.domus.ui.editing.ThemeTokens;
import org.domus.ui.role.RoleViewModel.Step;

/**
 * The current mode and the button that switches it: to installer mode through {@link RoleDialog}, back to
 * homeowner mode at once. A plain control; style class {@code role-switch}, pseudo-class {@code :installer}.
 */
public final class RoleSwitch extends HBox {

    private static final PseudoClass INSTALLER = PseudoClass.getPseudoClass("installer");

    public RoleSwitch(RoleViewModel viewModel) {
        Objects.requireNonNull(viewModel, "viewModel");
        getStyleClass().add("role-switch");
        getStylesheets().add(Objects.requireNonNull(RoleSwitch.class.getResource("RoleSwitch.css")).toExternalForm());
        ThemeTokens.apply(this);
        setAlignment(Pos.CENTER_RIGHT);
        setSpacing(10);
        Label mode = new Label();
        mode.getStyleClass().add("mode");
        mode.setId("role-mode");
        Button toggle = new Button();
        toggle.setId("role-toggle");
        Tooltip tooltip = new Tooltip();
        toggle.setTooltip(tooltip);
        Runnable update = () -> {
            boolean installer = viewModel.installerModeProperty().get();
            mode.setText(viewModel.text(installer ? "mode.installer" : "mode.homeowner"));
            toggle.setText(viewModel.text(installer ? "switch.toHomeowner" : "switch.toInstaller"));
            tooltip.setText(viewModel.text(installer ? "tooltip.toHomeowner" : "tooltip.toInstaller"));
            pseudoClassStateChanged(INSTALLER, installer);
        };
        viewModel.installerModeProperty().addListener((observable, old, installer) -> update.run());
        update.run();
        toggle.disableProperty().bind(viewModel.busyProperty());
        Button changePin = new Button(viewModel.text("switch.changePin"));
        changePin.setId("role-change-pin");
        changePin.setTooltip(new Tooltip(viewModel.text("tooltip.changePin")));
        changePin.visibleProperty().bind(viewModel.installerModeProperty());
        changePin.managedProperty().bind(changePin.visibleProperty());
        changePin.disableProperty().bind(viewModel.busyProperty());
        changePin.setOnAction(event -> viewModel.beginChangePin());
        toggle.setOnAction(event -> {
            if (viewModel.installerModeProperty().get()) {
                viewModel.leaveInstallerMode();
            } else {
                viewModel.beginSwitch();
            }
        });
        viewModel.stepProperty().addListener((observable, old, step) -> {
            if (old == Step.IDLE && step != Step.IDLE) {
                new RoleDialog(viewModel, getScene() == null ? null : getScene().getWindow()).show();
            }
        });
        getChildren().addAll(mode, changePin, toggle);
    }
}
