package org.domus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import org.domus.app.DomusConfig;
import org.domus.broker.BrokerSettings;
import org.domus.broker.ConsoleCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The broker's TLS listener, reached by a real client that trusts only the console's exported CA. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsListenerIT {

    @TempDir
    Path dataDir;

    @TempDir
    Path elsewhere;

    private TestCore core;

    @AfterEach
    void stop() {
        if (core != null) {
            core.close();
        }
    }

    private TestCore start(boolean plain) {
        DomusConfig config = TestCore.config(dataDir, false, 0).withListeners(0, 0, plain);
        core = TestCore.start(config);
        return core;
    }

    @Test
    void acceptsAClientThatTrustsTheExportedAuthority() throws Exception {
        start(true);
        assertTrue(core.core().broker().tlsPort() > 0);
        Path exported = elsewhere.resolve("console-ca.crt");
        ConsoleCertificates.loadOrCreate(dataDir, ConsoleCertificates.machineNames(), Clock.systemUTC()).exportCa(exported);

        Mqtt3AsyncClient client = tlsClient(exported);
        client.connectWith().cleanSession(true).send().orTimeout(10, TimeUnit.SECONDS).join();
        client.publishWith().topic("domus/demo/kitchen/fridge/temperature").qos(MqttQos.AT_LEAST_ONCE)
                .payload("3.5".getBytes(StandardCharsets.UTF_8)).send().orTimeout(10, TimeUnit.SECONDS).join();
        assertEquals(List.of("3.5"), core.storedValues("demo/kitchen/fridge/temperature"));
        client.disconnect().orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Test
    void refusesTheHandshakeOfAClientTrustingAnotherAuthority() throws Exception {
        start(true);
        ConsoleCertificates other = ConsoleCertificates.loadOrCreate(elsewhere, List.of("localhost", "127.0.0.1"),
                Clock.systemUTC());
        Path otherCa = elsewhere.resolve("other-ca.crt");
        other.exportCa(otherCa);
        Mqtt3AsyncClient client = tlsClient(otherCa);
        assertThrows(CompletionException.class,
                () -> client.connectWith().send().orTimeout(10, TimeUnit.SECONDS).join());
        assertEquals(List.of(), core.storedValues("demo/kitchen/fridge/temperature"));
    }

    @Test
    void canRunWithTheTlsListenerOnly() throws Exception {
        start(false);
        assertEquals(BrokerSettings.OFF, core.core().broker().port());
        Mqtt3AsyncClient client = tlsClient(dataDir.resolve("tls").resolve("ca.crt"));
        client.connectWith().send().orTimeout(10, TimeUnit.SECONDS).join();
        client.publishWith().topic("domus/demo/hall/door/contact").qos(MqttQos.AT_LEAST_ONCE)
                .payload("open".getBytes(StandardCharsets.UTF_8)).send().orTimeout(10, TimeUnit.SECONDS).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> core.storedValues("demo/hall/door/contact").size() == 1);
        client.disconnect().orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Test
    void presentsARenewedCertificateWithoutARestart() throws Exception {
        start(true);
        ConsoleCertificates renewed = ConsoleCertificates.loadOrCreate(dataDir, ConsoleCertificates.machineNames(),
                Clock.systemUTC()).renew(List.of("localhost", "127.0.0.1", "hub-facing.example"), Clock.systemUTC());
        core.core().certificatesChanged(renewed);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, trustOnly(dataDir.resolve("tls/ca.crt")).getTrustManagers(), null);
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory()
                .createSocket("127.0.0.1", core.core().broker().tlsPort())) {
            socket.startHandshake();
            X509Certificate presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertEquals(renewed.brokerCertificate().getSerialNumber(), presented.getSerialNumber());
        }
    }

    private static TrustManagerFactory trustOnly(Path caFile) throws Exception {
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(caFile)) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("console-ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return factory;
    }

    private Mqtt3AsyncClient tlsClient(Path caFile) throws Exception {
        TrustManagerFactory factory = trustOnly(caFile);
        return MqttClient.builder().useMqttVersion3().identifier("tls-test-" + System.nanoTime())
                .serverHost("127.0.0.1").serverPort(core.core().broker().tlsPort())
                .sslConfig().trustManagerFactory(factory).applySslConfig()
                .simpleAuth().username(TestCore.HOUSE_USER)
                .password(TestCore.HOUSE_PASSWORD.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .buildAsync();
    }
}
