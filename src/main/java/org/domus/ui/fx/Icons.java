package org.domus.ui.fx;

import java.util.Locale;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/** Icons from the Material Design 2 font (Ikonli), and which one a kind of device gets. */
public final class Icons {

    private Icons() {
    }

    /** A font icon of {@code size} pixels, coloured by CSS ({@code -fx-icon-color}) like text. */
    public static FontIcon of(Ikon ikon, int size) {
        FontIcon icon = new FontIcon(ikon);
        icon.setIconSize(size);
        icon.getStyleClass().add("icon");
        return icon;
    }

    /** The icon of a device kind (the simulator type slug, or a vendor's kind); a chip for unknown kinds. */
    public static Ikon forDeviceKind(String kind) {
        String k = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
        if (k.contains("thermostat")) {
            return MaterialDesignT.THERMOSTAT;
        }
        if (k.contains("colour") || k.contains("color") || k.contains("rgb")) {
            return MaterialDesignL.LIGHTBULB_MULTIPLE_OUTLINE;
        }
        if (k.contains("dimm")) {
            return MaterialDesignL.LIGHTBULB_ON_OUTLINE;
        }
        if (k.contains("light") || k.contains("lamp") || k.contains("bulb")) {
            return MaterialDesignL.LIGHTBULB_OUTLINE;
        }
        if (k.contains("plug") || k.contains("switch") || k.contains("socket")) {
            return MaterialDesignP.POWER_SOCKET_EU;
        }
        if (k.contains("blind") || k.contains("shutter") || k.contains("cover")) {
            return MaterialDesignB.BLINDS;
        }
        if (k.contains("co2") || k.contains("air")) {
            return MaterialDesignM.MOLECULE_CO2;
        }
        if (k.contains("smoke")) {
            return MaterialDesignS.SMOKE_DETECTOR;
        }
        if (k.contains("leak") || k.contains("water")) {
            return MaterialDesignW.WATER_ALERT_OUTLINE;
        }
        if (k.contains("motion") || k.contains("presence") || k.contains("occupancy")) {
            return MaterialDesignM.MOTION_SENSOR;
        }
        if (k.contains("door") || k.contains("window") || k.contains("contact")) {
            return MaterialDesignD.DOOR;
        }
        if (k.contains("temperature") || k.contains("humidity") || k.contains("climate")) {
            return MaterialDesignT.THERMOMETER;
        }
        if (k.contains("alarm")) {
            return MaterialDesignA.ALARM_LIGHT_OUTLINE;
        }
        return MaterialDesignC.CHIP;
    }
}
