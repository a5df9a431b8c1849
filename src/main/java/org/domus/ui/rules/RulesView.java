package org.domus.ui.rules;

import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.domus.model.Severity;
import org.domus.rules.Condition;
import org.domus.rules.Trigger;

/** The rule list and editor. Binds to {@link RulesViewModel}; no logic of its own. */
public final class RulesView {

    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");
    private static final PseudoClass DISABLED_RULE = PseudoClass.getPseudoClass("disabled-rule");

    private final RulesViewModel viewModel;
    private final ResourceBundle text;

    @FXML private ListView<RuleRow> ruleList;
    @FXML private Button deleteButton;
    @FXML private TextField nameField;
    @FXML private TextField houseField;
    @FXML private CheckBox enabledBox;
    @FXML private ComboBox<TriggerType> triggerChoice;
    @FXML private HBox seriesRow;
    @FXML private TextField seriesField;
    @FXML private HBox thresholdRow;
    @FXML private ComboBox<Trigger.Direction> directionChoice;
    @FXML private TextField limitField;
    @FXML private TextField hysteresisField;
    @FXML private HBox stateRow;
    @FXML private TextField toField;
    @FXML private TextField fromField;
    @FXML private HBox deviceRow;
    @FXML private TextField deviceField;
    @FXML private HBox cronRow;
    @FXML private TextField cronField;
    @FXML private HBox rateRow;
    @FXML private TextField rateField;
    @FXML private HBox holdRow;
    @FXML private Label holdLabel;
    @FXML private TextField holdField;
    @FXML private TextField windowFromField;
    @FXML private TextField windowToField;
    @FXML private TextField conditionSeriesField;
    @FXML private ComboBox<Condition.Comparison> comparisonChoice;
    @FXML private TextField conditionValueField;
    @FXML private CheckBox alertBox;
    @FXML private ComboBox<Severity> severityChoice;
    @FXML private TextField alertMessageField;
    @FXML private TextField commandSeriesField;
    @FXML private TextField commandValueField;
    @FXML private CheckBox notifyBox;
    @FXML private TextField notifySubjectField;
    @FXML private Label messageLabel;
    @FXML private ListView<String> testList;

    public RulesView(RulesViewModel viewModel, ResourceBundle text) {
        this.viewModel = viewModel;
        this.text = text;
    }

    @FXML
    private void initialize() {
        ruleList.setItems(viewModel.rules());
        ruleList.setCellFactory(list -> new RuleCell());
        ruleList.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                viewModel.edit(row);
            }
        });
        deleteButton.disableProperty().bind(ruleList.getSelectionModel().selectedItemProperty().isNull());

        nameField.textProperty().bindBidirectional(viewModel.name);
        houseField.textProperty().bindBidirectional(viewModel.house);
        enabledBox.selectedProperty().bindBidirectional(viewModel.enabled);
        choices(triggerChoice, List.of(TriggerType.values()), t -> text.getString("trigger." + t.name()));
        triggerChoice.valueProperty().bindBidirectional(viewModel.triggerType);
        seriesField.textProperty().bindBidirectional(viewModel.series);
        choices(directionChoice, List.of(Trigger.Direction.values()), d -> text.getString("direction." + d.name()));
        directionChoice.valueProperty().bindBidirectional(viewModel.direction);
        limitField.textProperty().bindBidirectional(viewModel.limit);
        hysteresisField.textProperty().bindBidirectional(viewModel.hysteresis);
        toField.textProperty().bindBidirectional(viewModel.stateTo);
        fromField.textProperty().bindBidirectional(viewModel.stateFrom);
        deviceField.textProperty().bindBidirectional(viewModel.device);
        cronField.textProperty().bindBidirectional(viewModel.cron);
        rateField.textProperty().bindBidirectional(viewModel.rate);
        holdField.textProperty().bindBidirectional(viewModel.holdFor);
        windowFromField.textProperty().bindBidirectional(viewModel.windowFrom);
        windowToField.textProperty().bindBidirectional(viewModel.windowTo);
        conditionSeriesField.textProperty().bindBidirectional(viewModel.conditionSeries);
        choices(comparisonChoice, List.of(Condition.Comparison.values()), c -> text.getString("comparison." + c.name()));
        comparisonChoice.valueProperty().bindBidirectional(viewModel.comparison);
        conditionValueField.textProperty().bindBidirectional(viewModel.conditionValue);
        alertBox.selectedProperty().bindBidirectional(viewModel.raiseAlert);
        choices(severityChoice, List.of(Severity.values()), s -> text.getString("severity." + s.name()));
        severityChoice.valueProperty().bindBidirectional(viewModel.severity);
        severityChoice.disableProperty().bind(alertBox.selectedProperty().not());
        alertMessageField.textProperty().bindBidirectional(viewModel.alertMessage);
        alertMessageField.disableProperty().bind(alertBox.selectedProperty().not());
        commandSeriesField.textProperty().bindBidirectional(viewModel.commandSeries);
        commandValueField.textProperty().bindBidirectional(viewModel.commandValue);
        notifyBox.selectedProperty().bindBidirectional(viewModel.notify);
        notifySubjectField.textProperty().bindBidirectional(viewModel.notifySubject);
        notifySubjectField.disableProperty().bind(notifyBox.selectedProperty().not());

        var type = viewModel.triggerType;
        show(seriesRow, type.isEqualTo(TriggerType.THRESHOLD).or(type.isEqualTo(TriggerType.STATE_CHANGE)));
        show(thresholdRow, type.isEqualTo(TriggerType.THRESHOLD));
        show(stateRow, type.isEqualTo(TriggerType.STATE_CHANGE));
        show(deviceRow, type.isEqualTo(TriggerType.DEVICE_OFFLINE));
        show(cronRow, type.isEqualTo(TriggerType.SCHEDULE));
        show(rateRow, type.isEqualTo(TriggerType.BAD_PAYLOADS));
        show(holdRow, type.isNotEqualTo(TriggerType.SCHEDULE));
        holdLabel.textProperty().bind(Bindings.when(type.isEqualTo(TriggerType.DEVICE_OFFLINE))
                .then(text.getString("field.after")).otherwise(text.getString("field.for")));

        messageLabel.textProperty().bind(viewModel.messageProperty());
        viewModel.problemProperty().addListener((obs, was, is) -> messageLabel.pseudoClassStateChanged(PROBLEM, is));
        testList.setItems(viewModel.testLines());
        viewModel.refresh();
    }

    @FXML
    private void newRule() {
        ruleList.getSelectionModel().clearSelection();
        viewModel.newRule();
    }

    @FXML
    private void delete() {
        viewModel.delete(ruleList.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void save() {
        viewModel.save();
    }

    @FXML
    private void testNow() {
        viewModel.testNow();
    }

    private static void show(Node node, BooleanBinding when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(when);
    }

    private static <T> void choices(ComboBox<T> box, List<T> values, Function<T, String> label) {
        box.getItems().setAll(values);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : label.apply(value);
            }

            @Override
            public T fromString(String string) {
                return null;
            }
        });
    }

    /** A rule: its on/off switch, name and summary. */
    private final class RuleCell extends ListCell<RuleRow> {
        private final CheckBox enabled = new CheckBox();
        private final Label name = new Label();
        private final Label summary = new Label();
        private final HBox box;

        RuleCell() {
            getStyleClass().add("rule-cell");
            setPrefWidth(0); // follow the list's width, wrapping the summary, rather than scroll sideways
            name.getStyleClass().add("name");
            summary.getStyleClass().add("summary");
            summary.setWrapText(true);
            VBox texts = new VBox(2, name, summary);
            HBox.setHgrow(texts, Priority.ALWAYS);
            box = new HBox(8, enabled, texts);
            enabled.setOnAction(event -> {
                if (getItem() != null) {
                    viewModel.setEnabled(getItem(), enabled.isSelected());
                }
            });
            enabled.setAccessibleText(text.getString("rules.enabled"));
        }

        @Override
        protected void updateItem(RuleRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            enabled.setSelected(row.enabled());
            name.setText(row.name() + "  ·  " + row.house());
            summary.setText(row.summary());
            pseudoClassStateChanged(DISABLED_RULE, !row.enabled());
            setGraphic(box);
        }
    }
}
