package org.domus.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleCertificatesTest {

    private static final List<String> NAMES = List.of("console.example", "localhost", "127.0.0.1", "::1", "192.168.1.20");

    @TempDir
    Path dataDir;

    @Test
    void makesAnAuthorityAndABrokerCertificateWithPrivateKeys() throws Exception {
        ConsoleCertificates certificates = ConsoleCertificates.loadOrCreate(dataDir, NAMES, Clock.systemUTC());
        Path folder = dataDir.resolve(ConsoleCertificates.FOLDER);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("ca.key"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("broker.key"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        certificates.brokerCertificate().verify(certificates.caCertificate().getPublicKey());
        // Addresses in Java's own spelling, as it reads them back from a certificate.
        assertEquals(List.of("console.example", "localhost", "127.0.0.1", "0:0:0:0:0:0:0:1", "192.168.1.20"),
                certificates.brokerNames());
        assertEquals(0, certificates.caCertificate().getBasicConstraints());
        assertTrue(certificates.caPem().startsWith("-----BEGIN CERTIFICATE-----"));
    }

    @Test
    void keepsWhatItMadeAcrossStarts() {
        ConsoleCertificates first = ConsoleCertificates.loadOrCreate(dataDir, NAMES, Clock.systemUTC());
        ConsoleCertificates second = ConsoleCertificates.loadOrCreate(dataDir, NAMES, Clock.systemUTC());
        assertEquals(first.caFingerprint(), second.caFingerprint());
        assertEquals(first.brokerCertificate(), second.brokerCertificate());
    }

    @Test
    void issuesTheBrokerCertificateAgainForANewAddressOrNearItsEnd() {
        ConsoleCertificates first = ConsoleCertificates.loadOrCreate(dataDir, NAMES, Clock.systemUTC());
        ConsoleCertificates moved = ConsoleCertificates.loadOrCreate(dataDir, List.of("10.0.0.7", "localhost"),
                Clock.systemUTC());
        assertEquals(first.caFingerprint(), moved.caFingerprint(), "the authority stays: hubs keep trusting it");
        assertNotEquals(first.brokerCertificate(), moved.brokerCertificate());
        assertTrue(moved.brokerNames().contains("10.0.0.7"));

        Instant late = moved.brokerCertificate().getNotAfter().toInstant().minus(Duration.ofDays(10));
        ConsoleCertificates later = ConsoleCertificates.loadOrCreate(dataDir, List.of("10.0.0.7", "localhost"),
                Clock.fixed(late, ZoneOffset.UTC));
        assertTrue(later.brokerCertificate().getNotAfter().toInstant().isAfter(late.plus(Duration.ofDays(700))));
    }

    @Test
    void renewsOnRequestAndExportsOnlyTheAuthority() throws Exception {
        ConsoleCertificates first = ConsoleCertificates.loadOrCreate(dataDir, NAMES, Clock.systemUTC());
        ConsoleCertificates renewed = first.renew(NAMES, Clock.systemUTC());
        assertNotEquals(first.brokerCertificate().getSerialNumber(), renewed.brokerCertificate().getSerialNumber());
        Path exported = dataDir.resolve("console-ca.crt");
        renewed.exportCa(exported);
        String text = Files.readString(exported);
        assertEquals(first.caPem(), text);
        assertTrue(!text.contains("PRIVATE KEY"));
    }

    @Test
    void saysInOneSentenceWhenTheFolderCannotBeWritten() throws Exception {
        Path blocked = dataDir.resolve("blocked");
        Files.writeString(blocked, "a file where the data folder should be");
        TlsException problem = assertThrows(TlsException.class,
                () -> ConsoleCertificates.loadOrCreate(blocked, NAMES, Clock.systemUTC()));
        assertTrue(problem.getMessage().startsWith("Cannot prepare the console's TLS certificates"), problem.getMessage());
    }
}
