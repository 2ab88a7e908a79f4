package io.avrogate.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slow-client attack, bounded: {@code connections} sockets each send a request head and then trickle its body one
 * byte per {@code byteInterval} (reconnecting when the server drops them), while a normal client sends requests one
 * after the other. The trickling sockets come from 127.0.0.2 so that the normal client (127.0.0.1) is a different
 * client address, as it would be in life. Loopback only; every loop ends with {@code duration}.
 */
public final class SlowClientLoad {
    private static final Logger log = LoggerFactory.getLogger(SlowClientLoad.class);

    /** What the normal client saw. */
    public record Result(int requests, int failures, long p99Millis, long maxMillis, int trickling) {}

    private SlowClientLoad() {}

    /**
     * @param normalRequest one request of the normal client; returns its HTTP status (a 2xx or 4xx is an answer)
     */
    public static Result run(int port, String path, int connections, Duration byteInterval, Duration duration,
                             Callable<Integer> normalRequest) throws Exception {
        InetAddress attacker = InetAddress.getByName("127.0.0.2");
        List<Socket> sockets = new ArrayList<>();
        int maxOpen = 0;
        try {
            for (int i = 0; i < connections; i++) sockets.add(open(attacker, port, path));
            long end = System.nanoTime() + duration.toNanos();
            Thread trickler = new Thread(() -> trickle(sockets, attacker, port, path, byteInterval, end), "trickler");
            trickler.setDaemon(true);
            trickler.start();
            List<Long> latencies = new ArrayList<>();
            int failures = 0;
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                try {
                    int status = normalRequest.call();
                    if (status >= 500) failures++;
                } catch (IOException e) {
                    failures++;
                }
                latencies.add((System.nanoTime() - start) / 1_000_000);
                Thread.sleep(20);
            }
            trickler.join(byteInterval.toMillis() + 5000);
            synchronized (sockets) {
                maxOpen = (int) sockets.stream().filter(s -> !s.isClosed()).count();
            }
            Collections.sort(latencies);
            long p99 = latencies.isEmpty() ? Long.MAX_VALUE : latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
            long max = latencies.isEmpty() ? Long.MAX_VALUE : latencies.get(latencies.size() - 1);
            Result result = new Result(latencies.size(), failures, p99, max, maxOpen);
            // The numbers, for reports: the tests assert only the bounds.
            log.info("{} slow connections to {} ({} per byte, {}): {}", connections, path, byteInterval, duration, result);
            return result;
        } finally {
            synchronized (sockets) {
                for (Socket socket : sockets) closeQuietly(socket);
            }
        }
    }

    private static void trickle(List<Socket> sockets, InetAddress attacker, int port, String path, Duration interval,
                                long end) {
        try {
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(interval.toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                synchronized (sockets) {
                    for (int i = 0; i < sockets.size() && System.nanoTime() < end; i++) {
                        try {
                            OutputStream out = sockets.get(i).getOutputStream();
                            out.write('x');
                            out.flush();
                        } catch (IOException dropped) {
                            closeQuietly(sockets.get(i));
                            try {
                                sockets.set(i, open(attacker, port, path));
                            } catch (IOException refused) {
                                // the server refuses more connections from this address: that is its defence
                            }
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Socket open(InetAddress local, int port, String path) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 4000\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
