package org.domus.ui.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.domus.ingest.HubStatus;
import org.domus.provision.BootFormat;
import org.domus.ui.fx.FrameBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hubs view-model without a toolkit: background and FX thread are the test's own. */
class ProvisionViewModelTest {

    @TempDir
    Path dir;

    private StoreProvisioning provisioning;
    private ProvisionViewModel viewModel;
    private final List<Runnable> background = new ArrayList<>();

    @BeforeEach
    void open() {
        provisioning = new StoreProvisioning(dir);
        viewModel = new ProvisionViewModel(provisioning, background::add, new FrameBridge(Runnable::run),
                ResourceBundle.getBundle("org.domus.ui.provision.messages", Locale.ENGLISH), ZoneOffset.UTC);
    }

    @AfterEach
    void close() {
        viewModel.close();
        provisioning.close();
    }

    @Test
    void provisionsInTheBackgroundAndShowsTheSecretsOnce() {
        viewModel.passwordProperty().set("pw");
        viewModel.outDirProperty().set(dir.resolve("boot").toString());
        viewModel.formatProperty().set(BootFormat.CLOUD_INIT);
        viewModel.provision();
        assertTrue(viewModel.busyProperty().get());
        assertEquals(1, background.size());
        background.removeFirst().run();
        assertFalse(viewModel.busyProperty().get());
        assertEquals(1.0, viewModel.progressProperty().get(), viewModel.messageProperty().get());
        assertEquals("Done.", viewModel.stepProperty().get());
        assertTrue(Files.isRegularFile(dir.resolve("boot/user-data")));
        assertTrue(viewModel.secretsProperty().get().contains("hub-house42 / "), viewModel.secretsProperty().get());
        assertEquals("", viewModel.passwordProperty().get(), "the password field is cleared");
        assertTrue(viewModel.messageProperty().get().startsWith("Wrote "), viewModel.messageProperty().get());
    }

    @Test
    void refusesBadInputAtOnceWithoutStarting() {
        viewModel.passwordProperty().set("pw");
        viewModel.hostnameProperty().set("hub_42");
        viewModel.provision();
        assertTrue(background.isEmpty());
        assertTrue(viewModel.failedProperty().get());
        assertTrue(viewModel.messageProperty().get().contains("is not a valid host name"));
    }

    @Test
    void aRefusalFromTheStoreEndsTheRun() {
        viewModel.passwordProperty().set("pw");
        viewModel.houseProperty().set("bare");
        viewModel.outDirProperty().set(dir.resolve("never").toString());
        viewModel.provision();
        background.removeFirst().run();
        assertFalse(viewModel.busyProperty().get());
        assertTrue(viewModel.messageProperty().get().contains("has no rooms yet"));
        assertFalse(Files.exists(dir.resolve("never")));
    }

    @Test
    void showsEachHubsLatestStatus() {
        Instant seen = Instant.parse("2026-12-01T10:00:00Z");
        provisioning.push(new HubStatus("house42", HubStatus.State.ONLINE, seen, 0));
        provisioning.push(new HubStatus("house42", HubStatus.State.OFFLINE, seen, 2));
        provisioning.push(new HubStatus("bare", HubStatus.State.UNKNOWN, null, 0));
        assertEquals(List.of("bare", "house42"), viewModel.hubs().stream().map(HubRow::house).toList());
        HubRow row = viewModel.hubs().get(1);
        assertEquals("offline", row.stateText());
        assertEquals("2", row.reconnects());
        assertEquals("not yet", viewModel.hubs().getFirst().lastSeen());
    }
}
