package io.avrogate.server;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * The readiness checks services share: "Kafka answers", "the schema registry answers", and a wrapper that keeps a
 * probe cheap. A probe of {@code /health/ready} never waits longer than the check's timeout, however slowly a
 * dependency fails, and a flood of probes asks the dependency at most once per {@code reuse} period.
 */
public final class ReadinessChecks {
    /** How long an answer is reused: probes every few seconds from several places cost one request. */
    public static final Duration DEFAULT_REUSE = Duration.ofSeconds(3);
    /** How long a probe waits for a dependency before saying it does not answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /** Runs the dependency calls, so a probe's thread can give up on a call that hangs. */
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "readiness-check");
        t.setDaemon(true);
        return t;
    });

    private ReadinessChecks() {}

    /**
     * Ready while the Kafka cluster answers a describeCluster through {@code admin} within the default timeout.
     *
     * @param bootstrapServers named in the reason, so an operator sees which address was tried
     */
    public static ReadinessCheck kafka(Admin admin, String bootstrapServers) {
        long timeoutMs = DEFAULT_TIMEOUT.toMillis();
        return reachable("Kafka at " + bootstrapServers + " (bootstrap.servers)", DEFAULT_REUSE, DEFAULT_TIMEOUT, () ->
                admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs)).nodes()
                        .get(timeoutMs, TimeUnit.MILLISECONDS));
    }

    /**
     * Ready while {@code call} returns without throwing within {@code timeout}; its answer is reused for
     * {@code reuse}. The reason of a failure names {@code what} and the cause, e.g. "schema registry at
     * http://registry:8081 does not answer: Connection refused".
     */
    public static ReadinessCheck reachable(String what, Duration reuse, Duration timeout, Callable<?> call) {
        return cached(reuse, timeout, () -> {
            try {
                call.call();
                return ReadinessCheck.Result.ok();
            } catch (ExecutionException e) {
                return ReadinessCheck.Result.notReady(what + " does not answer: " + message(e.getCause()));
            } catch (TimeoutException e) {
                return ReadinessCheck.Result.notReady(what + " does not answer within " + timeout.toMillis() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ReadinessCheck.Result.notReady("interrupted while asking " + what);
            } catch (Exception e) {
                return ReadinessCheck.Result.notReady(what + " does not answer: " + message(e));
            }
        }, what);
    }

    /** As {@link #cached(Duration, Duration, ReadinessCheck, String)} with a generic name in the timeout reason. */
    public static ReadinessCheck cached(Duration reuse, Duration timeout, ReadinessCheck check) {
        return cached(reuse, timeout, check, "the check");
    }

    /**
     * Runs {@code check} at most once per {@code reuse} on a background thread; a probe waits up to {@code timeout}
     * for a fresh answer and otherwise reports that {@code what} did not answer in time (the call goes on, and the
     * next probe picks up its answer).
     */
    public static ReadinessCheck cached(Duration reuse, Duration timeout, ReadinessCheck check, String what) {
        return new Cached(reuse, timeout, check, what);
    }

    private static String message(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String text = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return root == t ? text : t.getClass().getSimpleName() + ": " + text;
    }

    private static final class Cached implements ReadinessCheck {
        private final long reuseNanos;
        private final Duration timeout;
        private final ReadinessCheck check;
        private final String what;
        private CompletableFuture<Result> current;
        private long startedAt;

        Cached(Duration reuse, Duration timeout, ReadinessCheck check, String what) {
            this.reuseNanos = reuse.toNanos();
            this.timeout = timeout;
            this.check = check;
            this.what = what;
        }

        @Override
        public Result check() {
            CompletableFuture<Result> answer;
            synchronized (this) {
                boolean stale = current == null || (current.isDone() && System.nanoTime() - startedAt > reuseNanos);
                if (stale) {
                    startedAt = System.nanoTime();
                    current = CompletableFuture.supplyAsync(check::check, CALLS);
                }
                answer = current;
            }
            try {
                return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return Result.notReady(what + " does not answer within " + timeout.toMillis() + " ms");
            } catch (ExecutionException | CompletionException e) {
                return Result.notReady(what + ": " + message(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.notReady("interrupted while asking " + what);
            }
        }
    }
}
