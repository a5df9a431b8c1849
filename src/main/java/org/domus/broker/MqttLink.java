package org.domus.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import org.domus.model.BrokerUrl;
import org.domus.model.MessagePublisher;
import org.domus.model.OutboundMessage;

/**
 * A client connection of Domus's own to any MQTT broker (the console's, a hub's Mosquitto, a cluster), for
 * {@code domus send --broker}. MQTT 3.1.1, clean session. Thread-safe; handlers run on the client's threads.
 */
public final class MqttLink implements MessagePublisher, AutoCloseable {

    /** A message received on a subscription. */
    public record Received(String topic, byte[] payload, boolean retained) {
        public Received {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(payload, "payload");
        }
    }

    private final Mqtt3AsyncClient client;
    private final Duration timeout;

    private MqttLink(Mqtt3AsyncClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * Connects, waiting at most {@code timeout}.
     *
     * @throws BrokerStartException with one sentence when the broker cannot be reached or refuses the login
     */
    public static MqttLink connect(BrokerUrl url, String clientId, Duration timeout) {
        Mqtt3ClientBuilder builder = MqttClient.builder().useMqttVersion3().identifier(clientId)
                .serverHost(url.host()).serverPort(url.port());
        if (url.tls()) {
            builder = builder.sslWithDefaultConfig();
        }
        if (url.username() != null) {
            builder = builder.simpleAuth().username(url.username())
                    .password(url.password() == null ? new byte[0] : url.password().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        Mqtt3AsyncClient client = builder.buildAsync();
        try {
            client.connectWith().cleanSession(true).keepAlive(30).send()
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String reason = cause instanceof Mqtt3ConnAckException refused
                    ? "it refused the login (" + refused.getMqttMessage().getReturnCode() + ")"
                    : cause instanceof java.util.concurrent.TimeoutException ? "no answer within " + timeout.toSeconds() + " s"
                    : String.valueOf(cause.getMessage());
            throw new BrokerStartException("Cannot connect to the MQTT broker at " + url + ": " + reason, cause);
        }
        return new MqttLink(client, timeout);
    }

    /** Subscribes at QoS 1 and waits for the broker's answer. */
    public void subscribe(String filter, Consumer<Received> handler) {
        try {
            client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE)
                    .callback(message -> handler.accept(new Received(message.getTopic().toString(),
                            message.getPayloadAsBytes(), message.isRetain())))
                    .send().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (CompletionException e) {
            throw new BrokerStartException("The MQTT broker did not accept a subscription to " + filter + ": "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        }
    }

    @Override
    public CompletableFuture<Void> publish(OutboundMessage message) {
        return client.publishWith().topic(message.topic())
                .qos(message.qos() == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE)
                .retain(message.retain()).payload(message.payload()).send()
                .thenApply(ignored -> (Void) null);
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            client.disconnect().orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
