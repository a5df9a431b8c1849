package org.domus.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import org.domus.app.DomusConfig;
import org.domus.app.DomusCore;
import org.domus.model.SeriesPath;
import org.domus.store.MqttCredential;
import org.domus.store.PasswordHasher;

/** A real core on a free loopback port in a temporary data folder, with helpers for real MQTT clients. */
public final class TestCore implements AutoCloseable {

    public static final String HOUSE_USER = "demo-devices";
    public static final String HOUSE_PASSWORD = "correct horse battery staple";

    private final DomusCore core;
    private final List<Mqtt3AsyncClient> clients = new ArrayList<>();

    private TestCore(DomusCore core) {
        this.core = core;
    }

    public static TestCore start(Path dataDir) {
        return start(config(dataDir, false, 0));
    }

    public static DomusConfig config(Path dataDir, boolean demo, long storeMaxBytes) {
        return new DomusConfig(dataDir, "127.0.0.1", 0, demo, DomusConfig.DEFAULT_MAX_PAYLOAD_BYTES, storeMaxBytes);
    }

    public static TestCore start(DomusConfig config) {
        DomusCore core = DomusCore.start(config);
        if (core.store().credentials().find(HOUSE_USER).isEmpty()) {
            core.store().credentials().put(new MqttCredential(HOUSE_USER, DomusCore.DEMO_HOUSE,
                    PasswordHasher.standard().hash(HOUSE_PASSWORD.toCharArray()), MqttCredential.ROLE_HOUSE));
        }
        return new TestCore(core);
    }

    public DomusCore core() {
        return core;
    }

    public int port() {
        return core.broker().port();
    }

    /** A connected MQTT 3.1.1 client of the demo house. */
    public Mqtt3AsyncClient houseClient(String clientId) {
        return connect(clientId, HOUSE_USER, HOUSE_PASSWORD, true);
    }

    public Mqtt3AsyncClient connect(String clientId, String user, String password, boolean cleanSession) {
        Mqtt3AsyncClient client = client(clientId, user, password);
        client.connectWith().cleanSession(cleanSession).keepAlive(30).send().orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    /** A client not yet connected, closed with this core. */
    public Mqtt3AsyncClient client(String clientId, String user, String password) {
        var builder = MqttClient.builder().useMqttVersion3()
                .identifier(clientId == null ? "test-" + UUID.randomUUID() : clientId)
                .serverHost("127.0.0.1").serverPort(port());
        Mqtt3AsyncClient client = user == null ? builder.buildAsync()
                : builder.simpleAuth().username(user).password(password.getBytes(StandardCharsets.UTF_8))
                        .applySimpleAuth().buildAsync();
        clients.add(client);
        return client;
    }

    /** Every stored value of a series, oldest first, as the export reads them. */
    public List<String> storedValues(String series) {
        List<String> values = new ArrayList<>();
        core.store().history().streamReadings(SeriesPath.parse(series), null, null,
                (Instant ts, String value) -> values.add(value));
        return values;
    }

    @Override
    public void close() {
        for (Mqtt3AsyncClient client : clients) {
            if (client.getState().isConnected()) {
                client.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
            }
        }
        core.close();
    }
}
