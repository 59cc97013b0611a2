package dev.sextant.trading.broker.fix;

import dev.sextant.trading.broker.BrokerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import quickfix.Message;

/**
 * The connector's requests that wait for answers (status, position and collateral reports), by
 * request id. Answers arrive on QuickFIX/J's thread; the caller blocks in {@link Pending#await}.
 * Thread-safe.
 */
final class Queries {
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** One request's answers so far. */
    static final class Pending {
        private final List<Message> reports = new ArrayList<>();
        private final CompletableFuture<List<Message>> done = new CompletableFuture<>();
        private int expected = -1;

        private synchronized void add(Message m, boolean last) {
            reports.add(m);
            if (last || (expected >= 0 && reports.size() >= expected)) {
                done.complete(List.copyOf(reports));
            }
        }

        private synchronized void expect(int count) {
            expected = count;
            if (reports.size() >= count) {
                done.complete(List.copyOf(reports));
            }
        }

        private synchronized void complete() {
            done.complete(List.copyOf(reports));
        }

        /**
         * The answers once complete.
         *
         * @throws BrokerException {@link BrokerException.Code#TIMEOUT} naming {@code what}, or
         *                         {@link BrokerException.Code#NOT_CONNECTED} / {@link BrokerException.Code#VENUE_ERROR}
         *                         when the session dropped or the venue refused
         */
        List<Message> await(Duration timeout, String what) {
            try {
                return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new BrokerException(BrokerException.Code.TIMEOUT, what + " got no complete answer within " + timeout);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                throw c instanceof BrokerException b ? new BrokerException(b.code(), what + ": " + c.getMessage(), c)
                        : new BrokerException(BrokerException.Code.VENUE_ERROR, what + ": " + c.getMessage(), c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrokerException(BrokerException.Code.TIMEOUT, "interrupted while waiting for " + what, e);
            }
        }
    }

    Pending open(String id) {
        Pending p = new Pending();
        pending.put(id, p);
        return p;
    }

    void close(String id) {
        pending.remove(id);
    }

    /** An answer to {@code id}; {@code last} completes the request. Unknown ids are ignored (late answers). */
    void report(String id, Message m, boolean last) {
        Pending p = pending.get(id);
        if (p != null) {
            p.add(m, last);
        }
    }

    /** An answer to {@code id} out of {@code total}. */
    void reportCounted(String id, Message m, int total) {
        Pending p = pending.get(id);
        if (p != null) {
            p.expect(total);
            p.add(m, false);
        }
    }

    /** {@code id} will have {@code count} answers. */
    void expect(String id, int count) {
        Pending p = pending.get(id);
        if (p != null) {
            p.expect(count);
        }
    }

    /** {@code id} is complete with what it has. */
    void complete(String id) {
        Pending p = pending.get(id);
        if (p != null) {
            p.complete();
        }
    }

    /** Fails {@code id}; returns whether such a request was waiting. */
    boolean fail(String id, String reason) {
        Pending p = pending.get(id);
        if (p == null) {
            return false;
        }
        p.done.completeExceptionally(new BrokerException(BrokerException.Code.VENUE_ERROR, reason));
        return true;
    }

    /** Fails every waiting request: the session is gone. */
    void failAll(String reason) {
        for (Pending p : pending.values()) {
            p.done.completeExceptionally(new BrokerException(BrokerException.Code.NOT_CONNECTED, reason));
        }
    }
}
