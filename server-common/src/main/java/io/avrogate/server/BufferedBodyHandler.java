package io.avrogate.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.LoggerFactory;

/**
 * Reads every request body completely, without holding a thread while the client sends it, before the application
 * sees the request. A worker thread blocked reading a body that a client trickles in is a thread no other client gets:
 * a few hundred such clients used to stop a server. Here they cost a connection and a buffer each, and:
 * <ul>
 *   <li>a body larger than the limit is answered 413 (after reading a bounded excess, so that the client is still
 *       listening for the answer, as Tomcat's maxSwallowSize does);</li>
 *   <li>a body not complete within the body timeout is answered 408 and the connection closed;</li>
 *   <li>a body the client cuts short or whose chunked framing is malformed is answered 400 (when the client can
 *       still hear it) with one rate-limited WARN line and no stack trace — never a 5xx.</li>
 * </ul>
 * The application then reads the body from memory, so it never meets an I/O failure while parsing.
 */
final class BufferedBodyHandler extends Handler.Wrapper {
    /** How much of an oversized body is read and dropped before answering 413. */
    static final long MAX_DISCARDED_BYTES = 8L * 1024 * 1024;
    private static final RateLimitedWarning WARN =
            new RateLimitedWarning(LoggerFactory.getLogger(BufferedBodyHandler.class), 10_000);

    private final long maxBytes;
    private final long timeoutMillis;

    BufferedBodyHandler(long maxBytes, long timeoutMillis) {
        this.maxBytes = maxBytes;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (declared <= 0 && !chunked) return super.handle(request, response, callback);
        if (declared > maxBytes + MAX_DISCARDED_BYTES) {
            refuse(request, response, callback, 413, tooLarge());
            return true;
        }
        new BodyReader(request, response, callback).start();
        return true;
    }

    private String tooLarge() {
        return "request body larger than " + maxBytes + " bytes";
    }

    private static void refuse(Request request, Response response, Callback callback, int status, String message) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        Response.writeError(request, response, Callback.from(callback::succeeded, x -> callback.succeeded()),
                status, message);
    }

    /** Reads one body chunk by chunk as the client sends it; {@link #run()} is the demand callback. */
    private final class BodyReader implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        private long received;
        private Scheduler.Task deadline;

        BodyReader(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        void start() {
            deadline = request.getComponents().getScheduler().schedule(this::expire, timeoutMillis, TimeUnit.MILLISECONDS);
            run();
        }

        @Override
        public void run() {
            while (!finished.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    failed(chunk.getFailure());
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                int n = bytes.remaining();
                received += n;
                if (body != null && received > maxBytes) body = null; // over the limit: count, but keep nothing
                if (body != null && n > 0) {
                    byte[] copy = new byte[n];
                    bytes.get(copy);
                    body.write(copy, 0, n);
                }
                boolean last = chunk.isLast();
                chunk.release();
                if (body == null && (last || received > maxBytes + MAX_DISCARDED_BYTES)) {
                    finish(413, tooLarge());
                    return;
                }
                if (last) {
                    dispatch();
                    return;
                }
            }
        }

        private void dispatch() {
            if (!finished.compareAndSet(false, true)) return;
            deadline.cancel();
            Request buffered = new BufferedRequest(request, body.toByteArray());
            body = null;
            try {
                if (!BufferedBodyHandler.this.getHandler().handle(buffered, response, callback)) {
                    Response.writeError(buffered, response, callback, 404);
                }
            } catch (Throwable x) {
                callback.failed(x);
            }
        }

        private void failed(Throwable failure) {
            int status = failure instanceof BadMessageException bad ? bad.getCode() : 400;
            if (status >= 500) status = 400; // the client's body was bad, whatever the parser thinks
            WARN.warn("{} {} from {}: the request body was cut short or malformed ({}: {})", request.getMethod(),
                    AccessLog.safe(request.getHttpURI().getPath()), Request.getRemoteAddr(request),
                    failure.getClass().getSimpleName(), AccessLog.safe(failure.getMessage()));
            finish(status, "the request body was cut short or malformed");
        }

        private void expire() {
            WARN.warn("{} {} from {}: request body not complete after {} ms ({} bytes); disconnecting",
                    request.getMethod(), AccessLog.safe(request.getHttpURI().getPath()),
                    Request.getRemoteAddr(request), timeoutMillis, received);
            finish(408, "request body not received within " + timeoutMillis + " ms");
        }

        private void finish(int status, String message) {
            if (!finished.compareAndSet(false, true)) return;
            if (deadline != null) deadline.cancel();
            refuse(request, response, callback, status, message);
        }
    }

    /** The request with its body already in memory. */
    private static final class BufferedRequest extends Request.Wrapper {
        private Content.Chunk next;

        BufferedRequest(Request request, byte[] body) {
            super(request);
            this.next = Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public synchronized Content.Chunk read() {
            Content.Chunk chunk = next;
            next = Content.Chunk.EOF;
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run(); // read() never returns null: the whole body is here
        }
    }
}
