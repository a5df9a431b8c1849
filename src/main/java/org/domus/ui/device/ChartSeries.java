package org.domus.ui.device;

import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;
import org.domus.model.Attribute;

/**
 * One numeric attribute on the device chart: its points (x in epoch seconds), bounded to
 * {@link DeviceDetailViewModel#MAX_POINTS}, and whether it is shown.
 */
public final class ChartSeries {

    private final Attribute attribute;
    private final ObservableList<XYChart.Data<Number, Number>> points = FXCollections.observableArrayList();
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", true);

    ChartSeries(Attribute attribute) {
        this.attribute = Objects.requireNonNull(attribute, "attribute");
    }

    public Attribute attribute() {
        return attribute;
    }

    /** The attribute's name and unit, as the legend shows it. */
    public String label() {
        String name = attribute.path().attribute();
        return attribute.unit().isEmpty() ? name : name + " (" + attribute.unit() + ")";
    }

    public ObservableList<XYChart.Data<Number, Number>> points() {
        return points;
    }

    public BooleanProperty shownProperty() {
        return shown;
    }
}
