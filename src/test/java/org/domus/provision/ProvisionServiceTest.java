package org.domus.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.domus.model.Hub;
import org.domus.store.MqttCredential;
import org.domus.store.PasswordHasher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionServiceTest {

    @TempDir
    Path dir;

    private ProvisionFixture fixture;

    @BeforeEach
    void open() {
        fixture = new ProvisionFixture(dir);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void createsAHubWithARandomLoginStoredOnlyHashed() {
        HubCredentials first = fixture.service.createHub(ProvisionFixture.HOUSE, "hub-house42");
        MqttCredential stored = fixture.store.credentials().find("hub-house42").orElseThrow();
        assertEquals(ProvisionFixture.HOUSE, stored.house());
        assertEquals(MqttCredential.ROLE_HOUSE, stored.role());
        assertFalse(stored.passwordHash().contains(first.password()));
        assertTrue(new PasswordHasher(64, 1, 1).verify(first.password().toCharArray(), stored.passwordHash()));
        assertFalse(first.toString().contains(first.password()));

        HubCredentials second = fixture.service.createHub(ProvisionFixture.HOUSE, "hub-house42");
        Hub hub = fixture.store.hubs().find(ProvisionFixture.HOUSE).orElseThrow();
        assertEquals(first.hub().createdAt(), hub.createdAt(), "a new password, the same hub");
        assertFalse(new PasswordHasher(64, 1, 1).verify(first.password().toCharArray(),
                fixture.store.credentials().find("hub-house42").orElseThrow().passwordHash()));
        assertTrue(second.password().length() >= 32);
    }

    @Test
    void writesTheFirstrunBootFilesTheZipAndTheSheet() throws Exception {
        Path out = dir.resolve("boot");
        ProvisionResult result = fixture.service.provision(ProvisionFixture.request(BootFormat.FIRSTRUN, out),
                ProvisionFixture.CA_PEM, ProvisionFixture.FINGERPRINT, ProvisionProgress.NONE);
        assertTrue(Files.isRegularFile(out.resolve("firstrun.sh")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("firstrun.sh"))));
        Path bridge = out.resolve("domus-hub/mosquitto/20-bridge-console.conf");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(bridge)));
        assertTrue(Files.readString(bridge).contains("remote_password " + result.hubPassword()));
        assertTrue(Files.readString(bridge).contains("bridge_protocol_version mqttv311"));
        assertEquals(ProvisionFixture.CA_PEM, Files.readString(out.resolve("domus-hub/console-ca.crt")));
        assertTrue(Files.readString(out.resolve("cmdline.txt.append")).startsWith("systemd.run=/boot/firmware/firstrun.sh"));

        Map<String, String> zipped = unzip(result.zip());
        Map<String, String> onDisk = new TreeMap<>();
        for (String name : zipped.keySet()) {
            onDisk.put(name, Files.readString(out.resolve(name)));
        }
        assertEquals(onDisk, zipped, "the ZIP holds the same files");
        assertTrue(zipped.containsKey("firstrun.sh") && zipped.containsKey("domus-hub/domus-hub-setup.sh"));

        String qr = decodeQr(result.sheet());
        assertTrue(qr.contains("\"house\":\"house42\"") && qr.contains("\"hub\":\"hub-house42\"")
                && qr.contains("192.168.1.20:8883") && qr.contains("AB:CD:EF"), qr);
        assertFalse(qr.contains(result.hubPassword()));
        assertFalse(result.toString().contains(result.hubPassword()));
        assertFalse(result.toString().contains(result.devicePassword()));
    }

    @Test
    void noClearPasswordOutsideTheHubsTwoSecretFiles() throws Exception {
        for (BootFormat format : BootFormat.values()) {
            Path out = dir.resolve(format.label());
            ProvisionResult result = fixture.service.provision(ProvisionFixture.request(format, out),
                    ProvisionFixture.CA_PEM, ProvisionFixture.FINGERPRINT, ProvisionProgress.NONE);
            List<String> secrets = List.of("s3cret pass", "correct horse", result.devicePassword());
            try (Stream<Path> files = Files.walk(out)) {
                // The ZIP (compressed) holds the same files: see writesTheFirstrunBootFilesTheZipAndTheSheet.
                for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".zip")).toList()) {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    for (String secret : secrets) {
                        assertFalse(text.contains(secret), file + " holds a secret in clear");
                    }
                    boolean bridge = file.endsWith("20-bridge-console.conf");
                    assertEquals(bridge, text.contains(result.hubPassword()), file.toString());
                }
            }
        }
    }

    @Test
    void appendsToAnExistingCmdlineOnce() throws Exception {
        Path out = Files.createDirectories(dir.resolve("bootfs"));
        Files.writeString(out.resolve("cmdline.txt"), "console=serial0,115200 root=PARTUUID=1234-02 rootwait\n");
        ProvisionRequest request = ProvisionFixture.request(BootFormat.CLOUD_INIT, out);
        fixture.service.provision(request, ProvisionFixture.CA_PEM, "x", ProvisionProgress.NONE);
        ProvisionResult again = fixture.service.provision(request, ProvisionFixture.CA_PEM, "x", ProvisionProgress.NONE);
        assertTrue(again.cmdlineUpdated());
        String line = Files.readString(out.resolve("cmdline.txt"));
        assertEquals("console=serial0,115200 root=PARTUUID=1234-02 rootwait" + again.cmdlineAddition() + "\n", line);
        assertTrue(line.contains(" ds=nocloud;i=domus-hub-house42-") && line.contains(" cfg80211.ieee80211_regdom=GB"));
    }

    @Test
    void reportsProgressToTheEnd() {
        List<Double> steps = new ArrayList<>();
        fixture.service.provision(ProvisionFixture.request(BootFormat.PRESEED, dir.resolve("p")),
                ProvisionFixture.CA_PEM, "x", (fraction, step) -> steps.add(fraction));
        assertEquals(0.0, steps.getFirst());
        assertEquals(1.0, steps.getLast());
        assertEquals(steps.stream().sorted().toList(), steps);
    }

    @Test
    void refusesAHouseWithoutRoomsBeforeWritingAnything() {
        Path out = dir.resolve("never");
        ProvisionRequest request = new ProvisionRequest("empty", BootFormat.FIRSTRUN, out, null, null, "pw", null,
                null, null, null, null, null, List.of("console.local"), 8883);
        ProvisionException refused = assertThrows(ProvisionException.class, () -> fixture.service.provision(request,
                ProvisionFixture.CA_PEM, "x", ProvisionProgress.NONE));
        assertEquals("House empty has no rooms yet: add at least one room before making its hub.", refused.getMessage());
        assertFalse(Files.exists(out));
        assertTrue(fixture.store.hubs().find("empty").isEmpty());
    }

    @Test
    void refusesAnUnwritableOutputFolderBeforeMakingTheHub() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        ProvisionException refused = assertThrows(ProvisionException.class, () -> fixture.service.provision(
                ProvisionFixture.request(BootFormat.FIRSTRUN, file.resolve("boot")), ProvisionFixture.CA_PEM, "x",
                ProvisionProgress.NONE));
        assertTrue(refused.getMessage().contains("is a file, not a folder"), refused.getMessage());
        assertTrue(fixture.store.hubs().find(ProvisionFixture.HOUSE).isEmpty());
        assertTrue(fixture.store.credentials().find("hub-house42").isEmpty());
    }

    @Test
    void refusesAnUnknownHouse() {
        ProvisionRequest request = new ProvisionRequest("nohouse", BootFormat.FIRSTRUN, dir.resolve("o"), null, null,
                "pw", null, null, null, null, null, null, List.of("console.local"), 8883);
        assertEquals("There is no house nohouse in this console's store.", assertThrows(ProvisionException.class,
                () -> fixture.service.provision(request, "x", "x", ProvisionProgress.NONE)).getMessage());
    }

    private static Map<String, String> unzip(Path zip) throws Exception {
        Map<String, String> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    static String decodeQr(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }
}
