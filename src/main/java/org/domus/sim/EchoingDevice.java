package org.domus.sim;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;

/**
 * The quickest possible device, for latency benchmarks: it answers every command on {@code filter} at once,
 * publishing the commanded value with the command's trace id on the state topic (the command topic without
 * {@code /set}), at QoS 1. Callbacks run on the client's threads.
 */
public final class EchoingDevice implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mqtt3AsyncClient client;
    private final LongAdder echoed = new LongAdder();

    /** Told when a command arrived and when its echo was handed to the client ({@link System#nanoTime()}). */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = (received, sent) -> {
        };

        /** On the client's thread; must be quick. */
        void echoed(long receivedNanos, long sentNanos);
    }

    public EchoingDevice(MqttClients clients, String clientId, String filter) {
        this(clients, clientId, filter, Observer.NONE);
    }

    public EchoingDevice(MqttClients clients, String clientId, String filter, Observer observer) {
        client = clients.builder(clientId).buildAsync();
        client.connectWith().cleanSession(true).keepAlive(60).send().orTimeout(10, TimeUnit.SECONDS).join();
        client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).callback(message -> {
            long received = System.nanoTime();
            String topic = message.getTopic().toString();
            if (!topic.endsWith("/set")) {
                return;
            }
            byte[] answer;
            try {
                JsonNode command = JSON.readTree(message.getPayloadAsBytes());
                ObjectNode echo = JSON.createObjectNode();
                echo.set("value", command.get("value"));
                echo.set("trace_id", command.get("trace_id"));
                answer = JSON.writeValueAsBytes(echo);
            } catch (java.io.IOException e) {
                answer = "{\"error\":\"malformed command\"}".getBytes(StandardCharsets.UTF_8);
            }
            client.publishWith().topic(topic.substring(0, topic.length() - "/set".length()))
                    .qos(MqttQos.AT_LEAST_ONCE).payload(answer).send();
            echoed.increment();
            if (observer != Observer.NONE) {
                observer.echoed(received, System.nanoTime());
            }
        }).send().orTimeout(10, TimeUnit.SECONDS).join();
    }

    public long echoed() {
        return echoed.sum();
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
