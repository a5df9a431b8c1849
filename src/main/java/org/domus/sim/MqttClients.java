package org.domus.sim;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import org.domus.model.BrokerUrl;

/**
 * Builds the simulators' MQTT 3.1.1 clients (HiveMQ client) for a {@link BrokerUrl}: credentials, TLS trusting a
 * given CA certificate (PEM) or the JVM's trust store, and a shared, bounded Netty thread pool so that ten
 * thousand clients share a couple of I/O threads. Thread-safe.
 */
public final class MqttClients {

    private final BrokerUrl broker;
    private final TrustManagerFactory trust;
    private final MqttClientExecutorConfig executors;

    /**
     * @param caFile PEM file with the CA certificate(s) an {@code mqtts://} broker's certificate must chain to;
     *               null to use the JVM's default trust store. Ignored for {@code mqtt://}.
     * @param ioThreads Netty threads shared by every client built here
     */
    public MqttClients(BrokerUrl broker, Path caFile, int ioThreads) {
        this.broker = broker;
        this.trust = broker.tls() && caFile != null ? trustManager(caFile) : null;
        this.executors = MqttClientExecutorConfig.builder().nettyThreads(Math.max(1, ioThreads)).build();
    }

    public BrokerUrl broker() {
        return broker;
    }

    /** A client builder for {@code clientId}, with credentials and TLS applied; not yet built. */
    public Mqtt3ClientBuilder builder(String clientId) {
        Mqtt3ClientBuilder builder = MqttClient.builder().useMqttVersion3().identifier(clientId)
                .serverHost(broker.host()).serverPort(broker.port()).executorConfig(executors);
        if (broker.username() != null) {
            builder = builder.simpleAuth().username(broker.username())
                    .password((broker.password() == null ? "" : broker.password()).getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        if (broker.tls()) {
            builder = trust == null ? builder.sslWithDefaultConfig()
                    : builder.sslConfig().trustManagerFactory(trust).applySslConfig();
        }
        return builder;
    }

    /** Trusts exactly the certificates of a PEM file; throws IllegalArgumentException with one line. */
    static TrustManagerFactory trustManager(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + caFile);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the CA file " + caFile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the CA file " + caFile + " holds no usable PEM certificate: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Closes the client's TCP connection without sending DISCONNECT, as a device losing power or network does, so
     * that the broker publishes its last will. The HiveMQ client has no public call for this (its disconnect
     * always sends DISCONNECT, which makes the broker discard the will), so this closes the connection's channel
     * through the client's connection config, reflectively: the simulators must not depend on Netty's types.
     * Returns false when the client is not connected or the library no longer exposes the channel.
     */
    public static boolean closeAbruptly(Mqtt3Client client) {
        Optional<?> connection = client.getConfig().getConnectionConfig();
        if (connection.isEmpty()) {
            return false;
        }
        try {
            Method getChannel = connection.get().getClass().getMethod("getChannel");
            Object channel = getChannel.invoke(connection.get());
            if (channel == null) {
                return false;
            }
            channel.getClass().getMethod("close").invoke(channel);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
