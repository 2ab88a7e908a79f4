package io.avrogate.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.slf4j.LoggerFactory;

/**
 * Closes a new connection at once when its client address already holds the maximum, so that one client cannot take
 * every connection the server is willing to keep open. Jetty's own limits are server-wide; this one is per address.
 * Added as a bean to each connector, it sees every connection opened and closed there.
 */
final class PerAddressConnectionLimit implements Connection.Listener {
    private static final RateLimitedWarning WARN =
            new RateLimitedWarning(LoggerFactory.getLogger(PerAddressConnectionLimit.class), 10_000);
    private final int max;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();
    /** The address each counted connection was counted under: a closed end point no longer knows it. */
    private final ConcurrentHashMap<Connection, InetAddress> counted = new ConcurrentHashMap<>();

    PerAddressConnectionLimit(int max) {
        this.max = max;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = networkAddress(connection);
        if (address == null) return;
        int count = open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        if (count > max) {
            release(address);
            WARN.warn("client {} already holds {} connections; closing a new one", address.getHostAddress(), max);
            connection.getEndPoint().close();
        } else {
            counted.put(connection, address);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = counted.remove(connection);
        if (address != null) release(address);
    }

    private void release(InetAddress address) {
        open.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** The client address of a network connection; null for the decrypted connection layered over TLS. */
    private static InetAddress networkAddress(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        if (endPoint instanceof SslConnection.SslEndPoint) return null;
        SocketAddress remote = endPoint.getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
