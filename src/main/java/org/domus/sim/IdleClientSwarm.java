package org.domus.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Many MQTT 3.1.1 clients that connect and then stay idle, each on a plain socket with a hand-written CONNECT
 * (a full client library per connection would weigh more than the broker being measured). Anonymous: for a
 * broker in demo mode on loopback.
 */
public final class IdleClientSwarm implements AutoCloseable {

    private final List<SocketChannel> connections = new ArrayList<>();

    /** Opens connections until there are {@code total}; each waits for its CONNACK. Returns refused ones. */
    public int growTo(String host, int port, int total, int keepAliveSeconds) throws IOException {
        int refused = 0;
        while (connections.size() < total) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, port));
            channel.write(ByteBuffer.wrap(connectPacket("idle-" + connections.size() + "-" + System.nanoTime(), keepAliveSeconds)));
            ByteBuffer connAck = ByteBuffer.allocate(4);
            while (connAck.hasRemaining()) {
                if (channel.read(connAck) < 0) {
                    break;
                }
            }
            if (connAck.position() == 4 && connAck.get(0) == 0x20 && connAck.get(3) == 0) {
                connections.add(channel);
            } else {
                refused++;
                channel.close();
                if (refused > 10) {
                    throw new IOException("the broker refuses connections after " + connections.size());
                }
            }
        }
        return refused;
    }

    public int size() {
        return connections.size();
    }

    static byte[] connectPacket(String clientId, int keepAliveSeconds) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream variable = new ByteArrayOutputStream();
        variable.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02,
            (byte) (keepAliveSeconds >> 8), (byte) keepAliveSeconds});
        variable.write(id.length >> 8);
        variable.write(id.length & 0xff);
        variable.writeBytes(id);
        byte[] body = variable.toByteArray();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        int remaining = body.length;
        do {
            int digit = remaining % 128;
            remaining /= 128;
            packet.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    @Override
    public void close() {
        for (SocketChannel channel : connections) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        connections.clear();
    }
}
