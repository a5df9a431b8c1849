package org.domus.ui;

import java.util.function.Function;
import org.domus.model.DeviceAddress;
import org.domus.ui.fx.ControllerFactory;
import org.domus.ui.fx.Messages;
import org.domus.ui.houses.HousesView;
import org.domus.ui.houses.HousesViewModel;
import org.domus.ui.shell.ConsoleScreens;
import org.domus.ui.shell.ScreenContext;
import org.domus.ui.simulator.SimulatorView;
import org.domus.ui.simulator.SimulatorViewModel;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/**
 * The screens of the console's side bar, in order (Ctrl+2, Ctrl+3, … show them). A feature adds its screen
 * here with one line.
 */
public final class ConsoleViews {

    private ConsoleViews() {
    }

    public static ConsoleScreens screens() {
        return new ConsoleScreens()
                .add(new ConsoleScreens.Screen("devices", title("screen.devices"), MaterialDesignF.FILE_TREE_OUTLINE,
                        ConsoleViews::devicesTable))
                .add(new ConsoleScreens.Screen("simulators", title("screen.simulators"),
                        MaterialDesignM.MOTION_PLAY_OUTLINE, ConsoleViews::simulators));
    }

    /** A device's detail view. */
    public static Function<DeviceAddress, ConsoleScreens.Mounted> devices(ScreenContext context) {
        return address -> org.domus.ui.device.DeviceDetailView.mount(context, address);
    }

    private static Function<java.util.Locale, String> title(String key) {
        return locale -> Messages.console(locale).text(key);
    }

    private static ConsoleScreens.Mounted devicesTable(ScreenContext context) {
        HousesViewModel viewModel = new HousesViewModel(context.session().store().houses(),
                context.session().liveState(), context.background(), context.bridge(), context.messages());
        ControllerFactory.Loaded<HousesView> loaded = new ControllerFactory()
                .register(HousesView.class, () -> new HousesView(viewModel, context.messages()))
                .load(HousesView.class, context.messages().bundle());
        viewModel.start();
        return ConsoleScreens.mounted(loaded.root(), loaded.controller());
    }

    private static ConsoleScreens.Mounted simulators(ScreenContext context) {
        SimulatorViewModel viewModel = new SimulatorViewModel(context.session().simulator(), context.background(),
                context.bridge()::execute, context.messages());
        ControllerFactory.Loaded<SimulatorView> loaded = new ControllerFactory()
                .register(SimulatorView.class, () -> new SimulatorView(viewModel))
                .load(SimulatorView.class, context.messages().bundle());
        return ConsoleScreens.mounted(loaded.root(), loaded.controller());
    }
}
