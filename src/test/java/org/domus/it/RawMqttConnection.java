package org.domus.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * A deliberately unchecked MQTT 3.1.1 client over a plain socket, for what well-behaved client libraries refuse
 * to send: wildcards or NUL in a publish topic, a DUP redelivery with a chosen packet id, garbage bytes.
 */
final class RawMqttConnection implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
    private final EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder(64 * 1024 * 1024));

    RawMqttConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    MqttConnectReturnCode connect(String clientId, String user, String password, boolean cleanSession) throws IOException {
        var builder = MqttMessageBuilders.connect().clientId(clientId).protocolVersion(MqttVersion.MQTT_3_1_1)
                .cleanSession(cleanSession).keepAlive(30);
        if (user != null) {
            builder.hasUser(true).username(user).hasPassword(true).password(password.getBytes(StandardCharsets.UTF_8));
        }
        send(builder.build());
        MqttMessage answer = receive();
        return ((MqttConnAckMessage) answer).variableHeader().connectReturnCode();
    }

    /** Encoded by hand: Netty's encoder refuses wildcards in a publish topic, and that is what we want to send. */
    void publish(String topic, byte[] payload, int qos, int packetId, boolean dup) throws IOException {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(topicBytes.length >> 8);
        body.write(topicBytes.length & 0xff);
        body.writeBytes(topicBytes);
        if (qos > 0) {
            body.write(packetId >> 8);
            body.write(packetId & 0xff);
        }
        body.writeBytes(payload);
        java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
        packet.write(0x30 | (dup ? 0x08 : 0) | (qos << 1));
        int remaining = body.size();
        do {
            int digit = remaining % 128;
            remaining /= 128;
            packet.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        packet.writeBytes(body.toByteArray());
        sendBytes(packet.toByteArray());
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next packet from the broker, or null when the broker closed the connection. */
    MqttMessage receive() throws IOException {
        while (true) {
            MqttMessage decoded = decoder.readInbound();
            if (decoded != null) {
                return decoded;
            }
            byte[] buffer = new byte[8192];
            int read = in.read(buffer);
            if (read < 0) {
                return null;
            }
            decoder.writeInbound(Unpooled.wrappedBuffer(buffer, 0, read));
        }
    }

    /** True when the broker closes the connection within the socket timeout. */
    boolean closedByBroker() throws IOException {
        try {
            while (true) {
                if (receive() == null) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    void send(MqttMessage message) throws IOException {
        encoder.writeOutbound(message);
        ByteBuf encoded;
        while ((encoded = encoder.readOutbound()) != null) {
            byte[] bytes = new byte[encoded.readableBytes()];
            encoded.readBytes(bytes);
            encoded.release();
            out.write(bytes);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
    }
}
