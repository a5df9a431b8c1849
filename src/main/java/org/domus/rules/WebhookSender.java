package org.domus.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.domus.model.Notification;

/**
 * Posts notifications as JSON to a recipient's webhook: {@code text} (subject and body, what chat rooms show) and
 * the fields one by one. A 2xx answer is a delivery; anything else is tried again.
 */
public final class WebhookSender implements NotificationSender {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    @Override
    public void send(Notification notification) throws DeliveryException {
        ObjectNode body = JSON.createObjectNode()
                .put("text", notification.subject() + "\n" + notification.body())
                .put("event", notification.eventType())
                .put("house", notification.house())
                .put("subject", notification.subject())
                .put("body", notification.body())
                .put("trace_id", notification.traceId())
                .put("created_at", notification.createdAt().toString());
        URI uri;
        try {
            uri = URI.create(notification.address());
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("\"" + notification.address() + "\" is not a web address.", e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new DeliveryException("The webhook " + host(uri) + " answered HTTP " + response.statusCode() + ".");
            }
        } catch (IOException e) {
            throw new DeliveryException("The webhook " + host(uri) + " cannot be reached: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("Interrupted while posting to the webhook.", e);
        }
    }

    /** Host and port only: a webhook's path often holds its secret token. */
    private static String host(URI uri) {
        return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
