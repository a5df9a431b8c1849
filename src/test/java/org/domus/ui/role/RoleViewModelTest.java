package org.domus.ui.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

import org.domus.access.InstallerAccess;
import org.domus.model.Role;
import org.domus.store.Database;
import org.domus.store.PasswordHasher;
import org.domus.store.StoreOptions;
import org.domus.ui.role.RoleViewModel.Step;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Homeowner and installer modes without a toolkit, on a real store. */
class RoleViewModelTest {

    private static final PasswordHasher CHEAP = new PasswordHasher(64, 1, 1);

    @TempDir
    Path dir;
    Database db;
    RoleViewModel viewModel;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        viewModel = newViewModel(Locale.ENGLISH);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void startsInHomeownerModeAndTheFirstSwitchSetsThePin() {
        assertEquals(Role.HOMEOWNER, viewModel.roleProperty().get());
        assertFalse(viewModel.installerModeProperty().get());
        viewModel.beginSwitch();
        assertEquals(Step.SET_PIN, viewModel.stepProperty().get());

        viewModel.submitNewPin("2468".toCharArray(), "2486".toCharArray());
        assertEquals("The two PINs differ.", viewModel.messageProperty().get());
        assertFalse(viewModel.installerModeProperty().get());
        viewModel.submitNewPin("24".toCharArray(), "24".toCharArray());
        assertEquals("The PIN must have 4 to 12 digits.", viewModel.messageProperty().get());

        viewModel.submitNewPin("2468".toCharArray(), "2468".toCharArray());
        assertTrue(viewModel.installerModeProperty().get());
        assertEquals(Step.IDLE, viewModel.stepProperty().get());
        assertEquals("", viewModel.messageProperty().get());
    }

    @Test
    void continuingInstallerModeNeedsNoPinAndLeavesAsUsual() {
        viewModel.continueInstallerMode();
        assertTrue(viewModel.installerModeProperty().get());
        assertEquals(Step.IDLE, viewModel.stepProperty().get());
        viewModel.leaveInstallerMode();
        assertFalse(viewModel.installerModeProperty().get());
    }

    @Test
    void aWrongPinIsRefusedWithTriesLeftAndTheRightOneSwitches() {
        setPin();
        viewModel.leaveInstallerMode();
        assertFalse(viewModel.installerModeProperty().get());

        viewModel.beginSwitch();
        assertEquals(Step.ENTER_PIN, viewModel.stepProperty().get());
        viewModel.submitPin("1111".toCharArray());
        assertEquals("Wrong PIN. 4 tries left before PIN entry pauses.", viewModel.messageProperty().get());
        assertFalse(viewModel.installerModeProperty().get());
        viewModel.submitPin("2468".toCharArray());
        assertTrue(viewModel.installerModeProperty().get());
    }

    @Test
    void manyWrongPinsPauseEntryWithAClearMessage() {
        setPin();
        viewModel.leaveInstallerMode();
        viewModel.beginSwitch();
        for (int i = 0; i < 3; i++) {
            viewModel.submitPin("0000".toCharArray());
        }
        viewModel.submitPin("0000".toCharArray());
        assertEquals("Wrong PIN. One more wrong try pauses PIN entry.", viewModel.messageProperty().get());
        viewModel.submitPin("0000".toCharArray());
        assertEquals("Too many wrong PINs: try again in 30 seconds.", viewModel.messageProperty().get());
        viewModel.submitPin("2468".toCharArray());
        assertFalse(viewModel.installerModeProperty().get(), "even the right PIN waits for the pause");
    }

    @Test
    void thePinIsKeptAcrossARestartOfTheStoreAndTheModeIsNot() {
        setPin();
        db.close();
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        RoleViewModel restarted = newViewModel(Locale.forLanguageTag("es"));
        assertFalse(restarted.installerModeProperty().get(), "a restart starts in homeowner mode");
        restarted.beginSwitch();
        assertEquals(Step.ENTER_PIN, restarted.stepProperty().get());
        restarted.submitPin("1357".toCharArray());
        assertEquals("PIN incorrecto. Quedan 4 intentos antes de pausar la entrada del PIN.",
                restarted.messageProperty().get());
        restarted.submitPin("2468".toCharArray());
        assertTrue(restarted.installerModeProperty().get());
    }

    @Test
    void anInstallerChangesThePinWithTheCurrentOne() {
        setPin();
        viewModel.beginChangePin();
        assertEquals(Step.CHANGE_PIN, viewModel.stepProperty().get());
        viewModel.submitPinChange("1111".toCharArray(), "9753".toCharArray(), "9753".toCharArray());
        assertEquals("Wrong PIN. 4 tries left before PIN entry pauses.", viewModel.messageProperty().get());
        viewModel.submitPinChange("2468".toCharArray(), "9753".toCharArray(), "9735".toCharArray());
        assertEquals("The two PINs differ.", viewModel.messageProperty().get());
        viewModel.submitPinChange("2468".toCharArray(), "9753".toCharArray(), "9753".toCharArray());
        assertEquals(Step.IDLE, viewModel.stepProperty().get());

        viewModel.leaveInstallerMode();
        viewModel.beginSwitch();
        viewModel.submitPin("2468".toCharArray());
        assertFalse(viewModel.installerModeProperty().get(), "the old PIN no longer works");
        viewModel.submitPin("9753".toCharArray());
        assertTrue(viewModel.installerModeProperty().get());
    }

    @Test
    void onlyAnInstallerCanChangeThePin() {
        viewModel.beginChangePin();
        assertEquals(Step.IDLE, viewModel.stepProperty().get());
    }

    @Test
    void cancellingLeavesHomeownerMode() {
        viewModel.beginSwitch();
        viewModel.cancel();
        assertEquals(Step.IDLE, viewModel.stepProperty().get());
        viewModel.submitNewPin("2468".toCharArray(), "2468".toCharArray());
        assertFalse(viewModel.installerModeProperty().get(), "a PIN is taken only while the dialog asks for it");
    }

    private void setPin() {
        viewModel.beginSwitch();
        viewModel.submitNewPin("2468".toCharArray(), "2468".toCharArray());
        assertTrue(viewModel.installerModeProperty().get());
    }

    private RoleViewModel newViewModel(Locale locale) {
        return new RoleViewModel(new InstallerAccess(db.settings(), CHEAP, Clock.systemUTC()), locale, Runnable::run,
                Runnable::run);
    }
}
