package org.domus.sim;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;

/**
 * The bare baseline of a command's round trip: one MQTT client publishes {@code …/set} with a trace id at QoS 1
 * and waits for the state message echoing that trace id — no validation, no outbox, no store. Not thread-safe:
 * one round trip at a time.
 */
public final class RoundTripProbe implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mqtt3AsyncClient client;
    private final Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();

    public RoundTripProbe(MqttClients clients, String clientId, String stateFilter) {
        client = clients.builder(clientId).buildAsync();
        client.connectWith().cleanSession(true).keepAlive(60).send().orTimeout(10, TimeUnit.SECONDS).join();
        client.subscribeWith().topicFilter(stateFilter).qos(MqttQos.AT_LEAST_ONCE).callback(message -> {
            long arrived = System.nanoTime();
            try {
                JsonNode trace = JSON.readTree(message.getPayloadAsBytes()).get("trace_id");
                CompletableFuture<Long> waiter = trace == null ? null : waiting.remove(trace.asText());
                if (waiter != null) {
                    waiter.complete(arrived);
                }
            } catch (java.io.IOException e) {
                // Not an echo: ignore.
            }
        }).send().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /**
     * Publishes {@code value} on {@code stateTopic + "/set"} (the same payload Domus sends: value and trace id) and
     * waits for its echo, at most 30 s.
     *
     * @return {@link System#nanoTime()} when the echo arrived (on the client's thread); the caller takes its own
     * times before and after
     */
    public long roundTrip(String stateTopic, String value) {
        String trace = UUID.randomUUID().toString();
        CompletableFuture<Long> echo = new CompletableFuture<>();
        waiting.put(trace, echo);
        byte[] payload = ("{\"value\":" + value + ",\"trace_id\":\"" + trace + "\"}").getBytes(StandardCharsets.UTF_8);
        client.publishWith().topic(stateTopic + "/set").qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
        try {
            // A timed wait of this thread, not orTimeout: that would wake a timer thread on every round trip.
            return echo.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            waiting.remove(trace);
            throw new IllegalStateException("no echo of " + trace + " within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an echo", e);
        }
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
